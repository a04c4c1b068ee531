using TrustMetrics.Presentation;

namespace TrustMetrics.Churn;

/// <summary>
/// A projected period of a retention model: the share of the original cohort still active after period t, the retention rate
/// of period t among those active at its start, and the probability that a new customer churns in period t.
/// </summary>
public sealed class RetentionProjection
{
    internal RetentionProjection(int period, double survival, double retentionRate, double churnProbability)
    {
        Period = period;
        Survival = survival;
        RetentionRate = retentionRate;
        ChurnProbability = churnProbability;
    }

    /// <summary>t ≥ 1.</summary>
    public int Period { get; }

    /// <summary>S(t) = P(T &gt; t).</summary>
    public double Survival { get; }

    /// <summary>r_t = S(t)/S(t − 1).</summary>
    public double RetentionRate { get; }

    /// <summary>P(T = t) = S(t − 1) − S(t).</summary>
    public double ChurnProbability { get; }

    /// <summary>"period 3: survival 65.3%, retention 87.9%, churn 8.9%", invariant culture.</summary>
    public override string ToString() =>
        $"period {InvariantText.Count(Period)}: survival {InvariantText.Percent(Survival)}, retention {InvariantText.Percent(RetentionRate)}, churn {InvariantText.Percent(ChurnProbability)}";
}
