using MathNet.Numerics.Distributions;
using TrustMetrics.Statistics;

namespace TrustMetrics.Monitoring;

/// <summary>
/// The bootstrap threshold adjustment of Gandy &amp; Kvaløy (2013) for a CUSUM whose pre-change distribution was estimated
/// (<see cref="EstimatedBaseline"/> has the method and its formula). Runs once per detector and drop (cached with the thresholds);
/// nothing here is on the per-observation path.
/// </summary>
internal static class GuaranteedThreshold
{
    /// <summary>The bootstrap's fixed seed: a baseline always gets the same threshold.</summary>
    internal const int Seed = 20130327;

    /// <summary>Largest adjusted lattice threshold (2²⁸ steps: below the batch path's 32-bit limit).</summary>
    internal const long MaxThreshold = 1L << 28;

    /// <summary>The known-baseline integer threshold <paramref name="threshold"/> raised by exp(c), c the bootstrap quantile.</summary>
    public static long Adjust(Bootstrap bootstrap, double drop, double arl, long threshold)
    {
        double c = LogAdjustment(bootstrap, drop, arl);
        if (double.IsPositiveInfinity(c))
        {
            return MaxThreshold;
        }

        double raised = Math.Ceiling(threshold * Math.Exp(c));
        return raised >= MaxThreshold ? MaxThreshold : Math.Max(1, (long)raised);
    }

    /// <summary>
    /// The B parametric bootstrap baselines p̂*ᵦ ~ Multinomial(n, p̂)/n of one estimated baseline, drawn once (seeded) and shared by
    /// every drop of a detector.
    /// </summary>
    internal sealed class Bootstrap
    {
        public Bootstrap(PreChangeDistribution baseline, EstimatedBaseline estimated)
        {
            Values = baseline.ValueSpan.ToArray();
            Probabilities = baseline.ProbabilitySpan.ToArray();
            Estimated = estimated;
            int k = Values.Length, replicates = estimated.Replicates;
            var random = RandomNumbers.Create(Seed);
            var counts = new long[k];
            var cumulative = new double[k];
            double run = 0;
            for (int i = 0; i < k; i++)
            {
                run += Probabilities[i];
                cumulative[i] = run;
            }

            Samples = new double[replicates * k];
            for (int b = 0; b < replicates; b++)
            {
                Multinomial(random, Probabilities, cumulative, estimated.Answers, counts);
                for (int i = 0; i < k; i++)
                {
                    Samples[b * k + i] = counts[i] / (double)estimated.Answers;
                }
            }
        }

        public double[] Values { get; }

        public double[] Probabilities { get; }

        public EstimatedBaseline Estimated { get; }

        /// <summary>Replicate b's probabilities at [b·k, (b + 1)·k).</summary>
        public double[] Samples { get; }
    }

    /// <summary>
    /// c = the <see cref="EstimatedBaseline.Guarantee"/>-quantile (the ⌈gB⌉-th smallest) of Δᵦ = log h̃(p̂; p̂*ᵦ) − log h̃(p̂*ᵦ; p̂*ᵦ)
    /// over the bootstrap baselines p̂*ᵦ, h̃(P; ξ) the threshold at which the CUSUM built from ξ has ARL <paramref name="arl"/> under P
    /// (<see cref="LogThreshold"/>).
    /// </summary>
    public static double LogAdjustment(Bootstrap bootstrap, double drop, double arl)
    {
        var values = bootstrap.Values;
        var p = bootstrap.Probabilities;
        int k = values.Length, replicates = bootstrap.Estimated.Replicates;
        var increments = new double[k];
        var deltas = new double[replicates];
        var starValues = new double[k];
        var starProbabilities = new double[k];
        double range = values[^1] - values[0];
        for (int b = 0; b < replicates; b++)
        {
            var pStar = new ReadOnlySpan<double>(bootstrap.Samples, b * k, k);
            int m = 0;
            double mean = 0;
            for (int i = 0; i < k; i++)
            {
                mean += pStar[i] * values[i];
                if (pStar[i] > 0)
                {
                    starValues[m] = values[i];
                    starProbabilities[m++] = pStar[i];
                }
            }

            if (m < 2 || !(mean - drop > starValues[0] + 1e-6 * range))
            {
                deltas[b] = double.PositiveInfinity;
                continue;
            }

            var (theta, logMgf) = Tilt(starValues.AsSpan(0, m), starProbabilities.AsSpan(0, m), mean - drop);
            for (int i = 0; i < k; i++)
            {
                increments[i] = theta * values[i] - logMgf;
            }

            // q(p̂, ξ*) − q(p̂*, ξ*): the chart built from the bootstrap baseline, run on p̂ (the "truth" of the bootstrap world) and on p̂* itself.
            double delta = LogThreshold(increments, p, arl) - LogThreshold(increments, pStar, arl);
            deltas[b] = double.IsNaN(delta) ? double.PositiveInfinity : delta;
        }

        Array.Sort(deltas);
        int rank = (int)Math.Ceiling(bootstrap.Estimated.Guarantee * replicates);
        return deltas[Math.Clamp(rank, 1, replicates) - 1];
    }

