using Microsoft.DotNet.Interactive.Formatting;
using TrustMetrics.Estimation;
using TrustMetrics.Presentation;

namespace TrustMetrics.TrustIndex;

/// <summary>
/// Key-driver analysis of an outcome on the drivers (complete cases): R² of the linear regression and its decomposition by
/// Johnson's relative weights and by Shapley values (exact over all 2^p subsets, p ≤ <see cref="TrustIndexCalculator.MaxShapleyDrivers"/>).
/// Intervals are bootstrap percentiles over respondents; replicates where the drivers became collinear or constant are skipped
/// and counted in <see cref="SkippedReplicates"/>.
/// </summary>
/// <param name="Outcome">Name of the outcome.</param>
/// <param name="Count">Complete cases used.</param>
/// <param name="RSquared">Model R² with its bootstrap interval.</param>
/// <param name="Drivers">Per driver, in input order.</param>
/// <param name="Replicates">Bootstrap replicates requested.</param>
/// <param name="SkippedReplicates">Replicates skipped because a resample was degenerate.</param>
[TypeFormatterSource(typeof(NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed record KeyDriverResult(string Outcome, long Count, Estimate RSquared, IReadOnlyList<KeyDriver> Drivers, int Replicates, int SkippedReplicates) : ITabularResult
{
    /// <summary>"Key drivers of nps: R² 0.331 [0.31, 0.35], n = 4,000; largest share consistency (31% of R²)", invariant culture.</summary>
    public override string ToString()
    {
        string interval = double.IsInfinity(RSquared.Interval.Lower) ? "" : $" [{InvariantText.Number(RSquared.Interval.Lower, "0.000")}, {InvariantText.Number(RSquared.Interval.Upper, "0.000")}]";
        var top = Drivers.Count == 0 ? null : Drivers.MaxBy(d => d.Shapley.Value);
        return $"Key drivers of {Outcome}: R² {InvariantText.Number(RSquared.Value, "0.000")}{interval}, n = {InvariantText.Count(Count)}" +
            (top is null ? "" : $"; largest share {top.Name} ({InvariantText.Number(top.ShapleyPercent, "0")}% of R²)");
    }

    /// <summary>
    /// Per driver: correlation, Shapley value and relative weight with their intervals and shares of R², largest Shapley share first,
    /// as an HTML table (one well-formed <c>&lt;div&gt;</c>, text HTML-escaped, invariant culture).
    /// </summary>
    public string ToHtml() => ((ITabularResult)this).ToTable().ToHtml();

    /// <summary>The same table as <see cref="ToHtml"/> as a markdown pipe table (cells escaped, invariant culture).</summary>
    public string ToMarkdown() => ((ITabularResult)this).ToTable().ToMarkdown();

    ResultTable ITabularResult.ToTable()
    {
        string ci = InvariantText.IntervalHeader(RSquared.Interval);
        var table = new ResultTable($"Key drivers of {Outcome}", "driver", "r", "Shapley", ci, "% of R²", "relative weight", ci, "% of R²");
        foreach (var d in Drivers.OrderByDescending(d => d.Shapley.Value))
        {
            table.Row(d.Name, InvariantText.Number(d.Correlation, "0.000"),
                InvariantText.Number(d.Shapley.Value, "0.000"), InvariantText.OptionalBounds(d.Shapley.Interval, "0.000"), InvariantText.Number(d.ShapleyPercent, "0.0"),
                InvariantText.Number(d.RelativeWeight.Value, "0.000"), InvariantText.OptionalBounds(d.RelativeWeight.Interval, "0.000"), InvariantText.Number(d.RelativeWeightPercent, "0.0"));
        }

        return table
            .Note($"R² = {InvariantText.Number(RSquared.Value, "0.000")} ({ci} {InvariantText.OptionalBounds(RSquared.Interval, "0.000")}), " +
                $"n = {InvariantText.Count(Count)} complete cases; {InvariantText.Count(Replicates)} bootstrap replicates, {InvariantText.Count(SkippedReplicates)} skipped.")
            .Note("Shapley (LMG) values and Johnson's relative weights each sum to R²; read them against the dimension scores: fix first what matters most and scores lowest.");
    }
}
