namespace TrustMetrics.Clv;

/// <summary>The BG/NBD interval family without tables, for covariate patterns with few rows (docs/clv.md §14, "Cost").</summary>
public sealed partial class PredictionIntervalCalculator
{
    /// <summary>
    /// Fewest distinct rows of a BG/NBD pattern for which the tabulated family pays: its per-parameter tables (~10⁴ entries per
    /// model, built once per pattern) cost about as much as 20–30 rows computed by the models' own routines. Continuous covariates
    /// make most patterns a single row.
    /// </summary>
    private const int TabulateFrom = 32;

    /// <summary>
    /// BG/NBD at every model's own routines, nothing tabulated (for patterns with few rows): E[Y(t)] and P(alive) from
    /// <see cref="BgNbdModel"/> (FHL 2005 eq. 10 and P(alive)), the count's PMF from <see cref="BetaGeometricCount.Stepper"/> — the
    /// computations the tabulated family reproduces to rounding, as <see cref="Pareto"/> does for Pareto/NBD.
    /// </summary>
    private sealed class BetaGeometricDirect : Family
    {
        private readonly BgNbdModel[] models;

        public BetaGeometricDirect(BgNbdModel model, double[][] points)
            : base(points)
        {
            models = ModelsAtPoints(model, points, p => new BgNbdModel(new BgNbdParameters(p[0], p[1], p[2], p[3])));
        }

        public override Scratch NewScratch() => new StepperScratch(models.Length);

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
            var steps = ((StepperScratch)scratch).Steps;
            for (int j = first; j < first + count; j++)
            {
                steps[j] = Stepper(scratch, j, t, x, T);
            }

            var mixture = new Mixture(steps, first, count);
            Walk(ref mixture, lowTail, highTail, out lower, out upper);
        }

        public override int Distribution(Scratch scratch, double t, long x, double tx, double T, int j, Span<double> pmf, double tolerance)
        {
            var step = Stepper(scratch, j, t, x, T);
            double cdf = 0;
            int n = 0;
            while (n < pmf.Length)
            {
                double p = step.Next();
                pmf[n++] = p;
                cdf += p;
                if (cdf >= 1 - tolerance || (n > 2 && p < Negligible && p <= pmf[n - 2]))
                {
                    break;   // the rest of the (unimodal past here) tail cannot move a quantile
                }
            }

            return n;
        }

        /// <summary>Model j's conditional PMF: alive with P(alive), then BG/NBD at (r + x, α + T, a, b + x).</summary>
        private BetaGeometricCount.Stepper Stepper(Scratch scratch, int j, double t, long x, double T)
        {
            var p = models[j].Parameters;
            return new BetaGeometricCount.Stepper(scratch.Alive[j], p.R + x, p.Alpha + T, p.A, p.B + x, t);
        }

        private readonly struct Mixture(BetaGeometricCount.Stepper[] steps, int first, int count) : IStep
        {
            public double Next(long n)
            {
                double sum = 0;
                for (int j = first; j < first + count; j++)
                {
                    sum += steps[j].Next();
                }

                return sum / count;
            }
        }

        private sealed class StepperScratch(int models) : Scratch(models)
        {
            public BetaGeometricCount.Stepper[] Steps { get; } = new BetaGeometricCount.Stepper[models];
        }
    }
}
