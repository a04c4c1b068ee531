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
public sealed class PredictionIntervalCalculator : IPredictionIntervalCalculator
{
    /// <summary>Largest accepted level: beyond it the count quantile would need the predictive CDF closer to 1 than its rounding.</summary>
    public const double MaximumLevel = 0.999;

    /// <inheritdoc/>
    public PredictionIntervals Compute<TModel>(ClvFit<TModel> fit, ReadOnlySpan<PurchaseHistory> histories, double horizon, double level = 0.9,
        CancellationToken cancellationToken = default, int? maxDegreeOfParallelism = null)
        where TModel : class, IPurchaseModel
    {
        ArgumentNullException.ThrowIfNull(fit);
        var work = ParallelWork.From(cancellationToken, maxDegreeOfParallelism);
        BgNbdModel.CheckHorizon(horizon);
        if (!(level > 0 && level <= MaximumLevel))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, $"The level must be in (0, {Guard.Format(MaximumLevel)}]; got {Guard.Format(level)}.");
        }

        var family = Family.For(fit);
        var index = new Dictionary<(long, double, double), int>();
        var map = new int[histories.Length];
        var rows = new List<PurchaseHistory>();
        for (int i = 0; i < histories.Length; i++)
        {
            CompressedHistories.Validate(histories[i], i, nameof(histories));
            var key = (histories[i].Frequency, histories[i].Recency, histories[i].T);
            if (!index.TryGetValue(key, out int row))
            {
                row = rows.Count;
                index.Add(key, row);
                rows.Add(histories[i]);
            }

            map[i] = row;
        }

        int n = rows.Count;
        var e = new double[n];
        var el = new double[n];
        var eu = new double[n];
        var al = new double[n];
        var alo = new double[n];
        var aup = new double[n];
        var cl = new long[n];
        var cu = new long[n];
        double z = Distributions.NormalQuantile(0.5 + (level / 2));
        double lowTail = (1 - level) / 2, highTail = (1 + level) / 2;
        const int Chunk = 4096;
        int chunks = (n + Chunk - 1) / Chunk;
        var distinct = rows.ToArray();
        work.For(chunks, n > 2 * Chunk, chunk =>
        {
            work.ThrowIfCancellationRequested();
            int end = Math.Min(n, (chunk + 1) * Chunk);
            for (int i = chunk * Chunk; i < end; i++)
            {
                var (x, tx, T) = distinct[i];
                family.Row(horizon, x, tx, T, z, lowTail, highTail, out e[i], out el[i], out eu[i], out al[i], out alo[i], out aup[i], out cl[i], out cu[i]);
            }
        });

        bool pu = family.ParameterUncertainty;
        return new PredictionIntervals(horizon, level, pu, Expand(e, map), pu ? Expand(el, map) : null, pu ? Expand(eu, map) : null,
            Expand(al, map), pu ? Expand(alo, map) : null, pu ? Expand(aup, map) : null, Expand(cl, map), Expand(cu, map), n);
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

        public bool ParameterUncertainty => Points.Length > 0;

        public static Family For<TModel>(ClvFit<TModel> fit)
            where TModel : class, IPurchaseModel
        {
            var points = SigmaPoints(fit);
            return fit.Model switch
            {
                BgNbdModel bg => new BetaGeometric(bg, null, points),
                MbgNbdModel mbg => new BetaGeometric(null, mbg, points),
                ParetoNbdModel pareto => new Pareto(pareto, points),
                _ => throw new ArgumentException($"Prediction intervals need the conditional distribution of the purchase count, which is available for BG/NBD, MBG/NBD and Pareto/NBD fits; got a {typeof(TModel).Name} fit.", nameof(fit)),
            };
        }

        /// <summary>ln θ̂ ± √d·L eⱼ, or none when the covariance is not finite and positive definite.</summary>
        private static double[][] SigmaPoints<TModel>(ClvFit<TModel> fit)
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
            double scale = Math.Sqrt(d);
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

        public void Row(double t, long x, double tx, double T, double z, double lowTail, double highTail,
            out double e, out double eLower, out double eUpper, out double alive, out double aliveLower, out double aliveUpper, out long lower, out long upper)
        {
            e = Expected(-1, t, x, tx, T);
            alive = Alive(-1, x, tx, T);
            eLower = eUpper = e;
            aliveLower = aliveUpper = alive;
            int k = Points.Length;
            if (k > 0)
            {
                Span<double> ej = stackalloc double[k];
                Span<double> aj = stackalloc double[k];
                for (int j = 0; j < k; j++)
                {
                    ej[j] = Expected(j, t, x, tx, T);
                    aj[j] = Alive(j, x, tx, T);
                }

                (eLower, eUpper) = Bounds(e, ej, z, logit: false);
                (aliveLower, aliveUpper) = Bounds(alive, aj, z, logit: true);
            }

            Quantiles(t, x, tx, T, lowTail, highTail, out lower, out upper);
        }

        /// <summary>g(θ̂) · exp(±z·sd) on the log (logit) scale, sd² = Σ w (h(θⱼ) − h̄)²; on the natural scale clamped where h is infinite.</summary>
        private static (double Lower, double Upper) Bounds(double estimate, ReadOnlySpan<double> values, double z, bool logit)
        {
            bool transformed = Transformable(estimate);
            foreach (double v in values)
            {
                transformed &= Transformable(v);
            }

            double mean = 0;
            foreach (double v in values)
            {
                mean += H(v);
            }

            mean /= values.Length;
            double variance = 0;
            foreach (double v in values)
            {
                double dev = H(v) - mean;
                variance += dev * dev;
            }

            double sd = Math.Sqrt(variance / values.Length);
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

        /// <summary>E[Y(t)] at the estimates (point −1) or sigma point j.</summary>
        protected abstract double Expected(int point, double t, long x, double tx, double T);

        /// <summary>P(alive) at the estimates (point −1) or sigma point j.</summary>
        protected abstract double Alive(int point, long x, double tx, double T);

        /// <summary>Equal-tailed quantiles of the count's predictive distribution (the mixture over the sigma points, or the estimate's alone).</summary>
        protected abstract void Quantiles(double t, long x, double tx, double T, double lowTail, double highTail, out long lower, out long upper);

        /// <summary>Walks the predictive CDF: lower = first n with F(n) &gt; lowTail, upper = first n with F(n) ≥ highTail.</summary>
        protected static void Walk<TStep>(ref TStep step, double lowTail, double highTail, out long lower, out long upper)
            where TStep : struct, IStep
        {
            double cdf = 0;
            lower = -1;
            for (long n = 0; ; n++)
            {
                cdf += step.Next(n);
                if (lower < 0 && cdf > lowTail)
                {
                    lower = n;
                }

                if (cdf >= highTail)
                {
                    upper = n;
                    if (lower < 0)
                    {
                        lower = n;
                    }

                    return;
                }
            }
        }

        protected interface IStep
        {
            double Next(long n);
        }
    }

    private sealed class BetaGeometric : Family
    {
        private readonly bool modified;
        private readonly IPurchaseModel[] models;
        private readonly double[][] parameters;

        public BetaGeometric(BgNbdModel? bg, MbgNbdModel? mbg, double[][] points)
            : base(points)
        {
            modified = mbg is not null;
            models = new IPurchaseModel[points.Length + 1];
            parameters = new double[points.Length + 1][];
            var p0 = modified ? mbg!.Parameters : bg!.Parameters;
            parameters[0] = [p0.R, p0.Alpha, p0.A, p0.B];
            models[0] = modified ? mbg! : bg!;
            for (int j = 0; j < points.Length; j++)
            {
                var p = new BgNbdParameters(points[j][0], points[j][1], points[j][2], points[j][3]);
                parameters[j + 1] = points[j];
                models[j + 1] = modified ? new MbgNbdModel(p) : new BgNbdModel(p);
            }
        }

        protected override double Expected(int point, double t, long x, double tx, double T) => models[point + 1] switch
        {
            BgNbdModel bg => bg.ConditionalUnchecked(t, x, tx, T),
            MbgNbdModel mbg => mbg.ConditionalUnchecked(t, x, tx, T),
            _ => throw new InvalidOperationException(),
        };

        protected override double Alive(int point, long x, double tx, double T) => models[point + 1] switch
        {
            BgNbdModel bg => bg.AliveUnchecked(x, tx, T),
            MbgNbdModel mbg => mbg.AliveUnchecked(x, tx, T),
            _ => throw new InvalidOperationException(),
        };

        protected override void Quantiles(double t, long x, double tx, double T, double lowTail, double highTail, out long lower, out long upper)
        {
            if (t == 0)
            {
                lower = upper = 0;
                return;
            }

            int first = Points.Length > 0 ? 1 : 0, count = Points.Length > 0 ? Points.Length : 1;
            var steppers = new BetaGeometricCount.Stepper[count];
            for (int j = 0; j < count; j++)
            {
                var p = parameters[first + j];
                double alive = Alive(first + j - 1, x, tx, T);
                steppers[j] = new BetaGeometricCount.Stepper(alive, p[0] + x, p[1] + T, p[2], p[3] + x + (modified ? 1 : 0), t);
            }

            var step = new Mixture(steppers);
            Walk(ref step, lowTail, highTail, out lower, out upper);
        }

        private struct Mixture(BetaGeometricCount.Stepper[] steppers) : IStep
        {
            public double Next(long n)
            {
                double sum = 0;
                for (int j = 0; j < steppers.Length; j++)
                {
                    sum += steppers[j].Next();
                }

                return sum / steppers.Length;
            }
        }
    }

    private sealed class Pareto : Family
    {
        private readonly ParetoNbdModel[] models;

        public Pareto(ParetoNbdModel model, double[][] points)
            : base(points)
        {
            models = new ParetoNbdModel[points.Length + 1];
            models[0] = model;
            for (int j = 0; j < points.Length; j++)
            {
                models[j + 1] = new ParetoNbdModel(new ParetoNbdParameters(points[j][0], points[j][1], points[j][2], points[j][3]));
            }
        }

        protected override double Expected(int point, double t, long x, double tx, double T) => models[point + 1].ConditionalUnchecked(t, x, tx, T);

        protected override double Alive(int point, long x, double tx, double T) => models[point + 1].AliveUnchecked(x, tx, T);

        protected override void Quantiles(double t, long x, double tx, double T, double lowTail, double highTail, out long lower, out long upper)
        {
            if (t == 0)
            {
                lower = upper = 0;
                return;
            }

            int first = Points.Length > 0 ? 1 : 0, count = Points.Length > 0 ? Points.Length : 1;
            var state = new (ParetoNbdModel Model, double LogL, double Alive)[count];
            for (int j = 0; j < count; j++)
            {
                var m = models[first + j];
                state[j] = (m, m.LogL(x, tx, T), m.AliveUnchecked(x, tx, T));
            }

            var step = new Mixture(state, t, x, T);
            Walk(ref step, lowTail, highTail, out lower, out upper);
        }

        private readonly struct Mixture((ParetoNbdModel Model, double LogL, double Alive)[] state, double t, long x, double T) : IStep
        {
            public double Next(long n)
            {
                double sum = 0;
                foreach (var (model, logL, alive) in state)
                {
                    sum += ParetoNbdPurchaseCount.Probability(model.Parameters, logL, alive, t, n, x, T);
                }

                return sum / state.Length;
            }
        }
    }
}
