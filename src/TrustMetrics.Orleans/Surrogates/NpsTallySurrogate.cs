using TrustMetrics.Nps;

namespace TrustMetrics.Orleans.Surrogates;

/// <summary>Orleans wire form of <see cref="NpsTally"/>: the three counts (the core stays free of Orleans attributes).</summary>
[GenerateSerializer, Alias("TrustMetrics.NpsTally")]
internal struct NpsTallySurrogate
{
    [Id(0)] public long Detractors;
    [Id(1)] public long Passives;
    [Id(2)] public long Promoters;
}

/// <summary>Converts through the tally's validating constructor, so a corrupt stored state is refused on read.</summary>
[RegisterConverter]
internal sealed class NpsTallyConverter : IConverter<NpsTally, NpsTallySurrogate>
{
    public NpsTally ConvertFromSurrogate(in NpsTallySurrogate s) => new(s.Detractors, s.Passives, s.Promoters);

    public NpsTallySurrogate ConvertToSurrogate(in NpsTally v) =>
        new() { Detractors = v.Detractors, Passives = v.Passives, Promoters = v.Promoters };
}
