using TrustMetrics.Nps;

namespace TrustMetrics.Orleans.Surrogates;

/// <summary>Orleans wire form of <see cref="NpsTallyState"/> (the core stays free of Orleans attributes).</summary>
[GenerateSerializer, Alias("TrustMetrics.NpsTallyState")]
internal struct NpsTallyStateSurrogate
{
    [Id(0)] public int Version;
    [Id(1)] public long Detractors;
    [Id(2)] public long Passives;
    [Id(3)] public long Promoters;
}

[RegisterConverter]
internal sealed class NpsTallyStateConverter : IConverter<NpsTallyState, NpsTallyStateSurrogate>
{
    public NpsTallyState ConvertFromSurrogate(in NpsTallyStateSurrogate s) => new(s.Version, s.Detractors, s.Passives, s.Promoters);

    public NpsTallyStateSurrogate ConvertToSurrogate(in NpsTallyState v) =>
        new() { Version = v.Version, Detractors = v.Detractors, Passives = v.Passives, Promoters = v.Promoters };
}
