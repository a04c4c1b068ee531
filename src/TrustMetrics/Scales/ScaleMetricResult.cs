using Microsoft.DotNet.Interactive.Formatting;
using TrustMetrics.Estimation;
using TrustMetrics.Presentation;

namespace TrustMetrics.Scales;

/// <summary>
/// A scale metric (CSAT, CES): the top-box share — answers ≥ <see cref="Threshold"/> — as a percentage with a proportion
/// interval, the mean answer with a Student-t interval (x̄ ± t_{n−1}·s/√n, clipped to the scale), and the distribution.
/// </summary>
/// <remarks>Render with <see cref="ResultFormatter"/> (HTML or markdown); notebooks pick it up on their own.</remarks>
[TypeFormatterSource(typeof(NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed class ScaleMetricResult : ITabularResult
{
    internal ScaleMetricResult(string metric, ScaleTally tally, int threshold, Estimate topBox, Estimate mean)
    {
        Metric = metric;
        Tally = tally;
        Threshold = threshold;
        TopBox = topBox;
        Mean = mean;
    }

    /// <summary>The answer distribution (non-empty); its scale is <c>Tally.Scale</c> and n is <c>Tally.Count</c>.</summary>
    public ScaleTally Tally { get; }

    /// <summary>Lowest answer counted as satisfied (CSAT) or easy (CES).</summary>
    public int Threshold { get; }

    /// <summary>Percent of answers ≥ <see cref="Threshold"/>, 0–100, with its interval.</summary>
    public Estimate TopBox { get; }

    /// <summary>Mean answer x̄ = Σk·c_k/n with its Student-t interval (SE = s/√n, s² = Σc_k(k − x̄)²/(n − 1)).</summary>
    public Estimate Mean { get; }

    /// <summary>"csat" or "ces" (the CLI's labels).</summary>
    internal string Metric { get; }

    /// <summary>Number of answers.</summary>
    internal long Count => Tally.Count;

    /// <summary>Number of answers ≥ threshold.</summary>
    internal long TopBoxCount => Tally.CountAtLeast(Threshold);

    /// <summary>A one-line summary such as <c>CSAT 82.0% [73.3, 88.3], mean 4.12 (n = 100)</c> (invariant culture).</summary>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{Metric.ToUpperInvariant()} {TopBox.Value:0.0}% [{TopBox.Interval.Lower:0.0}, {TopBox.Interval.Upper:0.0}], mean {Mean.Value:0.00} (n = {Count})");

    ResultTable ITabularResult.ToTable()
    {
        string name = Metric.ToUpperInvariant();
        var table = new ResultTable(name, "measure", "estimate", "SE", InvariantText.IntervalHeader(TopBox.Interval), "method")
            .Row($"top box (≥ {Threshold}), %", InvariantText.Number(TopBox.Value, "0.0"), InvariantText.Number(TopBox.StandardError, "0.0"),
                InvariantText.Bounds(TopBox.Interval, "0.0"), TopBox.Interval.Method)
            .Row("mean answer", InvariantText.Number(Mean.Value, "0.00"), InvariantText.Number(Mean.StandardError, "0.000"),
                InvariantText.Bounds(Mean.Interval, "0.00"), Mean.Interval.Method);
        var counts = Tally.Counts;
        var parts = new string[counts.Length];
        for (int i = 0; i < counts.Length; i++)
        {
            parts[i] = $"{InvariantText.Count(Tally.Scale.Min + i)}: {InvariantText.Count(counts[i])}";
        }

        return table.Note($"n = {InvariantText.Count(Count)} answers on the {InvariantText.Count(Tally.Scale.Min)}–{InvariantText.Count(Tally.Scale.Max)} scale ({string.Join(", ", parts)}).");
    }
}
