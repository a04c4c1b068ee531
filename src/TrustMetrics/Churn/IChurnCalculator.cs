namespace TrustMetrics.Churn;

/// <summary>
/// Customer churn from customer records: period churn and retention (survey-metrics.md §5.1), cohort retention tables (§5.4),
/// and revenue retention (§5.3); rate conversions (§5.2) are the static <see cref="ChurnConversions"/>. Implementations are stateless and thread-safe. Records are
/// <see cref="CustomerSpan"/>s (End = exclusive churn date) counted into a <see cref="ChurnTally"/>; an empty tally gives an empty list
/// or table, never an exception.
/// </summary>
public interface IChurnCalculator
{
    /// <summary>
    /// Churn of every period of the tally (first acquisition's period to the as-of date's), in time order: counts, the rate under
    /// <paramref name="definition"/>, and start-based churn and retention with intervals (null when S = 0).
    /// </summary>
    /// <param name="tally">Counts of the customer records.</param>
    /// <param name="definition">The rate definition of <see cref="PeriodChurn.Rate"/>; null uses the configured default (start-based).</param>
    /// <param name="confidenceLevel">Interval level; null uses the configured default.</param>
    IReadOnlyList<PeriodChurn> PeriodChurn(ChurnTally tally, ChurnRateDefinition? definition = null, double? confidenceLevel = null);

    /// <summary>Churn of one period from counts aggregated elsewhere.</summary>
    /// <param name="counts">S, N, L, L_new of the period.</param>
    /// <param name="definition">Rate definition; null uses the configured default.</param>
    /// <param name="confidenceLevel">Interval level; null uses the configured default.</param>
    PeriodChurn PeriodChurn(ChurnPeriodCounts counts, ChurnRateDefinition? definition = null, double? confidenceLevel = null);

    /// <summary>The cohort retention table of the tally, with intervals on every cell and on the weighted summary.</summary>
    /// <param name="tally">Counts of the customer records.</param>
    /// <param name="confidenceLevel">Interval level; null uses the configured default.</param>
    CohortTable CohortTable(ChurnTally tally, double? confidenceLevel = null);

    /// <summary>GRR, NRR, gross and net revenue churn (see <see cref="RevenueRetention"/>).</summary>
    /// <param name="movements">Revenue movements of the starting customers.</param>
    /// <param name="includeReactivation">Count reactivation in NRR and net churn.</param>
    /// <exception cref="ArgumentOutOfRangeException">M0 is 0 or C + D exceeds it.</exception>
    RevenueRetention RevenueRetention(RevenueMovements movements, bool includeReactivation = false);
}
