using TrustMetrics.Estimation;

namespace TrustMetrics.Nps;

/// <summary>
/// Two independent NPS samples (before/after, segment A/B): Δ = NPS₁ − NPS₂ in points, SE = 100·√(V₁/n₁ + V₂/n₂),
/// z = Δ/SE, p = 2Φ(−|z|), CI = Δ ± z_{α/2}·SE. With <see cref="NpsComparisonMethod.AdjustedWald"/> each sample first gets
/// ¾/1½/¾ pseudo-responses and Δ, SE, z and the interval refer to the adjusted scores (brendan-r/NPS <c>nps_test_</c>,
/// MeasuringU "How to Statistically Compare Two Net Promoter Scores"); the sign of Δ is kept.
/// </summary>
internal static class NpsComparison
{
    /// <summary>Compares <paramref name="first"/> with <paramref name="second"/>; the result is in points.</summary>
    /// <param name="first">Tally of the first sample (e.g. this period).</param>
    /// <param name="second">Tally of the second sample (e.g. the previous period).</param>
    /// <param name="confidenceLevel">Level of the difference interval, strictly between 0 and 1.</param>
    /// <param name="method">Adjusted Wald (default) or Wald.</param>
    /// <exception cref="ArgumentException">Either tally is empty.</exception>
    public static DifferenceTest Compare(NpsTally first, NpsTally second, double confidenceLevel = 0.95,
        NpsComparisonMethod method = NpsComparisonMethod.AdjustedWald)
    {
        if (first.Count == 0)
        {
            throw Guard.Empty("An NPS comparison", nameof(first));
        }

        if (second.Count == 0)
        {
            throw Guard.Empty("An NPS comparison", nameof(second));
        }

        Guard.ConfidenceLevel(confidenceLevel);
        Guard.Defined(method);
        double adjustment = method == NpsComparisonMethod.AdjustedWald ? 1.0 : 0.0;
        var (d1, p1, n1) = Adjusted(first, adjustment);
        var (d2, p2, n2) = Adjusted(second, adjustment);
        double difference = (p1 - d1) / n1 - (p2 - d2) / n2;
        double standardError = Math.Sqrt(NpsIntervals.Variance(d1, p1, n1) / n1 + NpsIntervals.Variance(d2, p2, n2) / n2);
        double z = standardError == 0 ? (difference == 0 ? 0.0 : Math.CopySign(double.PositiveInfinity, difference)) : difference / standardError;
        double half = CriticalValues.TwoSidedZ(confidenceLevel) * standardError;
        string name = method == NpsComparisonMethod.AdjustedWald ? "adjusted-wald" : "wald";
        var test = new DifferenceTest(difference, standardError, z, null, CriticalValues.TwoSidedP(z),
            new ConfidenceInterval(difference - half, difference + half, confidenceLevel, name), "z-" + name);
        return test.Scale(100.0);
    }

    private static (double D, double P, double N) Adjusted(NpsTally t, double k) => (
        t.Detractors + k * NpsIntervals.AdjustDetractors,
        t.Promoters + k * NpsIntervals.AdjustPromoters,
        t.Count + k * (NpsIntervals.AdjustDetractors + NpsIntervals.AdjustPassives + NpsIntervals.AdjustPromoters));
}
