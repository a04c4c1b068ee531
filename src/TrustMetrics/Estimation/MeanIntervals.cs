namespace TrustMetrics.Estimation;

/// <summary>Student-t inference for a mean from its summary (n, mean, sample variance with divisor n − 1).</summary>
public static class MeanIntervals
{
    /// <summary>
    /// x̄ ± t_{n−1, 1−α/2}·s/√n. With n = 1 the standard error is unknown: it is reported as +∞ and the interval
    /// spans [<paramref name="lowerBound"/>, <paramref name="upperBound"/>]. The interval is clipped to those bounds
    /// (a mean of scale answers cannot leave the scale).
    /// </summary>
    /// <param name="count">n ≥ 1.</param>
    /// <param name="mean">x̄.</param>
    /// <param name="sampleVariance">s² with divisor n − 1 (ignored when n = 1).</param>
    /// <param name="confidenceLevel">Strictly between 0 and 1.</param>
    /// <param name="lowerBound">Smallest possible value of the mean (−∞ when unbounded).</param>
    /// <param name="upperBound">Largest possible value of the mean (+∞ when unbounded).</param>
    /// <exception cref="ArgumentOutOfRangeException">n ≤ 0; the mean or variance is not finite; the variance is negative; the level is
    /// outside (0, 1); a bound is NaN or the mean lies outside [lowerBound, upperBound].</exception>
    public static Estimate StudentT(long count, double mean, double sampleVariance, double confidenceLevel,
        double lowerBound = double.NegativeInfinity, double upperBound = double.PositiveInfinity)
    {
        if (count <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"A mean needs at least one value; got n = {count}.");
        }

        Guard.Finite(mean);
        Guard.NonNegative(sampleVariance);
        Guard.ConfidenceLevel(confidenceLevel);
        Guard.LowerBound(lowerBound);
        Guard.UpperBound(upperBound);
        if (!(lowerBound <= mean && mean <= upperBound))
        {
            throw new ArgumentOutOfRangeException(nameof(mean), mean,
                $"The mean {Guard.Format(mean)} lies outside [{Guard.Format(lowerBound)}, {Guard.Format(upperBound)}], the range it can take.");
        }

        if (count == 1)
        {
            return new Estimate(mean, double.PositiveInfinity, new ConfidenceInterval(lowerBound, upperBound, confidenceLevel, "t"));
        }

        double standardError = Math.Sqrt(sampleVariance / count);
        double half = CriticalValues.TwoSidedT(confidenceLevel, count - 1) * standardError;
        return new Estimate(mean, standardError,
            new ConfidenceInterval(Math.Max(lowerBound, mean - half), Math.Min(upperBound, mean + half), confidenceLevel, "t"));
    }

    /// <summary>
    /// Welch's unequal-variance t test of mean₁ − mean₂: SE = √(s₁²/n₁ + s₂²/n₂), Welch–Satterthwaite degrees of freedom,
    /// two-sided p and the t interval of the difference. Both samples need n ≥ 2.
    /// </summary>
    /// <param name="count1">n₁ ≥ 2.</param>
    /// <param name="mean1">x̄₁.</param>
    /// <param name="variance1">s₁² (divisor n₁ − 1).</param>
    /// <param name="count2">n₂ ≥ 2.</param>
    /// <param name="mean2">x̄₂.</param>
    /// <param name="variance2">s₂² (divisor n₂ − 1).</param>
    /// <param name="confidenceLevel">Strictly between 0 and 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count is below 2, a mean or variance is not finite, a variance is negative
    /// or the level is outside (0, 1).</exception>
    public static DifferenceTest Welch(long count1, double mean1, double variance1, long count2, double mean2, double variance2,
        double confidenceLevel = 0.95)
    {
        if (count1 < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(count1), count1, $"Welch's test needs at least 2 values in each sample; the first has {count1}.");
        }

        if (count2 < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(count2), count2, $"Welch's test needs at least 2 values in each sample; the second has {count2}.");
        }

        Guard.Finite(mean1);
        Guard.Finite(mean2);
        Guard.NonNegative(variance1);
        Guard.NonNegative(variance2);
        Guard.ConfidenceLevel(confidenceLevel);
        double a = variance1 / count1, b = variance2 / count2, difference = mean1 - mean2;
        if (!double.IsFinite(difference))
        {
            throw new ArgumentOutOfRangeException(nameof(mean1), mean1,
                $"mean1 − mean2 = {Guard.Format(mean1)} − {Guard.Format(mean2)} overflows a double.");
        }

        double standardError = Math.Sqrt(a + b);
        if (standardError == 0)
        {
            // Both samples constant: the difference is known exactly.
            double p = difference == 0 ? 1.0 : 0.0;
            double statistic = difference == 0 ? 0.0 : Math.CopySign(double.PositiveInfinity, difference);
            return new DifferenceTest(difference, 0.0, statistic, count1 + count2 - 2.0, p,
                new ConfidenceInterval(difference, difference, confidenceLevel, "welch-t"), "welch-t");
        }

        // Welch–Satterthwaite df = (a + b)²/(a²/(n₁ − 1) + b²/(n₂ − 1)), written with r = a/(a + b) so nothing overflows.
        double r = a >= b ? 1.0 / (1.0 + (b / a)) : a / b / (1.0 + (a / b));
        double df = 1.0 / ((r * r / (count1 - 1)) + ((1.0 - r) * (1.0 - r) / (count2 - 1)));
        double t = difference / standardError;
        double half = CriticalValues.TwoSidedT(confidenceLevel, df) * standardError;
        return new DifferenceTest(difference, standardError, t, df, CriticalValues.TwoSidedTP(t, df),
            new ConfidenceInterval(difference - half, difference + half, confidenceLevel, "welch-t"), "welch-t");
    }
}
