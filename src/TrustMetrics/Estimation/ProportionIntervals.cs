using TrustMetrics.Statistics;

namespace TrustMetrics.Estimation;

/// <summary>
/// Confidence intervals for a binomial proportion x/n. Formulas and test vectors: docs/intervals.md;
/// values agree with statsmodels <c>proportion_confint</c> and R <c>binom.test</c>/<c>prop.test</c>.
/// </summary>
public static class ProportionIntervals
{
    /// <summary>Machine-readable name of a method, as used in results and JSON ("wilson", "clopper-pearson", …): the <see cref="ConfidenceInterval.Method"/> of its intervals.</summary>
    /// <param name="method">The method.</param>
    internal static string Name(ProportionIntervalMethod method) => method switch
    {
        ProportionIntervalMethod.Wilson => "wilson",
        ProportionIntervalMethod.WilsonContinuityCorrected => "wilson-cc",
        ProportionIntervalMethod.AgrestiCoull => "agresti-coull",
        ProportionIntervalMethod.ClopperPearson => "clopper-pearson",
        ProportionIntervalMethod.Jeffreys => "jeffreys",
        ProportionIntervalMethod.Wald => "wald",
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, $"Unknown proportion interval method {method}."),
    };

    /// <summary>
    /// The interval for the proportion <paramref name="successes"/>/<paramref name="trials"/> at <paramref name="confidenceLevel"/>.
    /// </summary>
    /// <param name="successes">x, 0 ≤ x ≤ n.</param>
    /// <param name="trials">n &gt; 0.</param>
    /// <param name="confidenceLevel">Strictly between 0 and 1.</param>
    /// <param name="method">The interval method (Wilson by default).</param>
    /// <exception cref="ArgumentOutOfRangeException">n ≤ 0, x outside [0, n], a level outside (0, 1) or an unknown method.</exception>
    public static ConfidenceInterval Compute(long successes, long trials, double confidenceLevel = 0.95,
        ProportionIntervalMethod method = ProportionIntervalMethod.Wilson)
    {
        if (trials <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(trials), trials, $"A proportion needs at least one trial; got n = {trials}.");
        }

        if (successes < 0 || successes > trials)
        {
            throw new ArgumentOutOfRangeException(nameof(successes), successes, $"successes must lie in [0, {trials}]; got {successes}.");
        }

        Guard.ConfidenceLevel(confidenceLevel);
        var (lower, upper) = method switch
        {
            ProportionIntervalMethod.Wilson => Wilson(successes, trials, confidenceLevel),
            ProportionIntervalMethod.WilsonContinuityCorrected => WilsonCorrected(successes, trials, confidenceLevel),
            ProportionIntervalMethod.AgrestiCoull => AgrestiCoull(successes, trials, confidenceLevel),
            ProportionIntervalMethod.ClopperPearson => ClopperPearson(successes, trials, confidenceLevel),
            ProportionIntervalMethod.Jeffreys => Jeffreys(successes, trials, confidenceLevel),
            ProportionIntervalMethod.Wald => Wald(successes, trials, confidenceLevel),
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, $"Unknown proportion interval method {method}."),
        };
        return new ConfidenceInterval(lower, upper, confidenceLevel, Name(method));
    }

    /// <summary>The proportion x/n as an <see cref="Estimate"/>: value p̂, standard error √(p̂(1−p̂)/n) and the chosen interval.</summary>
    /// <param name="successes">x, 0 ≤ x ≤ n.</param>
    /// <param name="trials">n &gt; 0.</param>
    /// <param name="confidenceLevel">Strictly between 0 and 1.</param>
    /// <param name="method">The interval method.</param>
    public static Estimate Estimate(long successes, long trials, double confidenceLevel = 0.95,
        ProportionIntervalMethod method = ProportionIntervalMethod.Wilson)
    {
        var interval = Compute(successes, trials, confidenceLevel, method);
        double p = (double)successes / trials;
        return new Estimate(p, Math.Sqrt(p * (1.0 - p) / trials), interval);
    }

    private static (double, double) Wilson(long x, long n, double level)
    {
        double z = CriticalValues.TwoSidedZ(level), p = (double)x / n, z2 = z * z;
        double denominator = 1.0 + z2 / n;
        double centre = (p + z2 / (2.0 * n)) / denominator;
        double half = z * Math.Sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * (double)n)) / denominator;
        // Rounding can push the bound a hair past the boundary when x is 0 or n; the exact value is the boundary.
        return (x == 0 ? 0.0 : Math.Max(0.0, centre - half), x == n ? 1.0 : Math.Min(1.0, centre + half));
    }

    private static (double, double) WilsonCorrected(long x, long n, double level)
    {
        // Newcombe (1998), Statistics in Medicine 17:857–872, method 4.
        double z = CriticalValues.TwoSidedZ(level), z2 = z * z, p = (double)x / n, q = 1.0 - p, nd = n;
        double denominator = 2.0 * (nd + z2);
        double lower = x == 0 ? 0.0
            : (2.0 * nd * p + z2 - 1.0 - z * Math.Sqrt(z2 - 2.0 - 1.0 / nd + 4.0 * p * (nd * q + 1.0))) / denominator;
        double upper = x == n ? 1.0
            : (2.0 * nd * p + z2 + 1.0 + z * Math.Sqrt(z2 + 2.0 - 1.0 / nd + 4.0 * p * (nd * q - 1.0))) / denominator;
        return (Math.Max(0.0, lower), Math.Min(1.0, upper));
    }

    private static (double, double) AgrestiCoull(long x, long n, double level)
    {
        double z = CriticalValues.TwoSidedZ(level), z2 = z * z;
        double nTilde = n + z2, pTilde = (x + z2 / 2.0) / nTilde;
        double half = z * Math.Sqrt(pTilde * (1.0 - pTilde) / nTilde);
        return (Math.Max(0.0, pTilde - half), Math.Min(1.0, pTilde + half));
    }

    private static (double, double) ClopperPearson(long x, long n, double level)
    {
        // Both bounds invert a tail of α/2 directly (the upper one as an upper tail), so 1 − α/2 never rounds.
        double halfAlpha = (1.0 - level) / 2.0;
        double lower = x == 0 ? 0.0 : Distributions.BetaQuantile(x, n - x + 1, halfAlpha, upper: false);
        double upper = x == n ? 1.0 : Distributions.BetaQuantile(x + 1, n - x, halfAlpha, upper: true);
        return (lower, upper);
    }

    private static (double, double) Jeffreys(long x, long n, double level)
    {
        double halfAlpha = (1.0 - level) / 2.0;
        double lower = x == 0 ? 0.0 : Distributions.BetaQuantile(x + 0.5, n - x + 0.5, halfAlpha, upper: false);
        double upper = x == n ? 1.0 : Distributions.BetaQuantile(x + 0.5, n - x + 0.5, halfAlpha, upper: true);
        return (lower, upper);
    }

    private static (double, double) Wald(long x, long n, double level)
    {
        double z = CriticalValues.TwoSidedZ(level), p = (double)x / n;
        double half = z * Math.Sqrt(p * (1.0 - p) / n);
        return (Math.Max(0.0, p - half), Math.Min(1.0, p + half));
    }
}
