using System.Numerics;

namespace TrustMetrics.Monitoring;

/// <summary>
/// The integer CUSUM of a drop and its exact average run length. The log-likelihood ratio of one observation x against the
/// exponential tilt with mean μ₀ − δ is ℓ(x) = θx − K(θ) (θ &lt; 0 solves K'(θ) = μ₀ − δ, K the cumulant generating function of
/// the pre-change distribution); the detector adds d(x) = round(ℓ(x)/w) on a lattice of step w = (max ℓ − min ℓ)/<see cref="CellsPerRange"/>
/// (the smaller of 1/48 of the increment range and a third of the pre-change drift KL(p₀‖p₁), see <see cref="Step"/>), W = max(0, W + d), and alarms at W ≥ H. Because W lives on the integers
/// 0…H−1, its run length is the absorption time of a finite Markov chain (Brook &amp; Evans 1972), computed exactly: the
/// expected run lengths L solve (I − P)L = 1. P is banded (steps of at most ±<see cref="CellsPerRange"/>) except for its first
/// column (the reflections to 0), handled by Sherman–Morrison, so a solve costs O(H · band²). H is the smallest integer
/// threshold whose ARL₀ reaches the target (log ARL is nearly linear in H: secant steps, then the exact integer).
/// </summary>
internal static class CusumChain
{
    /// <summary>Lattice cells at least per range of the increments (max ℓ − min ℓ).</summary>
    public const int CellsPerRange = 48;

    /// <summary>θ &lt; 0 and K(θ) of the exponential tilt of (values, probabilities) with mean <paramref name="target"/>.</summary>
    public static (double Theta, double LogMgf) Tilt(ReadOnlySpan<double> values, ReadOnlySpan<double> probabilities, double target)
    {
        double lo = -1.0, hi = 0.0;
        double span = values[^1] - values[0];
        lo = -1.0 / span;
        while (TiltedMean(values, probabilities, lo) > target)
        {
            lo *= 2;
            if (lo < -1e6 / span)
            {
                throw new ArgumentOutOfRangeException(nameof(target), target, "The drop leaves no distribution on the baseline's values with that mean.");
            }
        }

        for (int i = 0; i < 200 && hi - lo > 1e-15 * Math.Abs(lo); i++)
        {
            double mid = 0.5 * (lo + hi);
            if (TiltedMean(values, probabilities, mid) > target)
            {
                hi = mid;
            }
            else
            {
                lo = mid;
            }
        }

        double theta = 0.5 * (lo + hi);
        return (theta, LogMgf(values, probabilities, theta));
    }

    /// <summary>K(θ) = log Σ pᵢ e^{θvᵢ}, shifted by the largest exponent.</summary>
    public static double LogMgf(ReadOnlySpan<double> values, ReadOnlySpan<double> probabilities, double theta)
    {
        double max = double.NegativeInfinity;
        foreach (double v in values)
        {
            max = Math.Max(max, theta * v);
        }

        double sum = 0;
        for (int i = 0; i < values.Length; i++)
        {
            sum += probabilities[i] * Math.Exp(theta * values[i] - max);
        }

        return max + Math.Log(sum);
    }

    private static double TiltedMean(ReadOnlySpan<double> values, ReadOnlySpan<double> probabilities, double theta)
    {
        double k = LogMgf(values, probabilities, theta), mean = 0;
        for (int i = 0; i < values.Length; i++)
        {
            mean += values[i] * probabilities[i] * Math.Exp(theta * values[i] - k);
        }

        return mean;
    }

    /// <summary>
    /// The lattice step w for the tilt (θ, K): the smaller of (max ℓ − min ℓ)/<see cref="CellsPerRange"/> and KL/3, where
    /// KL = K(θ) − θμ₀ = KL(p₀‖p_θ) = −E₀[ℓ] is the pre-change drift, so rounding (≤ w/2 per step) cannot distort the drift by more than a sixth.
    /// </summary>
    public static double Step(ReadOnlySpan<double> values, ReadOnlySpan<double> probabilities, double theta, double logMgf)
    {
        double mean = 0;
        for (int i = 0; i < values.Length; i++)
        {
            mean += values[i] * probabilities[i];
        }

        double drift = logMgf - theta * mean;
        return Math.Min(Math.Abs(theta) * (values[^1] - values[0]) / CellsPerRange, drift / 3);
    }

    /// <summary>The integer increment d(x) = round((θx − K)/w).</summary>
    public static long Increment(double x, double theta, double logMgf, double step) => (long)Math.Round((theta * x - logMgf) / step, MidpointRounding.AwayFromZero);

