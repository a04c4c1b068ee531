namespace TrustMetrics.Churn;

/// <summary>
/// The serialisable, versioned form of a <see cref="ChurnTally"/>: the period kind, the dates, the record counts and one
/// <see cref="ChurnBucketState"/> per period with activity, in increasing order. Build it with <see cref="ChurnTally.ToState"/>,
/// read it back with <see cref="ChurnTally.FromState"/>. Internal: users see it only as the JSON of <see cref="ChurnTally.ToJson"/>.
/// </summary>
/// <param name="Version">Format version; <see cref="ChurnTallyState.CurrentVersion"/> for states this build writes.</param>
/// <param name="Period">The period kind.</param>
/// <param name="AsOf">The explicit as-of date, or null.</param>
/// <param name="LatestDate">The latest Start or End counted, or null when nothing was counted.</param>
/// <param name="Customers">Records counted.</param>
/// <param name="IgnoredAfterAsOf">Records skipped because they start after the as-of date.</param>
/// <param name="Buckets">Counts per period with activity, periods strictly increasing.</param>
internal sealed record ChurnTallyState(
    int Version, ChurnPeriod Period, DateOnly? AsOf, DateOnly? LatestDate, long Customers, long IgnoredAfterAsOf, ChurnBucketState[] Buckets)
{
    /// <summary>The format version this build writes and reads: 1.</summary>
    public const int CurrentVersion = 1;
}
