using TrustMetrics.Estimation;

namespace TrustMetrics.Churn;

/// <summary>
/// The summary of one column (age k) of a cohort table over the <see cref="Cohorts"/> cohorts that have reached age k
/// (survey-metrics.md §5.4). <see cref="Weighted"/> is the size-weighted retention Σ active_k / Σ size over those cohorts —
/// the share of all their customers still active, the recommended summary — with the configured proportion interval of the
/// pooled counts. <see cref="UnweightedMean"/> is the plain mean of the cohorts' cell rates, which gives a small cohort as much
/// say as a large one and differs from the weighted value; it is offered for comparison with reports that use it.
/// </summary>
/// <param name="Age">Periods since acquisition, k ≥ 0.</param>
/// <param name="Cohorts">Number of cohorts that reached age k.</param>
/// <param name="Active">Σ active_k over those cohorts.</param>
/// <param name="CohortSize">Σ size over those cohorts.</param>
/// <param name="Weighted">Σ active_k / Σ size with standard error and interval.</param>
/// <param name="UnweightedMean">Mean over those cohorts of active_k / size.</param>
public readonly record struct CohortAgeSummary(int Age, int Cohorts, long Active, long CohortSize, Estimate Weighted, double UnweightedMean);