    /// <summary>Expected run length from W = 0 of the integer CUSUM with increments <paramref name="steps"/> (probabilities <paramref name="probabilities"/>) and threshold <paramref name="threshold"/> ≥ 1.</summary>
    public static double AverageRunLength(ReadOnlySpan<long> steps, ReadOnlySpan<double> probabilities, long threshold)
    {
        int n = checked((int)threshold);
        int lower = 0, upper = 0;
        foreach (long d in steps)
        {
            lower = (int)Math.Max(lower, Math.Min(-d, n));
            upper = (int)Math.Max(upper, Math.Min(d, n));
        }

        if ((double)n * lower * upper > 4e9)
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold,
                "The exact ARL of this drop needs too fine a lattice (threshold × band² > 4e9): choose a larger drop or a smaller ARL₀.");
        }

        int width = lower + upper + 1;
        // A = I − P with column 0 replaced by e₀ (band storage: a[i, j − i + lower]); u = (I − P)[:, 0] − e₀.
        var a = new double[n * width];
        var u = new double[n];
        for (int i = 0; i < n; i++)
        {
            a[i * width + lower] = 1.0;
        }

        u[0] = -0.0;
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < steps.Length; k++)
            {
                long j = i + steps[k];
                if (j >= n)
                {
                    continue;
                }

                if (j <= 0)
                {
                    u[i] -= probabilities[k];
                }
                else
                {
                    a[i * width + (int)(j - i) + lower] -= probabilities[k];
                }
            }
        }

        // Banded LU without pivoting (A is a nonsingular M-matrix), applied to both right-hand sides.
        var y = new double[n];
        Array.Fill(y, 1.0);
        for (int k = 0; k < n; k++)
        {
            double pivot = a[k * width + lower];
            int last = Math.Min(n - 1, k + lower);
            for (int i = k + 1; i <= last; i++)
            {
                double factor = a[i * width + (k - i) + lower] / pivot;
                if (factor == 0)
                {
                    continue;
                }

                int lastColumn = Math.Min(n - 1, k + upper);
                // Row i −= factor × row k over columns k+1…lastColumn: both are contiguous in band storage, so the update is one
                // SIMD loop (element by element the same multiply and subtract as the scalar form: bit-identical results).
                SubtractScaled(a.AsSpan(i * width + (k + 1 - i) + lower, lastColumn - k), a.AsSpan(k * width + 1 + lower, lastColumn - k), factor);
                y[i] -= factor * y[k];
                u[i] -= factor * u[k];
            }
        }

        for (int k = n - 1; k >= 0; k--)
        {
            int lastColumn = Math.Min(n - 1, k + upper);
            double sy = y[k], su = u[k];
            for (int j = k + 1; j <= lastColumn; j++)
            {
                double akj = a[k * width + (j - k) + lower];
                sy -= akj * y[j];
                su -= akj * u[j];
            }

            double pivot = a[k * width + lower];
            y[k] = sy / pivot;
            u[k] = su / pivot;
        }

        // (A + u e₀ᵀ)⁻¹ 1 at index 0 = y₀ / (1 + z₀), z = A⁻¹u.
        return y[0] / (1.0 + u[0]);
    }

    /// <summary><paramref name="target"/>[j] −= <paramref name="factor"/> × <paramref name="source"/>[j] (no fused multiply-add, as the scalar loop).</summary>
    private static void SubtractScaled(Span<double> target, ReadOnlySpan<double> source, double factor)
    {
        int j = 0;
        if (Vector.IsHardwareAccelerated && target.Length >= Vector<double>.Count)
        {
            var f = new Vector<double>(factor);
            for (; j <= target.Length - Vector<double>.Count; j += Vector<double>.Count)
            {
                var product = f * new Vector<double>(source[j..]);
                (new Vector<double>(target[j..]) - product).CopyTo(target[j..]);
            }
        }

        for (; j < target.Length; j++)
        {
            target[j] -= factor * source[j];
        }
    }

    /// <summary>The smallest integer threshold whose ARL₀ under the pre-change distribution reaches <paramref name="target"/> (<paramref name="step"/> = w, for the starting guess).</summary>
    public static long Threshold(long[] steps, double[] probabilities, double target, double step)
    {
        double drift = 0;
        for (int k = 0; k < steps.Length; k++)
        {
            drift += steps[k] * probabilities[k];
        }

        if (!(drift < 0))
        {
            throw new ArgumentOutOfRangeException(nameof(steps), "The drop is too small for the lattice: the CUSUM would not drift down before the change.");
        }

        double logTarget = Math.Log(target);
        // Each ARL is one banded solve: remember those made (the secant's last point is usually H or H − 1 of the final check).
        var solved = new Dictionary<long, double>();
        double Log(long h)
        {
            if (!solved.TryGetValue(h, out double value))
            {
                value = Math.Log(AverageRunLength(steps, probabilities, h));
                solved[h] = value;
            }

            return value;
        }

        // Secant on log ARL(H), nearly linear in H with slope ≈ w (ARL₀ ≈ C·e^{Hw}, renewal theory): start at Hw = log target and one unit above.
        long h0 = Math.Max(1, (long)Math.Round(logTarget / step)), h1 = Math.Max(h0 + 1, (long)Math.Round((logTarget + 1) / step));
        double f0 = Log(h0) - logTarget, f1 = Log(h1) - logTarget;
        for (int i = 0; i < 30 && Math.Abs(h1 - h0) > 1; i++)
        {
            if (f1 == f0)
            {
                break;
            }

            double next = h1 - f1 * (h1 - h0) / (f1 - f0);
            long h2 = (long)Math.Round(Math.Clamp(next, 1.0, Math.Max(2.0 * h1, 2.0 * h0)));
            if (h2 > 5_000_000)
            {
                throw new ArgumentOutOfRangeException(nameof(target), target, "The ARL₀ asked needs a threshold beyond 5,000,000 lattice steps.");
            }

            (h0, f0, h1, f1) = (h1, f1, h2, Log(h2) - logTarget);
        }

        long h = Math.Max(1, h1);
        while (h > 1 && Log(h - 1) >= logTarget)
        {
            h--;
        }

        while (Log(h) < logTarget)
        {
            h++;
        }

        return h;
    }
}
