using System.Runtime.Intrinsics;

namespace TrustMetrics.Clv;

/// <summary>The BG/NBD family's count quantiles with the sigma points' recursions side by side in 128-bit lanes.</summary>
public sealed partial class PredictionIntervalCalculator
{
    private sealed partial class BetaGeometric
    {
        /// <summary>The sigma points' dropout odds a/(b+m) and beta ratios (b+m)/(a+b+m), lane-interleaved ([m·lanes + lane], lane l = model l + 1).</summary>
        private double[] dropLanes = [], betaLanes = [];

        /// <summary>Sigma points rounded up to a whole 128-bit vector; 0 without sigma points.</summary>
        private int stepLanes;

        /// <summary>Entries per lane in <see cref="dropLanes"/> and <see cref="betaLanes"/>.</summary>
        private int laneSteps;

        /// <summary>Interleaves the per-model step tables <see cref="Prepare"/> built, for <see cref="TryLaneQuantiles"/>.</summary>
        private void PrepareLanes()
        {
            int k = parameters.Length - 1;
            stepLanes = k < 1 ? 0 : (k + 1) & ~1;
            if (k < 1)
            {
                return;
            }

            laneSteps = drop[1].Length;
            dropLanes = new double[laneSteps * stepLanes];
            betaLanes = new double[laneSteps * stepLanes];
            for (int j = 1; j <= k; j++)
            {
                for (int m = 0; m < laneSteps; m++)
                {
                    dropLanes[(m * stepLanes) + j - 1] = drop[j][m];
                    betaLanes[(m * stepLanes) + j - 1] = betaStep[j][m];
                }
            }
        }

        /// <summary>
        /// <see cref="Quantiles"/> over the sigma points' mixture with every model's <see cref="Step"/> run in SIMD lanes: each lane
        /// performs exactly the scalar step's operations in the same order (products and sums as written there, the maximum and
        /// the clamp as compare-and-select, equal for the finite values met here), and the lanes' probabilities are added in model
        /// order, so the CDF — hence every quantile — is the scalar walk's bit for bit (test). False, with nothing decided, when a
        /// model's recursion starts in log scale (NB(0) below e^−700: a frequency in the thousands) or the walk would leave the
        /// tables; the caller then runs the scalar walk.
        /// </summary>
        private bool TryLaneQuantiles(Scratch scratch, long x, double lowTail, double highTail, out long lower, out long upper)
        {
            lower = upper = -1;
            int k = parameters.Length - 1, lanes = stepLanes;
            var s = (StepScratch)scratch;
            double[] alive = s.LaneAlive, rx = s.LaneRx, q = s.LaneQ, nb = s.LaneNb, tail = s.LaneTail, beta = s.LaneBeta, p = s.LaneP;
            for (int j = 1; j <= k; j++)
            {
                double r = parameters[j][0] + x;
                double logNb = r * scratch.First[j];   // as Step's constructor
                if (!(logNb > -700))
                {
                    return false;
                }

                (alive[j - 1], rx[j - 1], q[j - 1], nb[j - 1], tail[j - 1], beta[j - 1]) = (scratch.Alive[j], r, scratch.Second[j], Math.Exp(logNb), 1, 1);
            }

            var zero = Vector128<double>.Zero;
            var one = Vector128.Create(1.0);
            long offset = x + shift;
            double cdf = 0;
            for (long n = 0; ; n++)
            {
                long m = offset + n;
                if (n >= Reciprocals.Length || m >= laneSteps)
                {
                    return false;
                }

                var count = Vector128.Create((double)n);
                var reciprocal = Vector128.Create(Reciprocals[n]);
                ref double drops = ref dropLanes[0];
                ref double betas = ref betaLanes[0];
                for (int lane = 0; lane < lanes; lane += 2)
                {
                    nuint at = (nuint)lane;
                    var current = Vector128.LoadUnsafe(ref nb[0], at);
                    var ratio = Vector128.LoadUnsafe(ref beta[0], at);
                    var before = Vector128.LoadUnsafe(ref tail[0], at);
                    var a = Vector128.LoadUnsafe(ref alive[0], at);
                    var f = ratio * current;
                    if (n > 0)
                    {
                        f += ratio * Vector128.LoadUnsafe(ref drops, (nuint)(((m - 1) * lanes) + lane)) * before;
                    }

                    var probability = (a * f) + (n == 0 ? one - a : zero);
                    var left = before - current;
                    var factor = (Vector128.LoadUnsafe(ref rx[0], at) + count) * reciprocal;
                    var next = current * (factor * Vector128.LoadUnsafe(ref q[0], at));
                    ratio *= Vector128.LoadUnsafe(ref betas, (nuint)((m * lanes) + lane));
                    left = Vector128.ConditionalSelect(Vector128.GreaterThan(left, zero), left, zero);
                    probability = Vector128.ConditionalSelect(Vector128.LessThan(probability, zero), zero,
                        Vector128.ConditionalSelect(Vector128.GreaterThan(probability, one), one, probability));
                    next.StoreUnsafe(ref nb[0], at);
                    left.StoreUnsafe(ref tail[0], at);
                    ratio.StoreUnsafe(ref beta[0], at);
                    probability.StoreUnsafe(ref p[0], at);
                }

                double sum = 0;
                for (int j = 0; j < k; j++)
                {
                    sum += p[j];
                }

                cdf += sum / k;
                if (Reached(cdf, n, lowTail, highTail, ref lower, out upper))
                {
                    return true;
                }
            }
        }
    }
}
