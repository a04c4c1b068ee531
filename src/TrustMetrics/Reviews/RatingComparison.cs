using TrustMetrics.Estimation;

namespace TrustMetrics.Reviews;

/// <summary>
/// Two independent rating samples (two products, or one product in two periods), first − second: the mean difference by
/// Welch's t test and interval, and the positive-share difference (a share, not percent) by the pooled two-proportion z test
/// with Newcombe's hybrid score interval.
/// </summary>
/// <param name="Mean">first − second mean rating (Welch).</param>
/// <param name="PositiveShare">first − second positive share (pooled z, Newcombe interval).</param>
public sealed record RatingComparison(DifferenceTest Mean, DifferenceTest PositiveShare);
