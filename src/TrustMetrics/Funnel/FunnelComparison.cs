using Microsoft.DotNet.Interactive.Formatting;
using TrustMetrics.Estimation;
using TrustMetrics.Presentation;

namespace TrustMetrics.Funnel;

/// <summary>
/// Two funnels (variants A/B or two periods) compared step by step (Holm-adjusted) and overall. Rendered by
/// <see cref="ResultFormatter"/> with each difference in percentage points, its SE, interval, z, p and Holm-adjusted p.
/// </summary>
[TypeFormatterSource(typeof(NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed class FunnelComparison : ITabularResult
{
    private readonly FunnelStageComparison[] steps;

    internal FunnelComparison(FunnelStageComparison[] steps, DifferenceTest overall)
    {
        this.steps = steps;
        Overall = overall;
    }

    /// <summary>One comparison per step (stage 1 … K), skipping steps where either funnel has nobody at the previous stage.</summary>
    public IReadOnlyList<FunnelStageComparison> Steps => steps;

    /// <summary>The overall conversion n_K/n₀ compared (pooled z, Newcombe interval).</summary>
    public DifferenceTest Overall { get; }

    /// <summary>"Funnels compared: overall +1.2 pp (p = 0.003), 1 of 3 steps significant after Holm", invariant culture.</summary>
    public override string ToString()
    {
        double alpha = 1 - Overall.Interval.Level;
        int significant = steps.Count(s => s.HolmPValue < alpha);
        return $"Funnels compared: overall {Points(Overall.Difference)} (p = {InvariantText.PValue(Overall.PValue)}), " +
            $"{InvariantText.Count(significant)} of {InvariantText.Count(Steps.Count)} steps significant after Holm";
    }

    ResultTable ITabularResult.ToTable()
    {
        var table = new ResultTable("Funnels compared (first − second)", "conversion", "difference", "SE", InvariantText.IntervalHeader(Overall.Interval),
            "statistic", "p", "Holm p", "test");
        foreach (var step in Steps.Take(ResultTable.MaxRows))
        {
            Row(table, "step to " + step.Name, step.Test, InvariantText.PValue(step.HolmPValue));
        }

        Row(table, "overall", Overall, "–");
        return table.Note("Differences in percentage points. Step p-values are Holm-adjusted across the steps; the overall conversion is one test.");
    }

    private static void Row(ResultTable table, string label, DifferenceTest test, string holm) =>
        table.Row(label, Points(test.Difference), InvariantText.Number(test.StandardError * 100, "0.00"),
            $"{Points(test.Interval.Lower)} to {Points(test.Interval.Upper)}", DifferenceTable.Statistic(test), InvariantText.PValue(test.PValue), holm, test.Test);

    private static string Points(double share) => InvariantText.Number(share * 100, "+0.0;-0.0;0.0") + " pp";
}
