using Microsoft.DotNet.Interactive.Formatting;
using TrustMetrics.Presentation;

namespace TrustMetrics.TrustIndex;

/// <summary>The trust breakdown alert: every segment × measure change between two periods, Holm-adjusted as one family.</summary>
/// <param name="Changes">Every comparison: for the whole sample and each segment present in both periods, the index then each dimension.</param>
/// <param name="SignificanceLevel">1 − confidence level: the adjusted p-value below which a drop is an alert.</param>
[TypeFormatterSource(typeof(NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed record TrustBreakdownResult(IReadOnlyList<TrustChange> Changes, double SignificanceLevel) : ITabularResult
{
    /// <summary>The changes flagged as alerts (significant drops).</summary>
    public IReadOnlyList<TrustChange> Alerts => Changes.Where(c => c.IsAlert).ToList();

    /// <summary>"Trust breakdown: 24 comparisons, 2 alerts (SMB transparency, SMB index)", invariant culture.</summary>
    public override string ToString()
    {
        var alerts = Alerts;
        return $"Trust breakdown: {InvariantText.Count(Changes.Count)} comparisons, " + (alerts.Count == 0
            ? "no alerts"
            : $"{InvariantText.Count(alerts.Count)} alert{(alerts.Count == 1 ? "" : "s")} ({string.Join(", ", alerts.Select(a => $"{a.Segment} {a.Measure}"))})");
    }

    /// <summary>
    /// Every segment × measure change (previous, current, change, test, p, Holm p, Hedges' g, alert), alerts first, as an HTML table
    /// (one well-formed <c>&lt;div&gt;</c>, text HTML-escaped, invariant culture).
    /// </summary>
    public string ToHtml() => ((ITabularResult)this).ToTable().ToHtml();

    /// <summary>The same table as <see cref="ToHtml"/> as a markdown pipe table (cells escaped, invariant culture).</summary>
    public string ToMarkdown() => ((ITabularResult)this).ToTable().ToMarkdown();

    ResultTable ITabularResult.ToTable()
    {
        var table = new ResultTable("Trust breakdown: current − previous period", "segment", "measure", "previous", "current", "change", "test", "p", "Holm p", "Hedges' g", "alert");
        var ordered = Changes.OrderByDescending(c => c.IsAlert).ToList(); // stable: alerts first, then the calculator's order
        foreach (var c in ordered.Take(ResultTable.MaxRows))
        {
            table.Row(c.Segment, c.Measure, InvariantText.Number(c.Previous, "0.0"), InvariantText.Number(c.Current, "0.0"),
                InvariantText.Number(c.Current - c.Previous, "+0.0;-0.0;0.0"), c.Test.Test, InvariantText.PValue(c.Test.PValue), InvariantText.PValue(c.AdjustedPValue),
                InvariantText.Number(c.HedgesG, "0.00"), c.IsAlert ? "alert" : "");
        }

        if (ordered.Count > ResultTable.MaxRows)
        {
            table.Note(ResultTable.Truncated(ResultTable.MaxRows, ordered.Count, nameof(Changes)));
        }

        return table.Note($"An alert is a drop whose Holm-adjusted p-value (over all {InvariantText.Count(Changes.Count)} comparisons) is below {InvariantText.Number(SignificanceLevel, "0.###")}. " +
            "Scores are 0–100; the index is tested by a bootstrap z test, dimensions by Welch's t test.");
    }
}
