using TrustMetrics.Estimation;
using TrustMetrics.Presentation;
using TrustMetrics.Scales;

namespace TrustMetrics.Reviews;

/// <summary>The layout one rating result and a ranking share: one row per item, the prior and the positive threshold as notes.</summary>
internal static class RatingTables
{
    /// <summary>An empty table; with <paramref name="rank"/> it starts with rank and item columns.</summary>
    public static ResultTable Create(string caption, ConfidenceInterval level, bool rank)
    {
        string ci = InvariantText.IntervalHeader(level);
        string[] values = ["n", "mean", ci, "Bayesian average", "positive", ci, "Wilson lower bound", "Dirichlet score"];
        return new ResultTable(caption, rank ? ["rank", "item", .. values] : values);
    }

    /// <summary>Adds one item's row (rank and item only when the table has those columns).</summary>
    public static void AddRow(ResultTable table, int? rank, string? item, RatingResult r)
    {
        string[] values =
        [
            InvariantText.Count(r.Count), InvariantText.Number(r.Mean.Value, "0.00"), InvariantText.Bounds(r.Mean.Interval, "0.00"),
            InvariantText.Number(r.BayesianAverage, "0.00"), InvariantText.Percent(r.PositiveShare.Value), InvariantText.PercentBounds(r.PositiveShare.Interval),
            InvariantText.Percent(r.WilsonLowerBound), InvariantText.Number(r.DirichletScore, "0.00"),
        ];
        table.Row(rank is { } k ? [InvariantText.Count(k), item ?? "", .. values] : values);
    }

    /// <summary>The scale, what counts as positive, and the prior.</summary>
    public static ResultTable Notes(ResultTable table, RatingScale scale, int positiveThreshold, RatingPrior? prior) =>
        table.Note($"Scale {InvariantText.Count(scale.Min)}–{InvariantText.Count(scale.Max)}; positive = rating ≥ {InvariantText.Count(positiveThreshold)} (Wilson interval). " +
            "Mean: Student-t interval. " + (prior is { } p && p.Weight > 0
                ? $"Bayesian average = (n·x̄ + m·C)/(n + m) with prior C = {InvariantText.Number(p.Mean, "0.00")}, m = {InvariantText.Number(p.Weight, "0.#")}."
                : "No prior: the Bayesian average equals the mean."));
}
