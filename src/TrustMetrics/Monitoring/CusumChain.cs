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
/// threshold whose ARL₀ reaches the target: one factorisation serves every H up to its size (see <see cref="Factorization"/>), so the search is a bisection of back substitutions.
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
    public static double AverageRunLength(ReadOnlySpan<long> steps, ReadOnlySpan<double> probabilities, long threshold) =>
        new Factorization(steps, probabilities, checked((int)threshold)).AverageRunLength((int)threshold);

    /// <summary>
    /// The banded LU elimination (no pivoting: A is a nonsingular M-matrix) of A = I − P with column 0 replaced by e₀, for the
    /// states 0…n−1, applied to the right-hand sides 1 and u = (I − P)[:, 0] − e₀. For a threshold H ≤ n the chain's matrix is
    /// the leading H × H block of this one (states ≥ H are absorbing: their columns drop out, the reflections to 0 do not
    /// depend on H), and elimination from the top touches an entry of that block only through entries of the block, in the same
    /// order: the leading blocks of the factors and of the eliminated right-hand sides are exactly (bit for bit) those of
    /// the H × H solve. So one factorisation serves every H ≤ n, each ARL then costing one back substitution, O(H · band).
    /// </summary>
    internal sealed class Factorization
    {
        private readonly double[] _a;
        private readonly double[] _y;
        private readonly double[] _u;
        private readonly double[] _ys;
        private readonly double[] _us;
        private readonly int _lower;
        private readonly int _upper;
        private readonly int _width;

        public Factorization(ReadOnlySpan<long> steps, ReadOnlySpan<double> probabilities, int n)
        {
            Size = n;
            int lower = 0, upper = 0;
            foreach (long d in steps)
            {
                lower = (int)Math.Max(lower, Math.Min(-d, n));
                upper = (int)Math.Max(upper, Math.Min(d, n));
            }

            if ((double)n * lower * upper > MaxWork)
            {
                throw new ArgumentOutOfRangeException(nameof(n), n,
                    "The exact ARL of this drop needs too fine a lattice (threshold × band² > 4e9): choose a larger drop or a smaller ARL₀.");
            }

            int width = lower + upper + 1;
            _lower = lower;
            _upper = upper;
            _width = width;
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

            _a = a;
            _y = y;
            _u = u;
            _ys = new double[n];
            _us = new double[n];
        }

        /// <summary>Largest threshold served.</summary>
        public int Size { get; }

        /// <summary>The ARL from 0 for threshold <paramref name="h"/> in [1, <see cref="Size"/>]: back substitution on the leading block.</summary>
        public double AverageRunLength(int h)
        {
            var a = _a;
            int width = _width, lower = _lower, upper = _upper;
            for (int k = h - 1; k >= 0; k--)
            {
                int lastColumn = Math.Min(h - 1, k + upper);
                double sy = _y[k], su = _u[k];
                for (int j = k + 1; j <= lastColumn; j++)
                {
                    double akj = a[k * width + (j - k) + lower];
                    sy -= akj * _ys[j];
                    su -= akj * _us[j];
                }

                double pivot = a[k * width + lower];
                _ys[k] = sy / pivot;
                _us[k] = su / pivot;
            }

            // (A + u e₀ᵀ)⁻¹ 1 at index 0 = y₀ / (1 + z₀), z = A⁻¹u.
            return _ys[0] / (1.0 + _us[0]);
        }
    }

    /// <summary>The work bound of one factorisation (states × band²).</summary>
    private const double MaxWork = 4e9;

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

    /// <summary>
    /// The smallest integer threshold whose ARL₀ under the pre-change distribution reaches <paramref name="target"/> (<paramref name="step"/> = w,
    /// for the first lattice size). ARL₀(H) increases with H: one factorisation of a lattice large enough (first log target / w + 1
    /// states, the renewal-theory guess ARL₀ ≈ C·e^{Hw} with C ≤ 1, doubled until its ARL₀ reaches the target), then a bisection
    /// over H by back substitutions alone.
    /// </summary>
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
        long band = 0, up = 0;
        foreach (long d in steps)
        {
            band = Math.Max(band, -d);
            up = Math.Max(up, d);
        }

        long largest = Math.Min(MaxThreshold, (long)(MaxWork / Math.Max(1.0, (double)Math.Max(1, band) * Math.Max(1, up))));
        long n = Math.Clamp((long)Math.Round(logTarget / step) + 1, 2, Math.Max(2, largest));
        Factorization chain;
        while (true)
        {
            chain = new Factorization(steps, probabilities, (int)n);
            if (Math.Log(chain.AverageRunLength((int)n)) >= logTarget)
            {
                break;
            }

            if (n >= largest)
            {
                throw new ArgumentOutOfRangeException(nameof(target), target,
                    "The ARL₀ asked needs a threshold beyond 5,000,000 lattice steps or too fine a lattice (threshold × band² > 4e9).");
            }

            n = Math.Min(2 * n, largest);
        }

        // Smallest h in [1, n] with log ARL(h) ≥ log target (true at n).
        int lo = 0, hi = (int)n;
        while (hi - lo > 1)
        {
            int mid = lo + (hi - lo) / 2;
            if (Math.Log(chain.AverageRunLength(mid)) >= logTarget)
            {
                hi = mid;
            }
            else
            {
                lo = mid;
            }
        }

        return hi;
    }

    /// <summary>The largest threshold searched (lattice states).</summary>
    private const long MaxThreshold = 5_000_000;
}
