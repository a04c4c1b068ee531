namespace TrustMetrics.Churn;

/// <summary>
/// A projected period of a retention model: the share of the original cohort still active after period t, the retention rate
/// of period t among those active at its start, and the probability that a new customer churns in period t.
/// </summary>
/// <param name="Period">t ≥ 1.</param>
/// <param name="Survival">S(t) = P(T &gt; t).</param>
/// <param name="RetentionRate">r_t = S(t)/S(t − 1).</param>
/// <param name="ChurnProbability">P(T = t) = S(t − 1) − S(t).</param>
public readonly record struct RetentionProjection(int Period, double Survival, double RetentionRate, double ChurnProbability);
