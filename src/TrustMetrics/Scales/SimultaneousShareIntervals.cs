using TrustMetrics.Statistics;

namespace TrustMetrics.Scales;

/// <summary>Which simultaneous multinomial interval <see cref="SimultaneousShareIntervals"/> computes.</summary>
public enum SimultaneousIntervalMethod
{
    /// <summary>
    /// Goodman (1965): Wilson-type score interval per category with the Bonferroni χ² quantile
    /// χ²₁(1 − α/k): (2np̂ + χ² ∓ √(χ² (χ² + 4np̂(1 − p̂)))) / (2(n + χ²)).
    /// </summary>
    Goodman,

    /// <summary>
    /// Sison and Glaz (1995): [p̂ − c/n, p̂ + (c + 2γ)/n] clipped to [0, 1], with c the integer where the
    /// Edgeworth-corrected Poisson approximation ν(c) of the box probability satisfies ν(c) ≤ 1 − α &lt; ν(c + 1) and
    /// γ = (1 − α − ν(c)) / (ν(c + 1) − ν(c)).
    /// </summary>
    SisonGlaz,
}

/// <summary>One answer's share with its simultaneous interval.</summary>
public sealed class AnswerShareInterval
{
    internal AnswerShareInterval(int answer, long count, double share, double lower, double upper)
    {
        Answer = answer;
        Count = count;
        Share = share;
        Lower = lower;
        Upper = upper;
    }

    /// <summary>The answer value (0–10 for NPS, 1–5 for CSAT/CES).</summary>
    public int Answer { get; }

    /// <summary>Number of responses giving this answer.</summary>
    public long Count { get; }

    /// <summary>Observed share p̂ = count / n.</summary>
    public double Share { get; }

    /// <summary>Lower bound of the simultaneous interval, in [0, <see cref="Share"/>].</summary>
    public double Lower { get; }

    /// <summary>Upper bound of the simultaneous interval, in [<see cref="Share"/>, 1].</summary>
    public double Upper { get; }
}

/// <summary>
/// Simultaneous confidence intervals for the shares of a multinomial answer distribution (all k intervals cover their
/// true shares together with probability ≈ the level): Goodman (1965) and Sison–Glaz (1995), as statsmodels'
/// <c>multinomial_proportions_confint</c> computes them.
/// </summary>
public sealed class SimultaneousShareIntervals
{
    private readonly AnswerShareInterval[] _answers;

    internal SimultaneousShareIntervals(SimultaneousIntervalMethod method, double level, AnswerShareInterval[] answers)
    {
        Method = method;
        Level = level;
        _answers = answers;
    }

    /// <summary>The method of the intervals.</summary>
    public SimultaneousIntervalMethod Method { get; }

    /// <summary>The simultaneous confidence level 1 − α.</summary>
    public double Level { get; }

    /// <summary>One entry per answer value, in answer order (answers with zero count included).</summary>
    public IReadOnlyList<AnswerShareInterval> Answers => _answers;

    /// <summary>Total number of responses n.</summary>
    public long Total { get; private init; }

    /// <inheritdoc/>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{Method} simultaneous {Level:P0} intervals for {_answers.Length} answers, n = {Total}");

    /// <summary>
    /// Computes simultaneous intervals for the answer shares <paramref name="counts"/>[i] / n, answer values
    /// <paramref name="firstAnswer"/> + i.
    /// </summary>
    /// <param name="counts">Count per answer value, at least two categories, non-negative, total &gt; 0.</param>
    /// <param name="firstAnswer">Answer value of <c>counts[0]</c> (0 for NPS, 1 for a 1–5 scale).</param>
    /// <param name="confidenceLevel">Simultaneous level 1 − α, strictly between 0 and 1.</param>
    /// <param name="method">Goodman or Sison–Glaz.</param>
    /// <remarks>
    /// Sison–Glaz searches c = 0, 1, …, n (statsmodels 0.13 starts at c = 1 and raises when ν(1) &gt; 1 − α; wherever
    /// statsmodels answers, the two agree). When no c satisfies the condition (the Edgeworth approximation cannot
    /// bracket 1 − α, e.g. for a tiny n), every interval is the whole [0, 1].
    /// </remarks>
    public static SimultaneousShareIntervals Compute(IReadOnlyList<long> counts, int firstAnswer, double confidenceLevel,
        SimultaneousIntervalMethod method)
    {
        ArgumentNullException.ThrowIfNull(counts);
        Guard.ConfidenceLevel(confidenceLevel);
        Guard.Defined(method);
        int k = counts.Count;
        if (k < 2)
        {
            throw new ArgumentException($"at least two answer categories are needed; got {k}.", nameof(counts));
        }

        long n = 0;
        for (int i = 0; i < k; i++)
        {
            if (counts[i] < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(counts), counts[i], $"counts[{i}] must be non-negative; got {counts[i]}.");
            }

            n = checked(n + counts[i]);
        }

        if (n == 0)
        {
            throw Guard.Empty("simultaneous answer-share intervals", nameof(counts));
        }

        double[] c = new double[k];
        for (int i = 0; i < k; i++)
        {
            c[i] = counts[i];
        }

        var (lower, upper) = method == SimultaneousIntervalMethod.Goodman
            ? Goodman(c, n, 1.0 - confidenceLevel)
            : SisonGlaz(c, n, 1.0 - confidenceLevel);
        var answers = new AnswerShareInterval[k];
        for (int i = 0; i < k; i++)
        {
            double share = c[i] / n;
            answers[i] = new AnswerShareInterval(firstAnswer + i, counts[i], share,
                Math.Clamp(lower[i], 0.0, share), Math.Clamp(upper[i], share, 1.0));
        }

