using TrustMetrics.Survival;

namespace TrustMetrics.Orleans.Surrogates;

/// <summary>Orleans wire form of <see cref="SurvivalTally"/>: its canonical state (distinct times, events, censorings, delayed entries), validated on arrival.</summary>
[GenerateSerializer, Alias("TrustMetrics.SurvivalTallyState")]
internal struct SurvivalTallyStateSurrogate
{
    [Id(0)] public int Version;
    [Id(1)] public double[] Times;
    [Id(2)] public long[] Events;
    [Id(3)] public long[] Censored;
    [Id(4)] public double[]? EntryTimes;
    [Id(5)] public long[]? Entered;
}

[RegisterConverter]
internal sealed class SurvivalTallyConverter : IConverter<SurvivalTally, SurvivalTallyStateSurrogate>
{
    public SurvivalTally ConvertFromSurrogate(in SurvivalTallyStateSurrogate s) =>
        SurvivalTally.FromState(new SurvivalTallyState(s.Version, s.Times, s.Events, s.Censored, s.EntryTimes, s.Entered));

    public SurvivalTallyStateSurrogate ConvertToSurrogate(in SurvivalTally value)
    {
        var v = value.ToState();
        return new() { Version = v.Version, Times = v.Times, Events = v.Events, Censored = v.Censored, EntryTimes = v.EntryTimes, Entered = v.Entered };
    }
}
