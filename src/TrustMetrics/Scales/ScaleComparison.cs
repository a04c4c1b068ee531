using TrustMetrics.Estimation;

namespace TrustMetrics.Scales;

/// <summary>
/// Two independent samples of a scale metric: the top-box difference in percentage points (pooled z test, Newcombe
/// interval) and the mean difference (Welch's t test and interval).
/// </summary>
/// <param name="TopBox">first − second top-box share, in percentage points.</param>
/// <param name="Mean">first − second mean answer.</param>
public sealed record ScaleComparison(DifferenceTest TopBox, DifferenceTest Mean);
