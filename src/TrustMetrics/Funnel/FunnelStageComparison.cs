using TrustMetrics.Estimation;
using TrustMetrics.Presentation;

namespace TrustMetrics.Funnel;

/// <summary>
/// One step of two funnels compared: the step conversion difference (first − second, a share) by the pooled two-proportion
/// z test with Newcombe's interval, and its Holm-adjusted p-value across all steps of the funnel.
/// </summary>
public sealed class FunnelStageComparison
{
    internal FunnelStageComparison(string name, DifferenceTest test, double holmPValue)
    {
        Name = name;
        Test = test;
        HolmPValue = holmPValue;
    }

    /// <summary>The stage the step leads to.</summary>
    public string Name { get; }

    /// <summary>The comparison of n_i/n_{i−1} between the funnels.</summary>
    public DifferenceTest Test { get; }

    /// <summary>p adjusted by Holm across the steps.</summary>
    public double HolmPValue { get; }

    /// <summary>"step to checkout: +1.2 pp, p = 0.003, Holm p = 0.009", invariant culture.</summary>
    public override string ToString() =>
        $"step to {Name}: {InvariantText.Number(Test.Difference * 100, "+0.0;-0.0;0.0")} pp, p = {InvariantText.PValue(Test.PValue)}, Holm p = {InvariantText.PValue(HolmPValue)}";
}
