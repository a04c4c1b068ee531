using TrustMetrics.Estimation;

namespace TrustMetrics.Funnel;

/// <summary>
/// One step of two funnels compared: the step conversion difference (first − second, a share) by the pooled two-proportion
/// z test with Newcombe's interval, and its Holm-adjusted p-value across all steps of the funnel.
/// </summary>
/// <param name="Name">The stage the step leads to.</param>
/// <param name="Test">The comparison of n_i/n_{i−1} between the funnels.</param>
/// <param name="HolmPValue">p adjusted by Holm across the steps.</param>
public sealed record FunnelStageComparison(string Name, DifferenceTest Test, double HolmPValue);
