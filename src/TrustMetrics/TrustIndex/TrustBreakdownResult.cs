using Microsoft.DotNet.Interactive.Formatting;
using TrustMetrics.Presentation;

namespace TrustMetrics.TrustIndex;

/// <summary>
/// The trust breakdown alert: every segment × measure change between two periods, Holm-adjusted as one family.
/// Render with <see cref="ResultFormatter"/>.
/// </summary>
[TypeFormatterSource(typeof(NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed class TrustBreakdownResult : ITabularResult
{
    private readonly TrustChange[] changes;
    private readonly TrustChange[] alerts;

    internal TrustBreakdownResult(TrustChange[] changes, double significanceLevel)
    {
        this.changes = changes;
        alerts = changes.Where(c => c.IsAlert).ToArray();
        SignificanceLevel = significanceLevel;
    }

    /// <summary>Every comparison: for the whole sample and each segment present in both periods, the index then each dimension.</summary>
    public IReadOnlyList<TrustChange> Changes => changes;

    /// <summary>The changes flagged as alerts (significant drops), in the order of <see cref="Changes"/>.</summary>
    public IReadOnlyList<TrustChange> Alerts => alerts;

    /// <summary>1 − confidence level: the adjusted p-value below which a drop is an alert.</summary>
    public double SignificanceLevel { get; }

    /// <summary>"Trust breakdown: 24 comparisons, 2 alerts (SMB transparency, SMB index)", invariant culture.</summary>
    public override string ToString() =>
        $"Trust breakdown: {InvariantText.Count(changes.Length)} comparisons, " + (alerts.Length == 0
            ? "no alerts"
            : $"{InvariantText.Count(alerts.Length)} alert{(alerts.Length == 1 ? "" : "s")} ({string.Join(", ", alerts.Select(a => $"{a.Segment} {a.Measure}"))})");

    ResultTable ITabularResult.ToTable()
    {
        var table = new ResultTable("Trust breakdown: current − previous period", "segment", "measure", "previous", "current", "change", "test", "p", "Holm p", "Hedges' g", "alert");
        var ordered = changes.OrderByDescending(c => c.IsAlert).ToList(); // stable: alerts first, then the calculator's order
        foreach (var c in ordered.Take(ResultTable.MaxRows))
        {
            table.Row(c.Segment, c.Measure, InvariantText.Number(c.Previous, "0.0"), InvariantText.Number(c.Current, "0.0"),
                InvariantText.Number(c.Current - c.Previous, "+0.0;-0.0;0.0"), c.Test.Test, InvariantText.PValue(c.Test.PValue), InvariantText.PValue(c.AdjustedPValue),
                InvariantText.Optional(c.HedgesG, "0.00"), c.IsAlert ? "alert" : "");
        }

        if (ordered.Count > ResultTable.MaxRows)
        {
            table.Note(ResultTable.Truncated(ResultTable.MaxRows, ordered.Count, nameof(Changes)));
        }

        return table.Note($"An alert is a drop whose Holm-adjusted p-value (over all {InvariantText.Count(changes.Length)} comparisons) is below {InvariantText.Number(SignificanceLevel, "0.###")}. " +
            "Scores are 0–100; the index is tested by a bootstrap z test, dimensions by Welch's t test.");
    }
}
