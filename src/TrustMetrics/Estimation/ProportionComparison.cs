namespace TrustMetrics.Estimation;

/// <summary>
/// Two independent proportions x₁/n₁ and x₂/n₂. The test is the pooled two-proportion z test
/// z = (p̂₁ − p̂₂)/√(p̄(1−p̄)(1/n₁ + 1/n₂)) (statsmodels <c>proportions_ztest</c>, R <c>prop.test(correct = FALSE)</c>);
/// the interval is Newcombe's (1998, method 10) hybrid score interval built from Wilson bounds, or the unpooled Wald interval.
/// </summary>
public static class ProportionComparison
{
    /// <summary>Compares x₁/n₁ with x₂/n₂: difference p̂₁ − p̂₂ with the unpooled standard error, pooled z, two-sided p and a CI of the difference.</summary>
    /// <param name="successes1">x₁.</param>
    /// <param name="trials1">n₁ &gt; 0.</param>
    /// <param name="successes2">x₂.</param>
    /// <param name="trials2">n₂ &gt; 0.</param>
    /// <param name="confidenceLevel">Level of the interval, strictly between 0 and 1.</param>
    /// <param name="useWaldInterval">False (default): Newcombe hybrid score interval; true: unpooled Wald interval.</param>
    public static DifferenceTest Compare(long successes1, long trials1, long successes2, long trials2,
        double confidenceLevel = 0.95, bool useWaldInterval = false)
    {
        // Wilson intervals validate counts and level and are needed for Newcombe anyway.
        var first = ProportionIntervals.Compute(successes1, trials1, confidenceLevel);
        var second = ProportionIntervals.Compute(successes2, trials2, confidenceLevel);
        double p1 = (double)successes1 / trials1, p2 = (double)successes2 / trials2, difference = p1 - p2;
        double standardError = Math.Sqrt(p1 * (1 - p1) / trials1 + p2 * (1 - p2) / trials2);
        double pooled = (double)(successes1 + successes2) / (trials1 + (double)trials2);
        double pooledSe = Math.Sqrt(pooled * (1 - pooled) * (1.0 / trials1 + 1.0 / trials2));
        // Both samples all-success or all-failure: no evidence of a difference at all.
        double z = pooledSe == 0 ? 0.0 : difference / pooledSe;

        ConfidenceInterval interval;
        if (useWaldInterval)
        {
            double half = CriticalValues.TwoSidedZ(confidenceLevel) * standardError;
            interval = new ConfidenceInterval(difference - half, difference + half, confidenceLevel, "wald");
        }
        else
        {
            double lower = difference - Math.Sqrt(Square(p1 - first.Lower) + Square(second.Upper - p2));
            double upper = difference + Math.Sqrt(Square(first.Upper - p1) + Square(p2 - second.Lower));
            interval = new ConfidenceInterval(lower, upper, confidenceLevel, "newcombe");
        }

        return new DifferenceTest(difference, standardError, z, null, CriticalValues.TwoSidedP(z), interval, "z-pooled");
    }

    private static double Square(double x) => x * x;
}
