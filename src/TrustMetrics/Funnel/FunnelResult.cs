using Microsoft.DotNet.Interactive.Formatting;
using TrustMetrics.Estimation;
using TrustMetrics.Presentation;

namespace TrustMetrics.Funnel;

/// <summary>
/// A funnel's stages and its overall conversion n_K/n₀ (= the last stage's cumulative conversion). Rendered by
/// <see cref="ResultFormatter"/> as one row per stage (reached, step conversion, drop-off, cumulative conversion, intervals).
/// </summary>
[TypeFormatterSource(typeof(NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed class FunnelResult : ITabularResult
{
    private readonly FunnelStage[] stages;

    internal FunnelResult(FunnelTally tally, FunnelStage[] stages)
    {
        Tally = tally;
        this.stages = stages;
    }

    /// <summary>The counts.</summary>
    public FunnelTally Tally { get; }

    /// <summary>One entry per stage, in funnel order.</summary>
    public IReadOnlyList<FunnelStage> Stages => stages;

    /// <summary>Overall conversion n_K/n₀ with its Wilson interval.</summary>
    public Estimate Overall => Stages[^1].CumulativeConversion;

    /// <summary>"Funnel visit → cart → checkout → purchase: 10,000 → 300, overall 3.0% [2.7%, 3.4%]", invariant culture.</summary>
    public override string ToString() =>
        $"Funnel {string.Join(" → ", Stages.Select(s => s.Name))}: {InvariantText.Count(Stages[0].Reached)} → {InvariantText.Count(Stages[^1].Reached)}, " +
        $"overall {InvariantText.Percent(Overall.Value)} [{InvariantText.PercentBounds(Overall.Interval).Replace(" to ", ", ", StringComparison.Ordinal)}]";

    ResultTable ITabularResult.ToTable()
    {
        string ci = InvariantText.IntervalHeader(Overall.Interval);
        var table = new ResultTable("Journey funnel", "stage", "reached", "step conversion", ci, "drop-off", "cumulative conversion", ci);
        foreach (var s in Stages.Take(ResultTable.MaxRows))
        {
            table.Row(s.Name, InvariantText.Count(s.Reached),
                s.StepConversion is { } step ? InvariantText.Percent(step.Value) : "–",
                s.StepConversion is { } interval ? InvariantText.PercentBounds(interval.Interval) : "–",
                s.DropOff is { } drop ? InvariantText.Percent(drop) : "–",
                InvariantText.Percent(s.CumulativeConversion.Value), InvariantText.PercentBounds(s.CumulativeConversion.Interval));
        }

        if (Stages.Count > ResultTable.MaxRows)
        {
            table.Note(ResultTable.Truncated(ResultTable.MaxRows, Stages.Count, nameof(Stages)));
        }

        return table.Note($"Step conversion n_i/n_(i−1), cumulative n_i/n_0, each with its own {Overall.Interval.Method} interval.");
    }
}
