using Microsoft.DotNet.Interactive.Formatting;
using TrustMetrics.Estimation;
using TrustMetrics.Presentation;

namespace TrustMetrics.TrustIndex;

/// <summary>
/// Key-driver analysis of an outcome on the drivers (complete cases): R² of the linear regression and its decomposition by
/// Johnson's relative weights and by Shapley values (exact over all 2^p subsets, p ≤ <see cref="TrustIndexCalculator.MaxShapleyDrivers"/>).
/// Intervals are bootstrap percentiles over respondents; replicates where the drivers became collinear or constant are skipped
/// and counted in <see cref="SkippedReplicates"/>. Render with <see cref="ResultFormatter"/>.
/// </summary>
[TypeFormatterSource(typeof(NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed class KeyDriverResult : ITabularResult
{
    private readonly KeyDriver[] drivers;

    internal KeyDriverResult(string outcome, long count, Estimate rSquared, KeyDriver[] drivers, int replicates, int skippedReplicates)
    {
        Outcome = outcome;
        Count = count;
        RSquared = rSquared;
        this.drivers = drivers;
        Replicates = replicates;
        SkippedReplicates = skippedReplicates;
    }

    /// <summary>Name of the outcome.</summary>
    public string Outcome { get; }

    /// <summary>Complete cases used.</summary>
    public long Count { get; }

    /// <summary>Model R² with its bootstrap interval.</summary>
    public Estimate RSquared { get; }

    /// <summary>Per driver, in input order.</summary>
    public IReadOnlyList<KeyDriver> Drivers => drivers;

    /// <summary>Bootstrap replicates requested.</summary>
    public int Replicates { get; }

    /// <summary>Replicates skipped because a resample was degenerate.</summary>
    public int SkippedReplicates { get; }

    /// <summary>"Key drivers of nps: R² 0.331 [0.31, 0.35], n = 4,000; largest share consistency (31% of R²)", invariant culture.</summary>
    public override string ToString()
    {
        string interval = TrustIndexTables.HasInterval(RSquared) ? $" [{InvariantText.Number(RSquared.Interval.Lower, "0.000")}, {InvariantText.Number(RSquared.Interval.Upper, "0.000")}]" : "";
        var top = drivers.Length == 0 ? null : drivers.MaxBy(d => d.Shapley.Value);
        return $"Key drivers of {Outcome}: R² {InvariantText.Number(RSquared.Value, "0.000")}{interval}, n = {InvariantText.Count(Count)}" +
            (top is null ? "" : $"; largest share {top.Name} ({InvariantText.Optional(top.ShapleyPercent, "0")}% of R²)");
    }

    ResultTable ITabularResult.ToTable()
    {
        string ci = InvariantText.IntervalHeader(RSquared.Interval);
        var table = new ResultTable($"Key drivers of {Outcome}", "driver", "r", "Shapley", ci, "% of R²", "relative weight", ci, "% of R²");
        foreach (var d in drivers.OrderByDescending(d => d.Shapley.Value))
        {
            table.Row(d.Name, InvariantText.Number(d.Correlation, "0.000"),
                InvariantText.Number(d.Shapley.Value, "0.000"), TrustIndexTables.Bounds3(d.Shapley), InvariantText.Optional(d.ShapleyPercent, "0.0"),
                InvariantText.Number(d.RelativeWeight.Value, "0.000"), TrustIndexTables.Bounds3(d.RelativeWeight), InvariantText.Optional(d.RelativeWeightPercent, "0.0"));
        }

        return table
            .Note($"R² = {InvariantText.Number(RSquared.Value, "0.000")} ({ci} {TrustIndexTables.Bounds3(RSquared)}), " +
                $"n = {InvariantText.Count(Count)} complete cases; {InvariantText.Count(Replicates)} bootstrap replicates, {InvariantText.Count(SkippedReplicates)} skipped.")
            .Note("Shapley (LMG) values and Johnson's relative weights each sum to R²; read them against the dimension scores: fix first what matters most and scores lowest.");
    }
}
