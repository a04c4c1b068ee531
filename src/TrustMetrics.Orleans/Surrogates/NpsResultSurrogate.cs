using TrustMetrics.Estimation;
using TrustMetrics.Nps;

namespace TrustMetrics.Orleans.Surrogates;

/// <summary>Orleans wire form of <see cref="NpsResult"/>: the tally's state and the estimate.</summary>
[GenerateSerializer, Alias("TrustMetrics.NpsResult")]
internal struct NpsResultSurrogate
{
    [Id(0)] public NpsTallyState Tally;
    [Id(1)] public Estimate Score;
}

[RegisterConverter]
internal sealed class NpsResultConverter : IConverter<NpsResult, NpsResultSurrogate>
{
    public NpsResult ConvertFromSurrogate(in NpsResultSurrogate s) => new(NpsTally.FromState(s.Tally), s.Score);

    public NpsResultSurrogate ConvertToSurrogate(in NpsResult v) => new() { Tally = v.Tally.ToState(), Score = v.Score };
}
