using TrustMetrics.Estimation;

namespace TrustMetrics.Orleans.Surrogates;

/// <summary>Orleans wire form of <see cref="Estimate"/> with its interval flattened.</summary>
[GenerateSerializer, Alias("TrustMetrics.Estimate")]
internal struct EstimateSurrogate
{
    [Id(0)] public double Value;
    [Id(1)] public double StandardError;
    [Id(2)] public double Lower;
    [Id(3)] public double Upper;
    [Id(4)] public double Level;
    [Id(5)] public string Method;
}

[RegisterConverter]
internal sealed class EstimateConverter : IConverter<Estimate, EstimateSurrogate>
{
    public Estimate ConvertFromSurrogate(in EstimateSurrogate s) =>
        new(s.Value, s.StandardError, new ConfidenceInterval(s.Lower, s.Upper, s.Level, s.Method));

    public EstimateSurrogate ConvertToSurrogate(in Estimate v) => new()
    {
        Value = v.Value, StandardError = v.StandardError, Lower = v.Interval.Lower, Upper = v.Interval.Upper,
        Level = v.Interval.Level, Method = v.Interval.Method,
    };
}
