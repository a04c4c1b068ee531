using Microsoft.DotNet.Interactive.Formatting;
using TrustMetrics.Estimation;
using TrustMetrics.Presentation;

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
[TypeFormatterSource(typeof(NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed record ScaleMetricResult(string Metric, ScaleTally Tally, int Threshold, Estimate TopBox, Estimate Mean) : ITabularResult
{
    /// <summary>Number of answers.</summary>
    public long Count => Tally.Count;

    /// <summary>Number of answers ≥ threshold.</summary>
    public long TopBoxCount => Tally.CountAtLeast(Threshold);

    /// <summary>A one-line summary.</summary>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{Metric.ToUpperInvariant()} {TopBox.Value:0.0}% [{TopBox.Interval.Lower:0.0}, {TopBox.Interval.Upper:0.0}], mean {Mean.Value:0.00} (n = {Count})");

    /// <summary>The top-box share, the mean and the answer distribution as an HTML table (one well-formed <c>&lt;div&gt;</c>, text HTML-escaped, invariant culture) for notebooks and web pages.</summary>
    public string ToHtml() => ((ITabularResult)this).ToTable().ToHtml();

    /// <summary>The top-box share, the mean and the answer distribution as a markdown pipe table (cells escaped, invariant culture) to paste into issues, wikis and docs.</summary>
    public string ToMarkdown() => ((ITabularResult)this).ToTable().ToMarkdown();

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
