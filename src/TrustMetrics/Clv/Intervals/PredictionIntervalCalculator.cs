using TrustMetrics.Statistics;

namespace TrustMetrics.Clv;

/// <summary>
/// Per-customer prediction intervals (docs/clv.md §Prediction intervals). Parameter uncertainty enters through the unscented
/// transform of the fit's covariance on the log-parameter scale: the 2d sigma points ln θ̂ ± √d·Lₑ (L the Cholesky factor of
/// Cov(ln θ) = D⁻¹ΣD⁻¹, D = diag θ̂), equal weights 1/(2d). They reproduce the mean and covariance of the normal approximation
/// exactly, so for every smooth g the variance Σ w (g(θⱼ) − ḡ)² equals the delta method's ∇gᵀΣ∇g to second order — without the
/// derivatives of ₂F₁ in its parameters — and the same points give the count's predictive distribution as the mixture
/// (1/2d) Σⱼ P(Y = n | history, θⱼ). Each distinct (x, t_x, T) row is computed once. Stateless and thread-safe.
/// </summary>
public sealed partial class PredictionIntervalCalculator : IPredictionIntervalCalculator
{
    /// <summary>Largest accepted level: beyond it the count quantile would need the predictive CDF closer to 1 than its rounding.</summary>
    public const double MaximumLevel = 0.999;

    [ThreadStatic]
    private static bool scalarStepsForTests, seriesOnlyForTests;

    /// <summary>
    /// Tests only, for computations started on this thread (read when the families are prepared, so other tests running in
    /// parallel are never affected): the BG/NBD count walk one model at a time even where the SIMD lanes apply (the two agree
    /// bit for bit).
    /// </summary>
    internal static bool ScalarSteps { get => scalarStepsForTests; set => scalarStepsForTests = value; }

    /// <summary>Tests only, likewise per thread: the sigma points' expectations from their series even where <see cref="NumeratorInterpolation"/> applies.</summary>
    internal static bool SeriesOnly { get => seriesOnlyForTests; set => seriesOnlyForTests = value; }

    /// <summary>Distinct rows are split into this many fixed chunks (at most), each with its own scratch buffers.</summary>
    private const int Chunks = 32;

    /// <summary>Fewest rows per chunk: below twice this the rows run serially on the calling thread.</summary>
    private const int MinimumChunk = 4096;

    /// <inheritdoc/>
    public PredictionIntervals Compute<TModel>(ClvFit<TModel> fit, ReadOnlySpan<PurchaseHistory> histories, double horizon, double level = 0.9,
        CancellationToken cancellationToken = default, int? maxDegreeOfParallelism = null)
        where TModel : class, IPurchaseModel
    {
        ArgumentNullException.ThrowIfNull(fit);
        var work = ParallelWork.From(cancellationToken, maxDegreeOfParallelism);
        CheckArguments(horizon, level);
        var family = Family.For(fit);

        // Distinct (x, t_x, T) rows in order of first appearance, and each customer's row.
        var index = new HistoryIndex(Math.Min(histories.Length, 1 << 16));
        var map = new int[histories.Length];
        for (int i = 0; i < histories.Length; i++)
        {
            CompressedHistories.Validate(histories[i], i, nameof(histories));
            map[i] = index.Add(histories[i].Frequency, histories[i].Recency, histories[i].T);
        }

        var (xs, txs, ts) = index.Columns();
        var r = Rows(family, work, xs, txs, ts, horizon, level);
        bool pu = family.ParameterUncertainty;
        return new PredictionIntervals(horizon, level, pu, Expand(r.E, map), pu ? Expand(r.EL, map) : null, pu ? Expand(r.EU, map) : null,
            Expand(r.A, map), pu ? Expand(r.AL, map) : null, pu ? Expand(r.AU, map) : null, Expand(r.CL, map), Expand(r.CU, map), xs.Length);
    }

