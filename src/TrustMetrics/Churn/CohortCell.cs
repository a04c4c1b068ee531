using TrustMetrics.Estimation;
using TrustMetrics.Presentation;

namespace TrustMetrics.Churn;

/// <summary>
/// One observed cell of a cohort retention table: of the <see cref="CohortSize"/> customers acquired in the cohort's period,
/// <see cref="Active"/> were still active <see cref="Age"/> whole periods after their own acquisition day (active on
/// Start + Age periods). <see cref="Retention"/> = Active / CohortSize with the configured proportion interval (Wilson by default).
/// </summary>
public sealed class CohortCell
{
    internal CohortCell(int age, long active, long cohortSize, Estimate retention)
    {
        Age = age;
        Active = active;
        CohortSize = cohortSize;
        Retention = retention;
    }

    /// <summary>Periods since acquisition, k ≥ 0 (k = 0 is the whole cohort, 100%).</summary>
    public int Age { get; }

    /// <summary>Customers active at age k.</summary>
    public long Active { get; }

    /// <summary>Customers acquired in the cohort's period.</summary>
    public long CohortSize { get; }

    /// <summary>Active / CohortSize with standard error and interval.</summary>
    public Estimate Retention { get; }

    /// <summary>"age 2: 61.2% [55.1%, 67.0%] (112 of 183)", invariant culture.</summary>
    public override string ToString() =>
        $"age {InvariantText.Count(Age)}: {InvariantText.Percent(Retention.Value)} [{InvariantText.PercentBounds(Retention.Interval).Replace(" to ", ", ", StringComparison.Ordinal)}] " +
        $"({InvariantText.Count(Active)} of {InvariantText.Count(CohortSize)})";
}