    /// <summary>
    /// θ &lt; 0 and K(θ) of the exponential tilt with mean <paramref name="target"/> (the same tilt as <see cref="CusumChain.Tilt"/>),
    /// by Newton's method on the tilted mean (increasing in θ, derivative the tilted variance) inside a bisection bracket.
    /// </summary>
    internal static (double Theta, double LogMgf) Tilt(ReadOnlySpan<double> values, ReadOnlySpan<double> probabilities, double target)
    {
        double span = values[^1] - values[0];
        double lo = -1.0 / span, hi = 0;
        while (Moments(values, probabilities, lo).Mean > target)
        {
            hi = lo;
            lo *= 2;
            if (lo < -1e6 / span)
            {
                break;
            }
        }

        double theta = 0.5 * (lo + hi);
        for (int i = 0; i < 100; i++)
        {
            var (mean, variance, _) = Moments(values, probabilities, theta);
            if (mean > target)
            {
                hi = theta;
            }
            else
            {
                lo = theta;
            }

            double next = variance > 0 ? theta - (mean - target) / variance : 0.5 * (lo + hi);
            if (!(next > lo && next < hi))
            {
                next = 0.5 * (lo + hi);
            }

            if (Math.Abs(next - theta) <= 1e-14 * Math.Abs(theta) || hi - lo <= 1e-15 * Math.Abs(lo))
            {
                theta = next;
                break;
            }

            theta = next;
        }

        return (theta, Moments(values, probabilities, theta).LogMgf);
    }

    /// <summary>Mean, variance and K(θ) of the tilt p_θ(v) ∝ p(v)e^{θv}.</summary>
    private static (double Mean, double Variance, double LogMgf) Moments(ReadOnlySpan<double> values, ReadOnlySpan<double> probabilities, double theta)
    {
        double max = double.NegativeInfinity;
        foreach (double v in values)
        {
            max = Math.Max(max, theta * v);
        }

        double sum = 0, first = 0, second = 0;
        for (int i = 0; i < values.Length; i++)
        {
            double w = probabilities[i] * Math.Exp(theta * values[i] - max);
            sum += w;
            first += w * values[i];
            second += w * values[i] * values[i];
        }

        double mean = first / sum;
        return (mean, Math.Max(0, second / sum - mean * mean), max + Math.Log(sum));
    }

    /// <summary>
    /// log h̃: the threshold (log-likelihood-ratio units) at which a CUSUM with increments <paramref name="increments"/> (one per value,
    /// probabilities <paramref name="probabilities"/>) has ARL <paramref name="arl"/>, by the diffusion approximation with the exact
    /// exponent (Siegmund 1985, ch. X): ARL(h) ≈ (e^{sh} − 1 − sh)/(|s||μ|), μ = E ℓ, s ≠ 0 the root of E[e^{sℓ}] = 1 (opposite
    /// in sign to μ); ARL(h) ≈ h²/Var ℓ when μ = 0. +∞ when the CUSUM cannot move (every increment of positive probability ≤ 0 and μ &lt; 0 is not the case here by construction).
    /// </summary>
    internal static double LogThreshold(ReadOnlySpan<double> increments, ReadOnlySpan<double> probabilities, double arl)
    {
        double mu = 0, max = double.NegativeInfinity, min = double.PositiveInfinity;
        for (int i = 0; i < increments.Length; i++)
        {
            if (probabilities[i] > 0)
            {
                mu += probabilities[i] * increments[i];
                max = Math.Max(max, increments[i]);
                min = Math.Min(min, increments[i]);
            }
        }

        double variance = 0;
        for (int i = 0; i < increments.Length; i++)
        {
            variance += probabilities[i] * (increments[i] - mu) * (increments[i] - mu);
        }

        if (!(variance > 0))
        {
            return double.PositiveInfinity;
        }

        if (Math.Abs(mu) < 1e-12 * Math.Sqrt(variance))
        {
            return 0.5 * Math.Log(arl * variance);
        }

        if (mu < 0 && !(max > 0))
        {
            // The statistic never leaves 0: any threshold gives an infinite ARL.
            return double.NegativeInfinity;
        }

        double s = Root(increments, probabilities, mu, mu < 0 ? max : min);
        // Solve e^u − 1 − u = c with u = s·h (same sign as s), c = T|s||μ|.
        double c = arl * Math.Abs(s) * Math.Abs(mu);
        double u = s > 0 ? Math.Max(Math.Log(c + 1), 1e-9) : -(1 + c);
        for (int i = 0; i < 100; i++)
        {
            double e = Math.Exp(u);
            double f = e - 1 - u - c, derivative = e - 1;
            if (derivative == 0)
            {
                break;
            }

            double next = u - f / derivative;
            if (s > 0 && next <= 0)
            {
                next = u / 2;
            }
            else if (s < 0 && next >= 0)
            {
                next = u / 2;
            }

            if (Math.Abs(next - u) <= 1e-13 * Math.Max(1, Math.Abs(u)))
            {
                u = next;
                break;
            }

            u = next;
        }

        return Math.Log(u / s);
    }