    /// <inheritdoc/>
    public PredictionIntervals Compute<TModel>(ClvFit<TModel> fit, CompressedHistories rows, double horizon, double level = 0.9,
        CancellationToken cancellationToken = default, int? maxDegreeOfParallelism = null)
        where TModel : class, IPurchaseModel
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(rows);
        var work = ParallelWork.From(cancellationToken, maxDegreeOfParallelism);
        CheckArguments(horizon, level);
        var family = Family.For(fit);
        var r = Rows(family, work, rows.Frequency, rows.Recency, rows.T, horizon, level);
        bool pu = family.ParameterUncertainty;
        return new PredictionIntervals(horizon, level, pu, r.E, pu ? r.EL : null, pu ? r.EU : null, r.A, pu ? r.AL : null, pu ? r.AU : null,
            r.CL, r.CU, rows.RowCount);
    }

    private static void CheckArguments(double horizon, double level)
    {
        BgNbdModel.CheckHorizon(horizon);
        if (!(level > 0 && level <= MaximumLevel))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, $"The level must be in (0, {Guard.Format(MaximumLevel)}]; got {Guard.Format(level)}.");
        }
    }

    /// <summary>The per-row results (index = distinct row).</summary>
    private readonly record struct RowResults(double[] E, double[] EL, double[] EU, double[] A, double[] AL, double[] AU, long[] CL, long[] CU);

    /// <summary>Every distinct row once, in fixed chunks on the work's threads, each chunk with its own scratch buffers.</summary>
    private static RowResults Rows(Family family, ParallelWork work, ReadOnlySpan<long> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age,
        double horizon, double level)
    {
        int n = frequency.Length;
        var r = new RowResults(new double[n], new double[n], new double[n], new double[n], new double[n], new double[n], new long[n], new long[n]);
        double z = Distributions.NormalQuantile(0.5 + (level / 2));
        double lowTail = (1 - level) / 2, highTail = (1 + level) / 2;
        long largest = 0;
        foreach (long x in frequency)
        {
            largest = Math.Max(largest, x);
        }

        var xs = frequency.ToArray();
        var txs = recency.ToArray();
        var ts = age.ToArray();
        family.Prepare(horizon, largest, xs, ts, work);

        // Fixed chunks, each with its own scratch buffers (nothing is allocated per row); both cores when there are many rows.
        int chunks = n > 2 * MinimumChunk ? Math.Max(1, Math.Min(Chunks, n / MinimumChunk)) : 1;
        work.For(chunks, chunks > 1, chunk =>
        {
            var scratch = family.NewScratch();
            int from = (int)((long)n * chunk / chunks), to = (int)((long)n * (chunk + 1) / chunks);
            for (int i = from; i < to; i++)
            {
                if (((i - from) & 0xFFF) == 0)
                {
                    work.ThrowIfCancellationRequested();
                }

                family.Row(scratch, horizon, xs[i], txs[i], ts[i], z, lowTail, highTail, out r.E[i], out r.EL[i], out r.EU[i], out r.A[i], out r.AL[i], out r.AU[i],
                    out r.CL[i], out r.CU[i]);
            }
        });
        return r;
    }

    private static T[] Expand<T>(T[] values, int[] map)
    {
        var result = new T[map.Length];
        for (int i = 0; i < map.Length; i++)
        {
            result[i] = values[map[i]];
        }

        return result;
    }

    /// <summary>The models at the estimates and at the sigma points, and how one row is computed.</summary>
    private abstract class Family
    {
        protected Family(double[][] points)
        {
            Points = points;
        }

        /// <summary>Sigma points (natural scale); empty without parameter uncertainty.</summary>
        protected double[][] Points { get; }

        /// <summary>The model at the estimates (index 0) and at every sigma point (1…k), <paramref name="at"/> building one from its 4 parameters.</summary>
        protected static TModel[] ModelsAtPoints<TModel>(TModel model, double[][] points, Func<double[], TModel> at)
        {
            var models = new TModel[points.Length + 1];
            models[0] = model;
            for (int j = 0; j < points.Length; j++)
            {
                models[j + 1] = at(points[j]);
            }

            return models;
        }

        public bool ParameterUncertainty => Points.Length > 0;

        public static Family For<TModel>(ClvFit<TModel> fit)
            where TModel : class, IPurchaseModel =>
            For(fit, SigmaPoints(fit, Math.Sqrt(fit.ParameterNames.Count)));

        /// <summary>The fit's model at the estimates and at the given points (natural scale).</summary>
        public static Family For<TModel>(ClvFit<TModel> fit, double[][] points)
            where TModel : class, IPurchaseModel
        {
            return fit.Model switch
            {
                BgNbdModel bg => new BetaGeometric(bg, null, points),
                MbgNbdModel mbg => new BetaGeometric(null, mbg, points),
                ParetoNbdModel pareto => new Pareto(pareto, points),
                _ => throw new ArgumentException($"Prediction intervals need the conditional distribution of the purchase count, which is available for BG/NBD, MBG/NBD and Pareto/NBD fits; got a {typeof(TModel).Name} fit.", nameof(fit)),
            };
        }

        /// <summary>ln θ̂ ± scale·L eⱼ (scale √d for the fit alone), or none when the covariance is not finite and positive definite.</summary>
        public static double[][] SigmaPoints<TModel>(ClvFit<TModel> fit, double scale)
            where TModel : class
        {
            var names = fit.ParameterNames;
            int d = names.Count;
            var theta = new double[d];
            for (int i = 0; i < d; i++)
            {
                theta[i] = fit.Estimates[names[i]].Value;
            }

            // Cholesky of Cov(ln θ)ᵢⱼ = Σᵢⱼ / (θᵢ θⱼ).
            var l = new double[d, d];
            for (int i = 0; i < d; i++)
            {
                for (int j = 0; j <= i; j++)
                {
                    double sum = fit.Covariance(names[i], names[j]) / (theta[i] * theta[j]);
                    for (int k = 0; k < j; k++)
                    {
                        sum -= l[i, k] * l[j, k];
                    }

                    if (i == j)
                    {
                        if (!(sum > 0 && double.IsFinite(sum)))
                        {
                            return [];
                        }

                        l[i, i] = Math.Sqrt(sum);
                    }
                    else
                    {
                        l[i, j] = sum / l[j, j];
                        if (!double.IsFinite(l[i, j]))
                        {
                            return [];
                        }
                    }
                }
            }

            var points = new double[2 * d][];
            for (int j = 0; j < d; j++)
            {
                for (int sign = 0; sign < 2; sign++)
                {
                    var p = new double[d];
                    for (int i = 0; i < d; i++)
                    {
                        p[i] = theta[i] * Math.Exp((sign == 0 ? scale : -scale) * l[i, j]);
                        if (!(p[i] > 0 && double.IsFinite(p[i])))
                        {
                            return [];
                        }
                    }

                    points[(2 * j) + sign] = p;
                }
            }

            return points;
        }

        /// <summary>
        /// Per-(parameters, t) tables, built once before the rows are computed (read-only afterwards, shared by the chunks), for
        /// rows whose largest frequency is <paramref name="largestFrequency"/>; <paramref name="frequency"/> and
        /// <paramref name="age"/> are the rows' x and T (a family may tabulate along them).
        /// </summary>
        public virtual void Prepare(double t, long largestFrequency, ReadOnlySpan<long> frequency, ReadOnlySpan<double> age, ParallelWork work)
        {
        }

        /// <summary>Buffers one chunk reuses for all its rows.</summary>
        public virtual Scratch NewScratch() => new(Points.Length + 1);

        public void Row(Scratch scratch, double t, long x, double tx, double T, double z, double lowTail, double highTail,
            out double e, out double eLower, out double eUpper, out double alive, out double aliveLower, out double aliveUpper, out long lower, out long upper)
        {
            // Index 0: the estimates; 1…k: the sigma points.
            Evaluate(scratch, t, x, tx, T);
            var ej = scratch.Expected;
            var aj = scratch.Alive;
            e = ej[0];
            alive = aj[0];
            eLower = eUpper = e;
            aliveLower = aliveUpper = alive;
            int k = Points.Length;
            if (k > 0)
            {
                (eLower, eUpper) = Bounds(e, ej.AsSpan(1, k), scratch.Transformed, z, logit: false);
                (aliveLower, aliveUpper) = scratch.HasLogOdds
                    ? LogOddsBounds(alive, aj.AsSpan(1, k), scratch.LogOdds, scratch.Transformed, z)
                    : Bounds(alive, aj.AsSpan(1, k), scratch.Transformed, z, logit: true);
            }

            if (t == 0)
            {
                lower = upper = 0;
                return;
            }

            Quantiles(scratch, t, x, tx, T, lowTail, highTail, out lower, out upper);
        }

        /// <summary>g(θ̂) · exp(±z·sd) on the log (logit) scale, sd² = Σ w (h(θⱼ) − h̄)²; on the natural scale clamped where h is infinite.</summary>
        private static (double Lower, double Upper) Bounds(double estimate, ReadOnlySpan<double> values, Span<double> h, double z, bool logit)
        {
            bool transformed = Transformable(estimate);
            foreach (double v in values)
            {
                transformed &= Transformable(v);
            }

            for (int j = 0; j < values.Length; j++)
            {
                h[j] = H(values[j]);
            }

            double sd = Spread(h[..values.Length]);
            double centre = H(estimate);
            if (sd == 0)
            {
                return (estimate, estimate);
            }

            double lo = Inverse(centre - (z * sd)), hi = Inverse(centre + (z * sd));
            return transformed ? (lo, hi) : (Math.Max(lo, 0), logit ? Math.Min(hi, 1) : hi);

            bool Transformable(double v) => logit ? v > 0 && v < 1 : v > 0;

            double H(double v) => !transformed ? v : logit ? Math.Log(v) - PreciseMath.Log1p(-v) : Math.Log(v);

            double Inverse(double h) => !transformed ? h : logit ? 1 / (1 + Math.Exp(-h)) : Math.Exp(h);
        }

        /// <summary>The sigma points' spread on the transformed scale: sd² = Σ w (h(θⱼ) − h̄)², equal weights (the population variance).</summary>
        private static double Spread(ReadOnlySpan<double> h) => Math.Sqrt(Descriptive.Variance(h, sample: false));

        /// <summary>
        /// <see cref="Bounds"/> for P(alive) = 1/(1 + D) when the family kept ln D per model (<see cref="Scratch.LogOdds"/>): the
        /// logit is −ln D exactly, so no logarithm is taken (and none loses the digits of 1 − P near 1). Falls back to
        /// <see cref="Bounds"/> when a value is 0 or 1, where the logit scale does not apply.
        /// </summary>
        private static (double Lower, double Upper) LogOddsBounds(double estimate, ReadOnlySpan<double> values, ReadOnlySpan<double> logOdds, Span<double> h, double z)
        {
            bool transformed = estimate > 0 && estimate < 1;
            foreach (double v in values)
            {
                transformed &= v > 0 && v < 1;
            }

            if (!transformed)
            {
                return Bounds(estimate, values, h, z, logit: true);
            }

            for (int j = 0; j < values.Length; j++)
            {
                h[j] = -logOdds[j + 1];
            }

            double sd = Spread(h[..values.Length]);
            if (sd == 0)
            {
                return (estimate, estimate);
            }

            double centre = -logOdds[0];
            return (1 / (1 + Math.Exp(-(centre - (z * sd)))), 1 / (1 + Math.Exp(-(centre + (z * sd)))));
        }

        /// <summary>E[Y(t)] into <see cref="Scratch.Expected"/> and P(alive) into <see cref="Scratch.Alive"/>, at the estimates (0) and every sigma point (1…k).</summary>
        protected abstract void Evaluate(Scratch scratch, double t, long x, double tx, double T);

        /// <summary>
        /// Equal-tailed quantiles of the count's predictive distribution (the mixture over the sigma points, or the estimate's alone),
        /// for t &gt; 0, after <see cref="Evaluate"/> filled the scratch for the same row.
        /// </summary>
        protected abstract void Quantiles(Scratch scratch, double t, long x, double tx, double T, double lowTail, double highTail, out long lower, out long upper);

        /// <summary>
        /// P(Y(t) = n | history) at model <paramref name="j"/> (0: the estimates) for n = 0, 1, … into <paramref name="pmf"/> until the
        /// cumulative sum reaches 1 − <paramref name="tolerance"/>, a term below 1e-18 is smaller than the one before (or the buffer is full), after <see cref="Evaluate"/> filled the
        /// scratch for the same row and t &gt; 0. Returns the number of terms written.
        /// </summary>
        public abstract int Distribution(Scratch scratch, double t, long x, double tx, double T, int j, Span<double> pmf, double tolerance);

        /// <summary>A PMF term below this that no longer grows ends <see cref="Distribution"/>.</summary>
        protected const double Negligible = 1e-18;

        /// <summary>Public entry to <see cref="Evaluate"/> for the value intervals.</summary>
        public void EvaluateRow(Scratch scratch, double t, long x, double tx, double T) => Evaluate(scratch, t, x, tx, T);

        /// <summary>Walks the predictive CDF: lower = first n with F(n) &gt; lowTail, upper = first n with F(n) ≥ highTail.</summary>
        protected static void Walk<TStep>(ref TStep step, double lowTail, double highTail, out long lower, out long upper)
            where TStep : struct, IStep
        {
            double cdf = 0;
            lower = -1;
            for (long n = 0; ; n++)
            {
                cdf += step.Next(n);
                if (Reached(cdf, n, lowTail, highTail, ref lower, out upper))
                {
                    return;
                }
            }
        }

        /// <summary>
        /// One step of the walk at F(n) = <paramref name="cdf"/>: records lower at the first n with F(n) &gt; lowTail, and returns
        /// true (upper = n, lower = n if still unset) at the first n with F(n) ≥ highTail.
        /// </summary>
        protected static bool Reached(double cdf, long n, double lowTail, double highTail, ref long lower, out long upper)
        {
            if (lower < 0 && cdf > lowTail)
            {
                lower = n;
            }

            upper = n;
            if (!(cdf >= highTail))
            {
                return false;
            }

            if (lower < 0)
            {
                lower = n;
            }

            return true;
        }

        protected interface IStep
        {
            double Next(long n);
        }
    }

    /// <summary>One chunk's buffers (index 0: the estimates, 1…k: the sigma points).</summary>
    private class Scratch(int models)
    {
        public double[] Expected { get; } = new double[models];

        public double[] Alive { get; } = new double[models];

        /// <summary>The transformed values of one bound's computation.</summary>
        public double[] Transformed { get; } = new double[models];

        /// <summary>A per-model quantity the family keeps from <c>Evaluate</c> for <c>Quantiles</c>.</summary>
        public double[] First { get; } = new double[models];

        /// <summary>A second one.</summary>
        public double[] Second { get; } = new double[models];

        /// <summary>A third one.</summary>
        public double[] Third { get; } = new double[models];

        /// <summary>ln D per model where P(alive) = 1/(1 + D), when <see cref="HasLogOdds"/> (the family's <c>Evaluate</c> sets both).</summary>
        public double[] LogOdds { get; } = new double[models];

        /// <summary>Whether <see cref="LogOdds"/> holds the current row's values.</summary>
        public bool HasLogOdds { get; set; }
    }


    /// <summary>
    /// BG/NBD and MBG/NBD. At the estimates (model 0) E[Y(t)] and P(alive) are the model's own point predictions, bit for bit
    /// (<c>ConditionalUnchecked</c>, <c>AliveUnchecked</c>: the numbers <c>clv predict</c> writes, so a caller can take them from
    /// the intervals instead of computing them twice). For the sigma points everything that depends only on the parameters (and the
    /// horizon) is tabulated once per model before the rows are computed: the ₂F₁ series' coefficients, lane-interleaved for
    /// <see cref="SeriesLanes"/> (all sigma points' series in one SIMD pass), the dropout odds a/(b+m) with their logarithms, and
    /// the beta ratios (b+m)/(a+b+m) of the count's recursion — so a row costs one log1p, one log and one exp per model plus
    /// multiply–adds, no division. Terms outside the tables, a series that runs past its budget or cancels go to
    /// <see cref="Hypergeometric.ScaledTail"/>, as the models do, so every result is the models' own to rounding. Where a
    /// frequency has many rows, the sigma points' E[Y]/P(alive) come from <see cref="NumeratorInterpolation"/> instead of their
    /// series (checked against them at build time to 1e-13 relative); the count walk runs the sigma points in SIMD lanes
    /// (<see cref="TryLaneQuantiles"/>, the scalar walk's quantiles bit for bit).
    /// </summary>
    private sealed partial class BetaGeometric : Family
    {
        /// <summary>Frequencies above this use the general routines (the tables are sized by the largest frequency up to it).</summary>
        private const int FrequencyLimit = 100_000;

        /// <summary>Steps of the count's recursion tabulated beyond the largest frequency.</summary>
        private const int StepTable = 1024;

        private static readonly double[] Reciprocals = BuildReciprocals();

        private readonly int shift;
        private readonly double[][] parameters;
        private readonly double[] a1, epsilon, c0;

        /// <summary>For each model the first model with the same α (bit for bit): α-only quantities of a row are computed once per α.</summary>
        private readonly int[] alphaLeader;
        private double[][] drop = [], logDrop = [], betaStep = [];

        /// <summary>The sigma points' series (lane l = model l + 1); null without parameter uncertainty.</summary>
        private SeriesLanes? series;

        /// <summary>The sigma points' numerators interpolated along T (lane l = model l + 1), or null (none worth building).</summary>
        private NumeratorInterpolation? numerators;

        /// <summary><see cref="ScalarSteps"/> as it was when the family was prepared.</summary>
        private bool scalarSteps;
        private int tableFrequency = -1;

        public BetaGeometric(BgNbdModel? bg, MbgNbdModel? mbg, double[][] points)
            : base(points)
        {
            shift = mbg is not null ? 1 : 0;
            var p0 = shift == 1 ? mbg!.Parameters : bg!.Parameters;
            parameters = new double[points.Length + 1][];
            parameters[0] = [p0.R, p0.Alpha, p0.A, p0.B];
            for (int j = 0; j < points.Length; j++)
            {
                _ = new BgNbdParameters(points[j][0], points[j][1], points[j][2], points[j][3]);   // validates the sigma point
                parameters[j + 1] = points[j];
            }

            int models = parameters.Length;
            alphaLeader = new int[models];
            for (int j = 0; j < models; j++)
            {
                int k = 0;
                while (BitConverter.DoubleToInt64Bits(parameters[k][1]) != BitConverter.DoubleToInt64Bits(parameters[j][1]))
                {
                    k++;
                }

                alphaLeader[j] = k;
            }

            a1 = new double[models];
            epsilon = new double[models];
            c0 = new double[models];
            for (int j = 0; j < models; j++)
            {
                double a = parameters[j][2], b = parameters[j][3], r = parameters[j][0];
                // The models' own expressions (BgNbdModel.Numerator: a+b−1−r, a−1, a+b+x−1; MbgNbdModel: a+b−r, a−1, a+b+x).
                a1[j] = shift == 0 ? a + b - 1 - r : a + b - r;
                epsilon[j] = a - 1;
                c0[j] = shift == 0 ? a + b - 1 : a + b;
            }
        }

        public override void Prepare(double t, long largest, ReadOnlySpan<long> frequency, ReadOnlySpan<double> age, ParallelWork work)
        {
            tableFrequency = (int)Math.Min(largest, FrequencyLimit);
            int models = parameters.Length;
            series = models > 1 ? new SeriesLanes(a1.AsSpan(1), epsilon.AsSpan(1), c0.AsSpan(1), tableFrequency) : null;
            drop = new double[models][];
            logDrop = new double[models][];
            betaStep = new double[models][];
            for (int j = 0; j < models; j++)
            {
                double a = parameters[j][2], b = parameters[j][3];
                int steps = tableFrequency + shift + StepTable;
                var d = drop[j] = new double[steps];
                var logD = logDrop[j] = new double[tableFrequency + shift];
                var beta = betaStep[j] = new double[steps];
                for (int m = 0; m < steps; m++)
                {
                    d[m] = a / (b + m);
                    beta[m] = (b + m) / (a + b + m);
                    if (m < logD.Length)
                    {
                        logD[m] = Math.Log(d[m]);
                    }
                }
            }

            PrepareLanes();
            scalarSteps = ScalarSteps;   // read here, on the calling thread: the rows run on pool threads

            // The sigma points' numerators as interpolants in ln(α̂ + T) wherever a frequency has enough rows (checked against
            // the series piece by piece at build time; a piece that fails stays on the series).
            numerators = models > 1 && t > 0 && !SeriesOnly
                ? NumeratorInterpolation.Build(models - 1, parameters[0][1], frequency, age, tableFrequency, (j, x, T) => DirectNumerator(j + 1, x, T, t), work)
                : null;
        }

        /// <summary>Model j's numerator at (x, T) by its series, exactly as <see cref="Evaluate"/> computes it at a frequency beyond the tables.</summary>
        private double DirectNumerator(int j, long x, double T, double t)
        {
            double alphaT = parameters[j][1] + T;
            return Numerator(j, x, t / (alphaT + t), -PreciseMath.Log1p(t / alphaT));
        }

        public override Scratch NewScratch() => new StepScratch(parameters.Length, series?.Lanes ?? 0);

        protected override void Evaluate(Scratch scratch, double t, long x, double tx, double T)
        {
            scratch.HasLogOdds = x > 0 || shift == 1;   // BG/NBD at x = 0: P(alive) = 1, no odds
            for (int j = 0; j < parameters.Length; j++)
            {
                var p = parameters[j];
                double r = p[0], alpha = p[1];
                double alphaT = alpha + T;

                // The sigma points that move only a and b keep α̂ (bit for bit): they share the α-only logarithms of the model before them.
                int leader = alphaLeader[j];

                // P(alive) as BgNbdModel/MbgNbdModel.AliveUnchecked: 1/(1 + a/(b+x−1+s) · ((α+T)/(α+t_x))^{r+x}), 1 for BG/NBD at x = 0.
                double alive;
                if (x == 0 && shift == 0)
                {
                    alive = 1.0;
                }
                else
                {
                    long m = x - 1 + shift;
                    double logOdds = m < logDrop[j].Length ? logDrop[j][m] : Math.Log(p[2] / (p[3] + m));
                    double logRatio = leader == j ? (scratch.Third[j] = Math.Log(alphaT / (alpha + tx))) : scratch.Third[leader];
                    double logD = logOdds + ((r + x) * logRatio);
                    scratch.LogOdds[j] = logD;
                    alive = 1.0 / (1.0 + Math.Exp(logD));
                }

                scratch.Alive[j] = alive;
                if (t == 0)
                {
                    scratch.Expected[j] = 0.0;
                    continue;
                }

                double logOneMinusZ = leader == j ? -PreciseMath.Log1p(t / alphaT) : scratch.First[leader];
                double z = leader == j ? t / (alphaT + t) : scratch.Second[leader];
                scratch.First[j] = logOneMinusZ;
                scratch.Second[j] = z;
            }

            if (t == 0)
            {
                return;
            }

            // The estimates: the model's own point prediction, BgNbdModel/MbgNbdModel.ConditionalUnchecked term for term — its
            // numerator from the same arguments (z and ln(1 − z) as above, the model's a₁, ε, c) times its P(alive), which is the
            // one above bit for bit (the same expression) — without computing the logarithms twice (test: the intervals' point
            // values equal the models' batch predictions bit for bit).
            double numerator = Numerator(0, x, scratch.Second[0], scratch.First[0]);
            scratch.Expected[0] = shift == 0 && x == 0 ? numerator : numerator * scratch.Alive[0];
            int models = parameters.Length;
            if (models == 1)
            {
                return;
            }

            if (x > tableFrequency)
            {
                for (int j = 1; j < models; j++)
                {
                    scratch.Expected[j] = Numerator(j, x, scratch.Second[j], scratch.First[j]) * scratch.Alive[j];
                }

                return;
            }

            var lanes = (StepScratch)scratch;
            if (numerators is not null && numerators.TryEvaluate(x, T, lanes.Sum))
            {
                for (int j = 1; j < models; j++)
                {
                    scratch.Expected[j] = lanes.Sum[j - 1] * scratch.Alive[j];
                }

                return;
            }

            // The sigma points' series in SIMD lanes (lane l = model l + 1; padding lanes z = 0), then each model's closed part.
            var zs = lanes.LaneZ;
            Array.Copy(scratch.Second, 1, zs, 0, models - 1);
            series!.Run((int)x, zs, lanes.Sum, lanes.Largest, lanes.Converged);
            for (int j = 1; j < models; j++)
            {
                scratch.Expected[j] = Finish(j, x, scratch.Second[j], scratch.First[j], lanes.Sum[j - 1], lanes.Largest[j - 1], lanes.Converged[j - 1]) * scratch.Alive[j];
            }
        }

        /// <summary>The closed part of the models' <c>Numerator</c> after its series (sum, largest term, whether it converged), at x within the tables.</summary>
        private double Finish(int j, long x, double z, double logOneMinusZ, double s, double largest, bool series)
        {
            var p = parameters[j];
            double r = p[0], a = p[2], b = p[3];
            double c = shift == 0 ? a + b + x - 1 : a + b + x;
            double eps = epsilon[j];
            double el = eps * logOneMinusZ;
            double head = eps == 0 ? -logOneMinusZ : -PreciseMath.Expm1(el) / eps;
            double scale = Math.Exp(el);
            double result = (c * head) - (scale * s);
            if (series && double.IsFinite(result) && !(scale * largest > 1e3 * Math.Abs(result)))
            {
                return result;
            }

            return Hypergeometric.ScaledTail(a1[j], epsilon[j], c, z, logOneMinusZ, r + x, a, b + x + shift);
        }

        /// <summary>E[Y(t) | x, t_x, T] / P(alive) (the models' <c>Numerator</c>) at a frequency beyond the tables: the general routine.</summary>
        private double Numerator(int j, long x, double z, double logOneMinusZ)
        {
            var p = parameters[j];
            double r = p[0], a = p[2], b = p[3];
            double c = shift == 0 ? a + b + x - 1 : a + b + x;
            return Hypergeometric.ScaledTail(a1[j], epsilon[j], c, z, logOneMinusZ, r + x, a, b + x + shift);
        }

        protected override void Quantiles(Scratch scratch, double t, long x, double tx, double T, double lowTail, double highTail, out long lower, out long upper)
        {
            if (Points.Length > 0 && !scalarSteps && TryLaneQuantiles(scratch, x, lowTail, highTail, out lower, out upper))
            {
                return;
            }

            int first = Points.Length > 0 ? 1 : 0, count = Points.Length > 0 ? Points.Length : 1;
            var steps = ((StepScratch)scratch).Steps;
            for (int j = first; j < first + count; j++)
            {
                steps[j] = new Step(scratch.Alive[j], parameters[j][0] + x, scratch.First[j], scratch.Second[j], x + shift);
            }

            var mixture = new Mixture(this, steps, first, count);
            Walk(ref mixture, lowTail, highTail, out lower, out upper);
        }

        public override int Distribution(Scratch scratch, double t, long x, double tx, double T, int j, Span<double> pmf, double tolerance)
        {
            var step = new Step(scratch.Alive[j], parameters[j][0] + x, scratch.First[j], scratch.Second[j], x + shift);
            double cdf = 0;
            int n = 0;
            while (n < pmf.Length)
            {
                double p = step.Next(this, j, n);
                pmf[n++] = p;
                cdf += p;
                if (cdf >= 1 - tolerance || (n > 2 && p < Negligible && p <= pmf[n - 2]))
                {
                    break;   // the rest of the (unimodal past here) tail, and the rounding of Σ P to 1, cannot move a quantile
                }
            }

            return n;
        }

        private static double[] BuildReciprocals()
        {
            var values = new double[StepTable];
            for (int n = 0; n < values.Length; n++)
            {
                values[n] = 1.0 / (n + 1);
            }

            return values;
        }

        /// <summary>
        /// BetaGeometricCount.Stepper with the divisions tabulated: P(Y = n | history) for n = 0, 1, … at one model, by
        /// NB(n+1) = NB(n)·(r′+n)/(n+1)·(1−q), B(a,b′+n+1)/B(a,b′) = ·(b′+n)/(a+b′+n), P(N ≥ n+1) = P(N ≥ n) − NB(n).
        /// </summary>
        private struct Step
        {
            private readonly double alive, rx, oneMinusQ;
            private readonly long offset;
            private double logOneMinusQ, logNb, nb, tail, betaRatio;
            private bool linear;

            public Step(double alive, double rx, double logOneMinusZ, double z, long offset)
            {
                this.alive = alive;
                this.rx = rx;
                this.offset = offset;
                oneMinusQ = z;
                logNb = rx * logOneMinusZ;      // −r′·ln(1 + t/α′)
                linear = logNb > -700;
                nb = linear ? Math.Exp(logNb) : 0;
                logOneMinusQ = linear ? 0 : Math.Log(z);
                tail = 1;
                betaRatio = 1;
            }

            public double Next(BetaGeometric family, int j, long n)
            {
                double current = linear ? nb : Math.Exp(logNb);
                double f = betaRatio * current;
                if (n > 0)
                {
                    // B(a+1, b′+n−1)/B(a,b′) = betaRatio · a/(b′+n−1).
                    long m = offset + n - 1;
                    var d = family.drop[j];
                    f += betaRatio * (m < d.Length ? d[m] : family.parameters[j][2] / (family.parameters[j][3] + m)) * tail;
                }

                double p = (alive * f) + (n == 0 ? 1 - alive : 0);
                tail = Math.Max(tail - current, 0);
                double factor = (rx + n) * (n < Reciprocals.Length ? Reciprocals[n] : 1.0 / (n + 1));
                if (linear)
                {
                    nb *= factor * oneMinusQ;
                }
                else
                {
                    logNb += Math.Log(factor) + logOneMinusQ;
                    if (logNb > -700)
                    {
                        linear = true;
                        nb = Math.Exp(logNb);
                    }
                }

                long k = offset + n;
                var beta = family.betaStep[j];
                betaRatio *= k < beta.Length ? beta[k] : (family.parameters[j][3] + k) / (family.parameters[j][2] + family.parameters[j][3] + k);
                return Math.Clamp(p, 0.0, 1.0);
            }
        }

        private readonly struct Mixture(BetaGeometric family, Step[] steps, int first, int count) : IStep
        {
            public double Next(long n)
            {
                double sum = 0;
                for (int j = first; j < first + count; j++)
                {
                    sum += steps[j].Next(family, j, n);
                }

                return sum / count;
            }
        }

        private sealed class StepScratch(int models, int lanes) : Scratch(models)
        {
            public Step[] Steps { get; } = new Step[models];

            /// <summary><see cref="SeriesLanes.Run(int, double[], double[], double[], bool[])"/>'s per-lane buffers (lane l = model l + 1; the padding lanes' z stays 0).</summary>
            public double[] LaneZ { get; } = new double[lanes];

            public double[] Sum { get; } = new double[lanes];

            public double[] Largest { get; } = new double[lanes];

            public bool[] Converged { get; } = new bool[lanes];

            /// <summary>The lane walk's per-model state (<see cref="TryLaneQuantiles"/>): P(alive), r + x, 1 − q, NB(n), P(N ≥ n), the beta ratio and P(Y = n).</summary>
            public double[] LaneAlive { get; } = new double[lanes];

            public double[] LaneRx { get; } = new double[lanes];

            public double[] LaneQ { get; } = new double[lanes];

            public double[] LaneNb { get; } = new double[lanes];

            public double[] LaneTail { get; } = new double[lanes];

            public double[] LaneBeta { get; } = new double[lanes];

            public double[] LaneP { get; } = new double[lanes];
        }
    }

    private sealed class Pareto : Family
    {
        private readonly ParetoNbdModel[] models;

        public Pareto(ParetoNbdModel model, double[][] points)
            : base(points)
        {
            models = ModelsAtPoints(model, points, p => new ParetoNbdModel(new ParetoNbdParameters(p[0], p[1], p[2], p[3])));
        }

        protected override void Evaluate(Scratch scratch, double t, long x, double tx, double T)
        {
            for (int j = 0; j < models.Length; j++)
            {
                scratch.Expected[j] = models[j].ConditionalUnchecked(t, x, tx, T);
                scratch.Alive[j] = models[j].AliveUnchecked(x, tx, T);
            }
        }

        protected override void Quantiles(Scratch scratch, double t, long x, double tx, double T, double lowTail, double highTail, out long lower, out long upper)
        {
            int first = Points.Length > 0 ? 1 : 0, count = Points.Length > 0 ? Points.Length : 1;
            for (int j = first; j < first + count; j++)
            {
                scratch.First[j] = models[j].LogL(x, tx, T);
            }

            var step = new Mixture(models, scratch, first, count, t, x, T);
            Walk(ref step, lowTail, highTail, out lower, out upper);
        }

        public override int Distribution(Scratch scratch, double t, long x, double tx, double T, int j, Span<double> pmf, double tolerance)
        {
            double logL = models[j].LogL(x, tx, T);
            double cdf = 0;
            int n = 0;
            while (n < pmf.Length)
            {
                double p = ParetoNbdPurchaseCount.Probability(models[j].Parameters, logL, scratch.Alive[j], t, n, x, T);
                pmf[n++] = p;
                cdf += p;
                if (cdf >= 1 - tolerance || (n > 2 && p < Negligible && p <= pmf[n - 2]))
                {
                    break;   // the rest of the (unimodal past here) tail, and the rounding of Σ P to 1, cannot move a quantile
                }
            }

            return n;
        }

        private readonly struct Mixture(ParetoNbdModel[] models, Scratch scratch, int first, int count, double t, long x, double T) : IStep
        {
            public double Next(long n)
            {
                double sum = 0;
                for (int j = first; j < first + count; j++)
                {
                    sum += ParetoNbdPurchaseCount.Probability(models[j].Parameters, scratch.First[j], scratch.Alive[j], t, n, x, T);
                }

                return sum / count;
            }
        }
    }
}
