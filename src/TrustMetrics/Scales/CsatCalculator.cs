using TrustMetrics.Estimation;
using TrustMetrics.Grouping;

namespace TrustMetrics.Scales;

/// <summary>The standard <see cref="ICsatCalculator"/> (defaults: scale 1–5, satisfied = 4–5, Wilson interval).</summary>
public sealed class CsatCalculator : ScaleMetricCalculator, ICsatCalculator
{
    /// <summary>A calculator with the library defaults.</summary>
    public CsatCalculator()
        : this(new TrustMetricsOptions())
    {
    }

    /// <summary>A calculator using <see cref="TrustMetricsOptions.CsatScale"/> and <see cref="TrustMetricsOptions.CsatThreshold"/>.</summary>
    /// <param name="options">Defaults (validated and copied).</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is invalid.</exception>
    public CsatCalculator(TrustMetricsOptions options)
        : base("csat", options, o => (o.CsatScale, o.CsatThreshold))
    {
    }
}
