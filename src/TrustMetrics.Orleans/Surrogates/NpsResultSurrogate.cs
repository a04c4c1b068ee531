using TrustMetrics.Estimation;
using TrustMetrics.Nps;

namespace TrustMetrics.Orleans.Surrogates;

/// <summary>Orleans wire form of <see cref="NpsResult"/>: the tally and the estimate (the result's constructor is internal to the core, visible here).</summary>
[GenerateSerializer, Alias("TrustMetrics.NpsResult")]
internal struct NpsResultSurrogate
{
    [Id(0)] public NpsTally Tally;
    [Id(1)] public Estimate Score;
}

[RegisterConverter]
internal sealed class NpsResultConverter : IConverter<NpsResult, NpsResultSurrogate>
{
    public NpsResult ConvertFromSurrogate(in NpsResultSurrogate s) => new(s.Tally, s.Score);

    public NpsResultSurrogate ConvertToSurrogate(in NpsResult v) => new() { Tally = v.Tally, Score = v.Score };
}
