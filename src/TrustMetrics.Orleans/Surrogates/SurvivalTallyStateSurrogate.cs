using TrustMetrics.Survival;

namespace TrustMetrics.Orleans.Surrogates;

/// <summary>Orleans wire form of <see cref="SurvivalTallyState"/>.</summary>
[GenerateSerializer, Alias("TrustMetrics.SurvivalTallyState")]
internal struct SurvivalTallyStateSurrogate
{
    [Id(0)] public int Version;
    [Id(1)] public double[] Times;
    [Id(2)] public long[] Events;
    [Id(3)] public long[] Censored;
}

[RegisterConverter]
internal sealed class SurvivalTallyStateConverter : IConverter<SurvivalTallyState, SurvivalTallyStateSurrogate>
{
    public SurvivalTallyState ConvertFromSurrogate(in SurvivalTallyStateSurrogate s) => new(s.Version, s.Times, s.Events, s.Censored);

    public SurvivalTallyStateSurrogate ConvertToSurrogate(in SurvivalTallyState v) =>
        new() { Version = v.Version, Times = v.Times, Events = v.Events, Censored = v.Censored };
}
