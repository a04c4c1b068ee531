using TrustMetrics.Churn;
using TrustMetrics.Survival;

namespace TrustMetrics.Orleans.Surrogates;

/// <summary>Orleans wire form of <see cref="CoxRiskSetSums"/>: its versioned accumulator JSON (shortest round-trip doubles, so exact).</summary>
[GenerateSerializer, Alias("TrustMetrics.CoxRiskSetSums")]
internal struct CoxRiskSetSumsSurrogate
{
    [Id(0)] public string Json;
}

[RegisterConverter]
internal sealed class CoxRiskSetSumsConverter : IConverter<CoxRiskSetSums, CoxRiskSetSumsSurrogate>
{
    public CoxRiskSetSums ConvertFromSurrogate(in CoxRiskSetSumsSurrogate s) => CoxRiskSetSums.FromJson(s.Json);

    public CoxRiskSetSumsSurrogate ConvertToSurrogate(in CoxRiskSetSums v) => new() { Json = v.ToJson() };
}

/// <summary>Orleans wire form of <see cref="CoxFitOptions"/>; the receiver validates it again through the public constructor.</summary>
[GenerateSerializer, Alias("TrustMetrics.CoxFitOptions")]
internal struct CoxFitOptionsSurrogate
{
    [Id(0)] public int Ties;
    [Id(1)] public double Level;
    [Id(2)] public bool? Robust;
    [Id(3)] public int MaxIterations;
    [Id(4)] public double Tolerance;
}

[RegisterConverter]
internal sealed class CoxFitOptionsConverter : IConverter<CoxFitOptions, CoxFitOptionsSurrogate>
{
    public CoxFitOptions ConvertFromSurrogate(in CoxFitOptionsSurrogate s) => new((CoxTies)s.Ties, s.Level, s.Robust, s.MaxIterations, s.Tolerance);

    public CoxFitOptionsSurrogate ConvertToSurrogate(in CoxFitOptions v) =>
        new() { Ties = (int)v.Ties, Level = v.ConfidenceLevel, Robust = v.Robust, MaxIterations = v.MaxIterations, Tolerance = v.Tolerance };
}

/// <summary>
/// Orleans wire form of <see cref="CoxFit"/>: everything its constructor takes (coefficients, covariances, log-likelihoods, score
/// statistic, convergence, counts, centre), so the receiver rebuilds the same fit bit for bit (z, p, intervals and tests are recomputed
/// from the same doubles by the same code).
/// </summary>
[GenerateSerializer, Alias("TrustMetrics.CoxFit")]
internal struct CoxFitSurrogate
{
    [Id(0)] public string[] Terms;
    [Id(1)] public double[] Beta;
    [Id(2)] public double[] Covariance;
    [Id(3)] public double[]? RobustCovariance;
    [Id(4)] public double NullLogLikelihood;
    [Id(5)] public double LogLikelihood;
    [Id(6)] public double ScoreStatistic;
    [Id(7)] public bool[] MayBeInfinite;
    [Id(8)] public bool Converged;
    [Id(9)] public int Iterations;
    [Id(10)] public double GradientNorm;
    [Id(11)] public string Method;
    [Id(12)] public string Message;
    [Id(13)] public string? Boundary;
    [Id(14)] public int Ties;
    [Id(15)] public double Level;
    [Id(16)] public int Rows;
    [Id(17)] public int Events;
    [Id(18)] public double[] Center;
}

[RegisterConverter]
internal sealed class CoxFitConverter : IConverter<CoxFit, CoxFitSurrogate>
{
    public CoxFit ConvertFromSurrogate(in CoxFitSurrogate s) =>
        new(s.Terms, s.Beta, s.Covariance, s.RobustCovariance, s.NullLogLikelihood, s.LogLikelihood, s.ScoreStatistic, s.MayBeInfinite,
            new FitConvergence(s.Converged, s.Iterations, s.GradientNorm, s.Method, s.Message, s.Boundary),
            new CoxFitOptions((CoxTies)s.Ties, s.Level), s.Rows, s.Events, s.Center);

    public CoxFitSurrogate ConvertToSurrogate(in CoxFit v) => new()
    {
        Terms = [.. v.Terms],
        Beta = (double[])v.BetaArray.Clone(),
        Covariance = (double[])v.CovarianceArray.Clone(),
        RobustCovariance = (double[]?)v.RobustCovarianceArray?.Clone(),
        NullLogLikelihood = v.NullLogLikelihood,
        LogLikelihood = v.LogLikelihood,
        ScoreStatistic = v.ScoreTest.Statistic,
        MayBeInfinite = [.. v.Coefficients.Select(c => c.MayBeInfinite)],
        Converged = v.Convergence.Converged,
        Iterations = v.Convergence.Iterations,
        GradientNorm = v.Convergence.GradientNorm,
        Method = v.Convergence.Method,
        Message = v.Convergence.Message,
        Boundary = v.Convergence.Boundary,
        Ties = (int)v.Ties,
        Level = v.ConfidenceLevel,
        Rows = v.RowCount,
        Events = v.EventCount,
        Center = (double[])v.Center.Clone(),
    };
}
