using TrustMetrics.Estimation;

namespace TrustMetrics.TrustIndex.Sensitivity;

/// <summary>
/// How much of one unit's (the whole sample's or a segment's) index uncertainty is sampling and how much is method. Over the
/// joint design — method combination l drawn uniformly from the applicable levels, respondent resample r uniformly from the R
/// bootstrap resamples — the law of total variance splits Var(Y) = E_l[Var_r(Y | l)] + Var_l(E_r[Y | l]): the first term,
/// <see cref="SamplingVariance"/>, is the respondent-sampling variance averaged over the methods; the second,
/// <see cref="MethodVariance"/>, is the variance of the methods' expected indices. In Sobol terms <see cref="SamplingShare"/>
/// = S_T,sampling and <see cref="MethodShare"/> = the closed first-order index of the four method factors together
/// (Saltelli et al. 2008, §4.6), so the two add to 1. 0/0 := 0: a unit whose index varies under nothing has both shares 0.
/// </summary>
public sealed class UncertaintySplit
{
    internal UncertaintySplit(string segment, double? nominalIndex, double mean, double variance, double samplingVariance, double methodVariance,
        double samplingShare, ConfidenceInterval? samplingShareInterval, double methodShare, ConfidenceInterval? methodShareInterval,
        double? nominalSamplingVariance, SobolResult sobol)
    {
        Segment = segment;
        NominalIndex = nominalIndex;
        Mean = mean;
        Variance = variance;
        SamplingVariance = samplingVariance;
        MethodVariance = methodVariance;
        SamplingShare = samplingShare;
        SamplingShareInterval = samplingShareInterval;
        MethodShare = methodShare;
        MethodShareInterval = methodShareInterval;
        NominalSamplingVariance = nominalSamplingVariance;
        Sobol = sobol;
    }

    /// <summary>The segment, or "(all)" for the whole sample.</summary>
    public string Segment { get; }

    /// <summary>The unit's index under the nominal choices of the options on the full sample; null when a nominal choice is not an analysed level.</summary>
    public double? NominalIndex { get; }

    /// <summary>Mean of the index over the joint design (all methods × all resamples).</summary>
    public double Mean { get; }

    /// <summary>Var(Y) over the joint design (population variance, divisor L·R) = <see cref="SamplingVariance"/> + <see cref="MethodVariance"/>.</summary>
    public double Variance { get; }

    /// <summary>E_method[Var_resample(Y | method)]: the respondent-sampling variance, averaged over the methods (divisor R).</summary>
    public double SamplingVariance { get; }

    /// <summary>Var_method(E_resample[Y | method]): the variance of the methods' mean indices (divisor L).</summary>
    public double MethodVariance { get; }

    /// <summary>SamplingVariance / Variance in [0, 1]; 0 when Variance is 0.</summary>
    public double SamplingShare { get; }

    /// <summary>Percentile bootstrap interval of <see cref="SamplingShare"/> over the R resamples (Monte Carlo error of the finite R); null without bootstrap.</summary>
    public ConfidenceInterval? SamplingShareInterval { get; }

    /// <summary>MethodVariance / Variance in [0, 1] (= 1 − <see cref="SamplingShare"/> when Variance &gt; 0); 0 when Variance is 0.</summary>
    public double MethodShare { get; }

    /// <summary>Percentile bootstrap interval of <see cref="MethodShare"/> over the R resamples; null without bootstrap.</summary>
    public ConfidenceInterval? MethodShareInterval { get; }

    /// <summary>
    /// Variance of the index over the R resamples under the nominal method alone (divisor R − 1): the respondent bootstrap
    /// variance of the index, the square of its bootstrap standard error; null when a nominal choice is not an analysed level.
    /// </summary>
    public double? NominalSamplingVariance { get; }

    /// <summary>
    /// Sobol indices of the unit's index over the five factors normalisation, weighting, aggregation, missing answers and
    /// sampling (Saltelli design; S: Saltelli et al. 2010, ST: Jansen 1999); every index 0 when the index does not vary.
    /// </summary>
    public SobolResult Sobol { get; }

    /// <summary>"A: variance 4.1, sampling 62%, method 38%", invariant culture.</summary>
    public override string ToString() =>
        $"{Segment}: variance {Presentation.InvariantText.Significant(Variance)}, sampling {Presentation.InvariantText.Number(100 * SamplingShare, "0")}%, method {Presentation.InvariantText.Number(100 * MethodShare, "0")}%";
}
