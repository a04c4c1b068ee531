using TrustMetrics.Estimation;
using TrustMetrics.Grouping;

namespace TrustMetrics.Scales;

/// <summary>The standard <see cref="ICesCalculator"/> (defaults: scale 1–7, easy = 5–7, Wilson interval).</summary>
public sealed class CesCalculator : ScaleMetricCalculator, ICesCalculator
{
    /// <summary>A calculator with the library defaults.</summary>
    public CesCalculator()
        : this(new TrustMetricsOptions())
    {
    }

    /// <summary>A calculator using <see cref="TrustMetricsOptions.CesScale"/> and <see cref="TrustMetricsOptions.CesThreshold"/>.</summary>
    /// <param name="options">Defaults (validated and copied).</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is invalid.</exception>
    public CesCalculator(TrustMetricsOptions options)
        : base("ces", options, o => (o.CesScale, o.CesThreshold))
    {
    }
}
