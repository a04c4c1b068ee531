using TrustMetrics.Churn;

namespace TrustMetrics.Orleans.Surrogates;

/// <summary>Orleans wire form of <see cref="ChurnTallyState"/>.</summary>
[GenerateSerializer, Alias("TrustMetrics.ChurnTallyState")]
internal struct ChurnTallyStateSurrogate
{
    [Id(0)] public int Version;
    [Id(1)] public int Period;
    [Id(2)] public DateOnly? AsOf;
    [Id(3)] public DateOnly? LatestDate;
    [Id(4)] public long Customers;
    [Id(5)] public long IgnoredAfterAsOf;
    [Id(6)] public ChurnBucketState[] Buckets;
}

[RegisterConverter]
internal sealed class ChurnTallyStateConverter : IConverter<ChurnTallyState, ChurnTallyStateSurrogate>
{
    public ChurnTallyState ConvertFromSurrogate(in ChurnTallyStateSurrogate s) =>
        new(s.Version, (ChurnPeriod)s.Period, s.AsOf, s.LatestDate, s.Customers, s.IgnoredAfterAsOf, s.Buckets);

    public ChurnTallyStateSurrogate ConvertToSurrogate(in ChurnTallyState v) => new()
    {
        Version = v.Version, Period = (int)v.Period, AsOf = v.AsOf, LatestDate = v.LatestDate, Customers = v.Customers,
        IgnoredAfterAsOf = v.IgnoredAfterAsOf, Buckets = v.Buckets,
    };
}

/// <summary>Orleans wire form of <see cref="ChurnBucketState"/>.</summary>
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

[RegisterConverter]
internal sealed class ChurnBucketStateConverter : IConverter<ChurnBucketState, ChurnBucketStateSurrogate>
{
    public ChurnBucketState ConvertFromSurrogate(in ChurnBucketStateSurrogate s) =>
        new(s.Start, s.Acquired, s.Lost, s.LostAcquiredInPeriod, s.StayedPeriods, s.StayedCounts);

    public ChurnBucketStateSurrogate ConvertToSurrogate(in ChurnBucketState v) => new()
    {
        Start = v.Start, Acquired = v.Acquired, Lost = v.Lost, LostAcquiredInPeriod = v.LostAcquiredInPeriod,
        StayedPeriods = v.StayedPeriods, StayedCounts = v.StayedCounts,
    };
}
