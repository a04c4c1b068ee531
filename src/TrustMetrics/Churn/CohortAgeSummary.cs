using TrustMetrics.Estimation;

namespace TrustMetrics.Churn;

/// <summary>
/// The summary of one column (age k) of a cohort table over the <see cref="Cohorts"/> cohorts that have reached age k
/// (survey-metrics.md §5.4). <see cref="Weighted"/> is the size-weighted retention Σ active_k / Σ size over those cohorts —
/// the share of all their customers still active, the recommended summary — with the configured proportion interval of the
/// pooled counts. <see cref="UnweightedMean"/> is the plain mean of the cohorts' cell rates, which gives a small cohort as much
/// say as a large one and differs from the weighted value; it is offered for comparison with reports that use it.
/// </summary>
public sealed class CohortAgeSummary
{
    internal CohortAgeSummary(int age, int cohorts, long active, long cohortSize, Estimate weighted, double unweightedMean)
    {
        Age = age;
        Cohorts = cohorts;
        Active = active;
        CohortSize = cohortSize;
        Weighted = weighted;
        UnweightedMean = unweightedMean;
    }

    /// <summary>Periods since acquisition, k ≥ 0.</summary>
    public int Age { get; }

    /// <summary>Number of cohorts that reached age k.</summary>
    public int Cohorts { get; }

    /// <summary>Σ active_k over those cohorts.</summary>
    public long Active { get; }

    /// <summary>Σ size over those cohorts.</summary>
    public long CohortSize { get; }

    /// <summary>Σ active_k / Σ size with standard error and interval.</summary>
    public Estimate Weighted { get; }

    /// <summary>Mean over those cohorts of active_k / size.</summary>
    public double UnweightedMean { get; }
}
