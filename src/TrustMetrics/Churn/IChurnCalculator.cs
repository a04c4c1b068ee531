using TrustMetrics.Estimation;

namespace TrustMetrics.Churn;

/// <summary>
/// Customer churn from customer records: period churn and retention (survey-metrics.md §5.1), cohort retention tables (§5.4),
/// revenue retention (§5.3) and rate conversions (§5.2). Implementations are stateless and thread-safe. Records are
/// <see cref="CustomerSpan"/>s (End = exclusive churn date); an empty input gives an empty list or table, never an exception.
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

    /// <summary>Period churn straight from customer records (one pass), as <see cref="PeriodChurn(ChurnTally, ChurnRateDefinition?, double?)"/>.</summary>
    /// <param name="customers">One span per customer.</param>
    /// <param name="period">Period kind.</param>
    /// <param name="asOf">Last day of data; null uses the latest date in the records.</param>
    /// <param name="definition">Rate definition; null uses the configured default.</param>
    /// <exception cref="ArgumentException">A record ends before it starts (the message names the row and both dates).</exception>
    IReadOnlyList<PeriodChurn> PeriodChurn(IEnumerable<CustomerSpan> customers, ChurnPeriod period, DateOnly? asOf = null,
        ChurnRateDefinition? definition = null);

    /// <summary>Churn of one period from counts aggregated elsewhere.</summary>
    /// <param name="counts">S, N, L, L_new of the period.</param>
    /// <param name="definition">Rate definition; null uses the configured default.</param>
    /// <param name="confidenceLevel">Interval level; null uses the configured default.</param>
    PeriodChurn PeriodChurn(ChurnPeriodCounts counts, ChurnRateDefinition? definition = null, double? confidenceLevel = null);

    /// <summary>The cohort retention table of the tally, with intervals on every cell and on the weighted summary.</summary>
    /// <param name="tally">Counts of the customer records.</param>
    /// <param name="confidenceLevel">Interval level; null uses the configured default.</param>
    CohortTable CohortTable(ChurnTally tally, double? confidenceLevel = null);

    /// <summary>The cohort retention table straight from customer records (one pass).</summary>
    /// <param name="customers">One span per customer.</param>
    /// <param name="period">Period kind of cohorts and ages.</param>
    /// <param name="asOf">Last day of data; null uses the latest date in the records.</param>
    /// <exception cref="ArgumentException">A record ends before it starts (the message names the row and both dates).</exception>
    CohortTable CohortTable(IEnumerable<CustomerSpan> customers, ChurnPeriod period, DateOnly? asOf = null);

    /// <summary>GRR, NRR, gross and net revenue churn (see <see cref="RevenueRetention"/>).</summary>
    /// <param name="movements">Revenue movements of the starting customers.</param>
    /// <param name="includeReactivation">Count reactivation in NRR and net churn.</param>
    RevenueRetention RevenueRetention(RevenueMovements movements, bool includeReactivation = false);

    /// <summary>Annual churn 1 − (1 − m)^12 from monthly churn m.</summary>
    /// <param name="monthlyRate">Monthly churn in [0, 1].</param>
    double AnnualFromMonthly(double monthlyRate);

    /// <summary>Monthly churn 1 − (1 − a)^(1/12) from annual churn a.</summary>
    /// <param name="annualRate">Annual churn in [0, 1].</param>
    double MonthlyFromAnnual(double annualRate);

    /// <summary>Churn compounded over k periods, 1 − (1 − m)^k, with its interval mapped and SE by the delta method.</summary>
    /// <param name="churn">Per-period churn estimate.</param>
    /// <param name="periods">k &gt; 0.</param>
    Estimate Compound(Estimate churn, double periods);

    /// <summary>Expected lifetime 1/m periods under constant churn m (+∞ when m = 0).</summary>
    /// <param name="rate">Churn per period in [0, 1].</param>
    double ExpectedLifetime(double rate);
}
