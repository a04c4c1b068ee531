namespace TrustMetrics.Churn;

/// <summary>
/// Cohort retention table (survey-metrics.md §5.4): rows are acquisition cohorts (customers whose Start falls in the same
/// period), column k the share still active k whole periods after their own acquisition day; cells that have not happened yet
/// are absent, and the summary row averages each column over the cohorts that reached that age only.
/// Rows are in time order and only periods that acquired at least one customer have a row; an empty tally gives no rows.
/// </summary>
/// <param name="Period">The period kind of cohorts and ages.</param>
/// <param name="AsOf">The last day of data the table was computed to; null when the table is empty and no as-of date was given.</param>
/// <param name="Rows">One row per non-empty acquisition cohort, oldest first.</param>
/// <param name="Summary">One summary per age 0..<see cref="MaxAge"/> (index = age).</param>
public sealed record CohortTable(ChurnPeriod Period, DateOnly? AsOf, IReadOnlyList<CohortRow> Rows, IReadOnlyList<CohortAgeSummary> Summary)
{
    /// <summary>The oldest age observed in any cohort (−1 for an empty table).</summary>
    public int MaxAge => Summary.Count - 1;
}
