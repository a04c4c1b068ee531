using TrustMetrics.Churn;

namespace TrustMetrics.Orleans.Surrogates;

/// <summary>Orleans wire form of <see cref="ChurnTally"/>: its versioned state (period kind, dates, one bucket per period), validated on arrival.</summary>
[GenerateSerializer, Alias("TrustMetrics.ChurnTallyState")]
internal struct ChurnTallyStateSurrogate
{
    [Id(0)] public int Version;
    [Id(1)] public int Period;
    [Id(2)] public DateOnly? AsOf;
    [Id(3)] public DateOnly? LatestDate;
    [Id(4)] public long Customers;
    [Id(5)] public long IgnoredAfterAsOf;
    [Id(6)] public ChurnBucketStateSurrogate[] Buckets;
}

[RegisterConverter]
internal sealed class ChurnTallyConverter : IConverter<ChurnTally, ChurnTallyStateSurrogate>
{
    public ChurnTally ConvertFromSurrogate(in ChurnTallyStateSurrogate s) =>
        ChurnTally.FromState(new ChurnTallyState(s.Version, (ChurnPeriod)s.Period, s.AsOf, s.LatestDate, s.Customers, s.IgnoredAfterAsOf,
            [.. (s.Buckets ?? []).Select(b => new ChurnBucketState(b.Start, b.Acquired, b.Lost, b.LostAcquiredInPeriod, b.StayedPeriods, b.StayedCounts))]));

    public ChurnTallyStateSurrogate ConvertToSurrogate(in ChurnTally value)
    {
        var v = value.ToState();
        return new()
        {
            Version = v.Version, Period = (int)v.Period, AsOf = v.AsOf, LatestDate = v.LatestDate, Customers = v.Customers,
            IgnoredAfterAsOf = v.IgnoredAfterAsOf,
            Buckets = [.. v.Buckets.Select(b => new ChurnBucketStateSurrogate
            {
                Start = b.Start, Acquired = b.Acquired, Lost = b.Lost, LostAcquiredInPeriod = b.LostAcquiredInPeriod,
                StayedPeriods = b.StayedPeriods, StayedCounts = b.StayedCounts,
            })],
        };
    }
}

/// <summary>Orleans wire form of one bucket of a <see cref="ChurnTally"/> state.</summary>
[GenerateSerializer, Alias("TrustMetrics.ChurnBucketState")]
internal struct ChurnBucketStateSurrogate
{
    [Id(0)] public DateOnly Start;
    [Id(1)] public long Acquired;
    [Id(2)] public long Lost;
    [Id(3)] public long LostAcquiredInPeriod;
    [Id(4)] public int[] StayedPeriods;
    [Id(5)] public long[] StayedCounts;
}
