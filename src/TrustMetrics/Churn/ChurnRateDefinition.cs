namespace TrustMetrics.Churn;

/// <summary>
/// Which customers enter the numerator and denominator of a period's customer (logo) churn rate
/// (survey-metrics.md §5.1; notation S = customers at the start, N = acquired, L = lost, L_new = lost among those acquired
/// in the period, E = S + N − L). There is no single standard; every variant is in use, so results name theirs.
/// </summary>
public enum ChurnRateDefinition
{
    /// <summary>
    /// (L − L_new)/S: the share of the starting base that was lost (ChartMogul's B2B formula, the default). Customers acquired and
    /// lost inside the period are excluded because the starting base never contained them. A binomial proportion of S, so it
    /// carries a Wilson interval; undefined (null) when S = 0.
    /// </summary>
    StartBased = 0,

    /// <summary>
    /// L/S. Pitfall: counts customers acquired and lost inside the period against a base that never contained them, so it
    /// overstates churn when acquisition is high and can exceed 1. Not a proportion: no interval.
    /// </summary>
    Naive = 1,

    /// <summary>
    /// L/((S + E)/2), the average-customers denominator (Croll &amp; Yoskovitz, Lean Analytics). Pitfall: assumes the base grows
    /// linearly through the period; with hockey-stick growth (100 at the start, 10,000 at the end) the average of 5,050 customers
    /// never existed and churn is understated. Can exceed 1 when S is small. Not a proportion: no interval.
    /// </summary>
    AverageCustomers = 2,
}