        return new SimultaneousShareIntervals(method, confidenceLevel, answers) { Total = n };
    }

    private static (double[] Lower, double[] Upper) Goodman(double[] counts, long n, double alpha)
    {
        int k = counts.Length;
        double chi2 = Distributions.ChiSquareQuantile(1.0, alpha / k, upper: true);
        var lower = new double[k];
        var upper = new double[k];
        for (int i = 0; i < k; i++)
        {
            double p = counts[i] / n;
            double root = Math.Sqrt(chi2 * chi2 + 4.0 * n * p * chi2 * (1.0 - p));
            lower[i] = (2.0 * n * p + chi2 - root) / (2.0 * (chi2 + n));
            upper[i] = (2.0 * n * p + chi2 + root) / (2.0 * (chi2 + n));
        }

        return (lower, upper);
    }

    private static (double[] Lower, double[] Upper) SisonGlaz(double[] counts, long n, double alpha)
    {
        int k = counts.Length;
        var lower = new double[k];
        var upper = new double[k];
        double target = 1.0 - alpha;
        double logPmfNN = n * Math.Log(n) - n - MathNet.Numerics.SpecialFunctions.GammaLn(n + 1.0);
        double nuc = Nu(counts, n, 0, logPmfNN);
        for (long c = 0; c <= n; c++)
        {
            double nucp1 = Nu(counts, n, c + 1, logPmfNN);
            if (nuc <= target && target < nucp1)
            {
                double g = (target - nuc) / (nucp1 - nuc);
                for (int i = 0; i < k; i++)
                {
                    double p = counts[i] / n;
                    lower[i] = Math.Max(p - (double)c / n, 0.0);
                    upper[i] = Math.Min(p + (c + 2.0 * g) / n, 1.0);
                }

                return (lower, upper);
            }

            nuc = nucp1;
        }

        Array.Fill(upper, 1.0);
        return (lower, upper);
    }

    // Sison & Glaz (1995) formula (7): ν(c) = P(box) ≈ n!/(nⁿe⁻ⁿ) · Π P(bᵢ ≤ Xᵢ ≤ aᵢ) · f_e((n − Σμ)/√Σσ²)/√Σσ²,
    // Xᵢ ~ Poisson(countᵢ), bᵢ = max(countᵢ − c, 0), aᵢ = min(countᵢ + c, n); NaN (a negative Edgeworth density) counts as
    // "not bracketing", as in statsmodels where the comparisons with NaN are false.
    private static double Nu(double[] counts, long n, long c, double logPmfNN)
    {
        double logProduct = 0, sMu = 0, sMu2 = 0, sMu3 = 0, sMu4 = 0, sMu2Sq = 0;
        foreach (double lambda in counts)
        {
            double b = Math.Max(lambda - c, 0.0), a = Math.Min(lambda + c, n);
            double box = PoissonBetween(b, a, lambda);
            logProduct += Math.Log(box);
            double m1 = FactorialMoment(b, a, 1, lambda, box), m2 = FactorialMoment(b, a, 2, lambda, box);
            double m3 = FactorialMoment(b, a, 3, lambda, box), m4 = FactorialMoment(b, a, 4, lambda, box);
            double mu = m1;
            double mu2 = m2 + mu - mu * mu;
            double mu3 = m3 + m2 * (3 - 3 * mu) + mu - 3 * mu * mu + 2 * mu * mu * mu;
            double mu4 = m4 + m3 * (6 - 4 * mu) + m2 * (7 - 12 * mu + 6 * mu * mu)
                + mu - 4 * mu * mu + 6 * mu * mu * mu - 3 * mu * mu * mu * mu;
            sMu += mu;
            sMu2 += mu2;
            sMu3 += mu3;
            sMu4 += mu4;
            sMu2Sq += mu2 * mu2;
        }

        double g1 = sMu3 / Math.Pow(sMu2, 1.5);
        double g2 = (sMu4 - 3 * sMu2Sq) / (sMu2 * sMu2);
        double x = (n - sMu) / Math.Sqrt(sMu2);
        double phi = Math.Exp(-x * x / 2) / Math.Sqrt(2 * Math.PI);
        double x2 = x * x;
        double h3 = x2 * x - 3 * x, h4 = x2 * x2 - 6 * x2 + 3, h6 = x2 * x2 * x2 - 15 * x2 * x2 + 45 * x2 - 15;
        double f = phi * (1 + g1 * h3 / 6 + g2 * h4 / 24 + g1 * g1 * h6 / 72) / Math.Sqrt(sMu2);
        return Math.Exp(logProduct + Math.Log(f) - logPmfNN);
    }

    private static double FactorialMoment(double b, double a, int r, double lambda, double box) =>
        Math.Pow(lambda, r) * (1 - (PoissonBetween(a - r + 1, a, lambda) - PoissonBetween(b - r, b - 1, lambda)) / box);

    // P(b ≤ X ≤ a), X ~ Poisson(λ), as statsmodels: cdf(a) − cdf(b − 1).
    private static double PoissonBetween(double b, double a, double lambda) => PoissonCdf(a, lambda) - PoissonCdf(b - 1, lambda);

    private static double PoissonCdf(double k, double lambda)
    {
        if (k < 0)
        {
            return 0.0;
        }

        return lambda == 0 ? 1.0 : Distributions.GammaTails(lambda, Math.Floor(k) + 1.0).Upper;
    }
}
