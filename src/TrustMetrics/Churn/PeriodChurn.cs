using TrustMetrics.Estimation;

namespace TrustMetrics.Churn;

/// <summary>
/// Churn and retention of one period. <see cref="Rate"/> follows the requested <see cref="Definition"/>;
/// <see cref="Churn"/> and <see cref="Retention"/> are always start-based, (L − L_new)/S and (S − (L − L_new))/S, with the
/// configured proportion interval (Wilson by default), because only they are binomial proportions of S. Retention is the
/// consistent complement 1 − start-based churn, not the widely quoted (E − N)/S = 1 − L/S (survey-metrics.md §5.1 caution).
/// All three are null when S = 0 (nothing to churn from; never NaN).
/// </summary>
/// <param name="Counts">S, N, L, L_new, E and the period's dates.</param>
/// <param name="Definition">The definition <see cref="Rate"/> follows.</param>
/// <param name="Rate">The churn rate under <see cref="Definition"/>; null when its denominator is 0.</param>
/// <param name="Churn">Start-based churn (L − L_new)/S with standard error √(p(1−p)/S) and interval; null when S = 0.</param>
/// <param name="Retention">Start-based retention (S − (L − L_new))/S with its interval; null when S = 0.</param>
public readonly record struct PeriodChurn(
    ChurnPeriodCounts Counts,
    ChurnRateDefinition Definition,
    double? Rate,
    Estimate? Churn,
    Estimate? Retention)
{
    /// <summary>First day of the period.</summary>
    public DateOnly Start => Counts.Start;

    /// <summary>Last day of the period (inclusive).</summary>
    public DateOnly LastDay => Counts.LastDay;

    /// <summary>False when the data end before the period does.</summary>
    public bool IsComplete => Counts.IsComplete;
}
