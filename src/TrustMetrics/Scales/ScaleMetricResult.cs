using TrustMetrics.Estimation;

namespace TrustMetrics.Scales;

/// <summary>
/// A scale metric (CSAT, CES): the top-box share — answers ≥ <see cref="Threshold"/> — as a percentage with a proportion
/// interval, the mean answer with a Student-t interval (x̄ ± t_{n−1}·s/√n, clipped to the scale), and the distribution.
/// </summary>
/// <param name="Metric">"csat" or "ces".</param>
/// <param name="Tally">The answer distribution.</param>
/// <param name="Threshold">Lowest answer counted as satisfied (CSAT) or easy (CES).</param>
/// <param name="TopBox">Percent of answers ≥ threshold, 0–100, with its interval.</param>
/// <param name="Mean">Mean answer with its t interval.</param>
public sealed record ScaleMetricResult(string Metric, ScaleTally Tally, int Threshold, Estimate TopBox, Estimate Mean)
{
    /// <summary>Number of answers.</summary>
    public long Count => Tally.Count;

    /// <summary>Number of answers ≥ threshold.</summary>
    public long TopBoxCount => Tally.CountAtLeast(Threshold);

    /// <summary>A one-line summary.</summary>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{Metric.ToUpperInvariant()} {TopBox.Value:0.0}% [{TopBox.Interval.Lower:0.0}, {TopBox.Interval.Upper:0.0}], mean {Mean.Value:0.00} (n = {Count})");
}
