using TrustMetrics.Estimation;

namespace TrustMetrics.Churn;

/// <summary>
/// One observed cell of a cohort retention table: of the <see cref="CohortSize"/> customers acquired in the cohort's period,
/// <see cref="Active"/> were still active <see cref="Age"/> whole periods after their own acquisition day (active on
/// Start + Age periods). <see cref="Retention"/> = Active / CohortSize with the configured proportion interval (Wilson by default).
/// </summary>
/// <param name="Age">Periods since acquisition, k ≥ 0 (k = 0 is the whole cohort, 100%).</param>
/// <param name="Active">Customers active at age k.</param>
/// <param name="CohortSize">Customers acquired in the cohort's period.</param>
/// <param name="Retention">Active / CohortSize with standard error and interval.</param>
public readonly record struct CohortCell(int Age, long Active, long CohortSize, Estimate Retention);
