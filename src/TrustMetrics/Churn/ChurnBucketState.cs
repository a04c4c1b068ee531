namespace TrustMetrics.Churn;

/// <summary>
/// One period's counts inside a <see cref="ChurnTallyState"/>: customers acquired and lost in it, those lost in the period they were
/// acquired, and for the lost customers of this cohort how many whole periods they stayed (a sparse histogram).
/// </summary>
/// <param name="Start">First day of the period (the period is named by its start so the state does not depend on an internal numbering).</param>
/// <param name="Acquired">Customers whose Start falls in the period.</param>
/// <param name="Lost">Customers whose End falls in the period.</param>
/// <param name="LostAcquiredInPeriod">Customers acquired and lost in the period.</param>
/// <param name="StayedPeriods">Whole periods stayed m, strictly increasing, ≥ 0.</param>
/// <param name="StayedCounts">Lost customers of this cohort who stayed each m, ≥ 1.</param>
internal sealed record ChurnBucketState(DateOnly Start, long Acquired, long Lost, long LostAcquiredInPeriod, int[] StayedPeriods, long[] StayedCounts);