    /// <summary>
    /// The nonzero root s of f(s) = log E[e^{sℓ}] = 0 (s &gt; 0 when μ &lt; 0, else s &lt; 0). f is convex with f(0) = 0 and f'(0) = μ:
    /// from a point beyond the root (f ≥ 0, found by doubling) Newton's iterates approach it monotonically.
    /// </summary>
    private static double Root(ReadOnlySpan<double> increments, ReadOnlySpan<double> probabilities, double mu, double extreme)
    {
        double s = (mu < 0 ? 1 : -1) / Math.Abs(extreme);
        while (CumulantAndSlope(increments, probabilities, s).Value < 0)
        {
            s *= 2;
            if (Math.Abs(s) > 1e12)
            {
                return s;
            }
        }

        for (int i = 0; i < 200; i++)
        {
            var (value, slope) = CumulantAndSlope(increments, probabilities, s);
            if (!(slope != 0) || value <= 0)
            {
                break;
            }

            double next = s - value / slope;
            if (Math.Abs(next - s) <= 1e-13 * Math.Abs(s))
            {
                s = next;
                break;
            }

            s = next;
        }

        return s;
    }

    /// <summary>f(s) = log E[e^{sℓ}] and f'(s) = the s-tilted mean of ℓ.</summary>
    private static (double Value, double Slope) CumulantAndSlope(ReadOnlySpan<double> increments, ReadOnlySpan<double> probabilities, double s)
    {
        double max = double.NegativeInfinity;
        for (int i = 0; i < increments.Length; i++)
        {
            if (probabilities[i] > 0)
            {
                max = Math.Max(max, s * increments[i]);
            }
        }

        double sum = 0, first = 0;
        for (int i = 0; i < increments.Length; i++)
        {
            if (probabilities[i] > 0)
            {
                double w = probabilities[i] * Math.Exp(s * increments[i] - max);
                sum += w;
                first += w * increments[i];
            }
        }

        return (max + Math.Log(sum), first / sum);
    }

    /// <summary>
    /// Counts of one Multinomial(n, p) draw: n categorical draws (inverse of the cumulative probabilities) up to 4,096 answers;
    /// beyond, conditional binomials (Binomial(m, q) by inversion when m·min(q, 1 − q) &lt; 30, else its normal approximation, rounded:
    /// at that size the baseline's error is small and the approximation's irrelevant).
    /// </summary>
    private static void Multinomial(Random random, double[] p, double[] cumulative, long n, long[] counts)
    {
        Array.Clear(counts);
        int k = p.Length;
        if (n <= 4096)
        {
            for (long i = 0; i < n; i++)
            {
                double u = random.NextDouble();
                int j = 0;
                while (j < k - 1 && u >= cumulative[j])
                {
                    j++;
                }

                counts[j]++;
            }

            return;
        }

        long left = n;
        double mass = 1;
        for (int j = 0; j < k - 1 && left > 0; j++)
        {
            double q = Math.Clamp(p[j] / mass, 0, 1);
            long x = Binomial(random, left, q);
            counts[j] = x;
            left -= x;
            mass -= p[j];
            if (!(mass > 0))
            {
                break;
            }
        }

        counts[k - 1] += left;
    }

    private static long Binomial(Random random, long m, double q)
    {
        if (q <= 0)
        {
            return 0;
        }

        if (q >= 1)
        {
            return m;
        }

        bool flip = q > 0.5;
        double r = flip ? 1 - q : q;
        long x;
        if (m * r < 30)
        {
            // Inversion from 0: P(0) = (1 − r)^m, P(j + 1) = P(j)·(m − j)/(j + 1)·r/(1 − r).
            double u = random.NextDouble(), pj = Math.Exp(m * PreciseMath.Log1p(-r)), cdf = pj;
            x = 0;
            while (u > cdf && x < m)
            {
                pj *= (m - x) / (double)(x + 1) * r / (1 - r);
                x++;
                cdf += pj;
                if (pj < 1e-300)
                {
                    break;
                }
            }
        }
        else
        {
            x = (long)Math.Round(m * r + Math.Sqrt(m * r * (1 - r)) * Normal.Sample(random, 0, 1));
            x = Math.Clamp(x, 0, m);
        }

        return flip ? m - x : x;
    }
}
