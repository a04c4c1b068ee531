using TrustMetrics.Presentation;

namespace TrustMetrics.Churn;

/// <summary>
/// A projected period of a retention model: the share of the original cohort still active after period t, the retention rate
/// of period t among those active at its start, and the probability that a new customer churns in period t.
/// </summary>
/// <param name="Period">t ≥ 1.</param>
/// <param name="Survival">S(t) = P(T &gt; t).</param>
/// <param name="RetentionRate">r_t = S(t)/S(t − 1).</param>
/// <param name="ChurnProbability">P(T = t) = S(t − 1) − S(t).</param>
public readonly record struct RetentionProjection(int Period, double Survival, double RetentionRate, double ChurnProbability)
{
    /// <summary>"period 3: survival 65.3%, retention 87.9%, churn 8.9%", invariant culture.</summary>
    public override string ToString() =>
        $"period {InvariantText.Count(Period)}: survival {InvariantText.Percent(Survival)}, retention {InvariantText.Percent(RetentionRate)}, churn {InvariantText.Percent(ChurnProbability)}";
}
