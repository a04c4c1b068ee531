using TrustMetrics.Survival;

namespace TrustMetrics.Orleans.Surrogates;

/// <summary>
/// Orleans wire form of <see cref="KaplanMeierResult"/>: the tally, the level and the interval method. The receiver recomputes
/// the curve (linear in the distinct times, deterministic), so the table it reads is exactly the sender's.
/// </summary>
[GenerateSerializer, Alias("TrustMetrics.KaplanMeierResult")]
internal struct KaplanMeierResultSurrogate
{
    [Id(0)] public SurvivalTally Tally;
    [Id(1)] public double Level;
    [Id(2)] public int Method;
}

[RegisterConverter]
internal sealed class KaplanMeierResultConverter : IConverter<KaplanMeierResult, KaplanMeierResultSurrogate>
{
    private static readonly SurvivalAnalyzer Analyzer = new();

    public KaplanMeierResult ConvertFromSurrogate(in KaplanMeierResultSurrogate s) =>
        Analyzer.KaplanMeier(s.Tally, s.Level, (SurvivalIntervalMethod)s.Method);

    public KaplanMeierResultSurrogate ConvertToSurrogate(in KaplanMeierResult v) =>
        new() { Tally = v.Tally, Level = v.ConfidenceLevel, Method = (int)v.IntervalMethod };
}
