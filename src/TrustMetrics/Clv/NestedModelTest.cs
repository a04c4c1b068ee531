using TrustMetrics.Presentation;

namespace TrustMetrics.Clv;

/// <summary>
/// Likelihood-ratio test of a purchase model against the nested NBD model without drop-out (the limit a → 0 of BG/NBD and
/// MBG/NBD, s → 0 of Pareto/NBD): G = 2(LL_model − LL_NBD), p = P(χ²_df ≥ G) with df = 2 extra parameters. The null lies on the
/// boundary of the parameter space (and one drop-out parameter is not identified under it), so the χ² reference is an
/// approximation (Self &amp; Liang 1987); G itself is exact. BG/NBD and MBG/NBD are not nested in each other (both have four
/// parameters and neither is a special case of the other): compare them by AIC/BIC. Built by <see cref="HoldoutEvaluator"/>.
/// </summary>
public sealed class NestedModelTest
{
    internal NestedModelTest(string nullModel, double nullLogLikelihood, double statistic, int degreesOfFreedom, double pValue)
    {
        NullModel = nullModel;
        NullLogLikelihood = nullLogLikelihood;
        Statistic = statistic;
        DegreesOfFreedom = degreesOfFreedom;
        PValue = pValue;
    }

    /// <summary>The nested model: "nbd".</summary>
    public string NullModel { get; }

    /// <summary>Maximised log-likelihood of the nested model (same data and time unit).</summary>
    public double NullLogLikelihood { get; }

    /// <summary>G = 2(LL_model − LL_null), ≥ 0 up to optimiser tolerance (clamped at 0).</summary>
    public double Statistic { get; }

    /// <summary>Number of parameters the model adds (2).</summary>
    public int DegreesOfFreedom { get; }

    /// <summary>P(χ²_df ≥ G).</summary>
    public double PValue { get; }

    /// <summary>"vs nbd: G = 123.4 (df 2), p = 1e-27" (invariant culture).</summary>
    public override string ToString() =>
        $"vs {NullModel}: G = {InvariantText.Number(Statistic, "0.###")} (df {DegreesOfFreedom}), p = {InvariantText.PValue(PValue)}";
}
