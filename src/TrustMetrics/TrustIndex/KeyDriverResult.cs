using TrustMetrics.Estimation;

namespace TrustMetrics.TrustIndex;

/// <summary>
/// Key-driver analysis of an outcome on the drivers (complete cases): R² of the linear regression and its decomposition by
/// Johnson's relative weights and by Shapley values (exact over all 2^p subsets, p ≤ <see cref="TrustIndexCalculator.MaxShapleyDrivers"/>).
/// Intervals are bootstrap percentiles over respondents; replicates where the drivers became collinear or constant are skipped
/// and counted in <see cref="SkippedReplicates"/>.
/// </summary>
/// <param name="Outcome">Name of the outcome.</param>
/// <param name="Count">Complete cases used.</param>
/// <param name="RSquared">Model R² with its bootstrap interval.</param>
/// <param name="Drivers">Per driver, in input order.</param>
/// <param name="Replicates">Bootstrap replicates requested.</param>
/// <param name="SkippedReplicates">Replicates skipped because a resample was degenerate.</param>
public sealed record KeyDriverResult(string Outcome, long Count, Estimate RSquared, IReadOnlyList<KeyDriver> Drivers, int Replicates, int SkippedReplicates);
