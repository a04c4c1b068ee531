using TrustMetrics.Statistics;

namespace TrustMetrics.TrustIndex;

/// <summary>Point estimates and seeded bootstrap intervals of relative weights, Shapley values and R² on a complete-case matrix.</summary>
internal static class KeyDriverAnalysis
{
    /// <summary>Stream id of the key-driver bootstrap, distinct from every segment's stream; the importance–performance analysis draws the same resamples.</summary>
    internal const ulong Stream = 0x4B44_4100UL;

    /// <summary>Below this many operations (B · (n·(p+1)² + 2^p·p²)) the bootstrap stays on the calling thread.</summary>
    private const long ParallelThreshold = 20_000_000;

    // complete: complete cases, row-major n × (p + 1) — drivers then the outcome.
    public static KeyDriverResult Run(double[] complete, int p, int n, IReadOnlyList<string> names, string outcome, int replicates, int seed, double level,
        ParallelWork work, string paramName)
    {
        if (p > TrustIndexCalculator.MaxShapleyDrivers)
        {
            throw new ArgumentException($"Exact Shapley decomposition visits all 2^p subsets and is limited to {TrustIndexCalculator.MaxShapleyDrivers} drivers; got {p}.", paramName);
        }

        if (n < p + 2)
        {
            throw new ArgumentException($"Key-driver analysis of {p} drivers needs at least {p + 2} complete responses (drivers and {outcome}); got {n}.", paramName);
        }

        int width = p + 1;
        var canonical = IndexBootstrap.Canonical(complete, width, Enumerable.Range(0, n).ToArray());
        var c = new double[width, width];
        var scratch = new double[2 * width];
        int constant = CorrelationMatrix.Compute(canonical, width, n, default, c, scratch);
        if (constant >= 0)
        {
            string what = constant == p ? $"the outcome '{outcome}'" : $"the driver '{names[constant]}'";
            throw new ArgumentException($"Key-driver analysis is undefined: {what} does not vary across the {n} complete responses.", paramName);
        }

        var rw = new double[p];
        var sh = new double[p];
        if (!KeyDriverMath.RelativeWeights(c, p, rw, out double r2) || !KeyDriverMath.Shapley(c, p, sh, out _))
        {
            throw new ArgumentException("Key-driver analysis is undefined: the drivers are perfectly collinear (their correlation matrix is singular).", paramName);
        }

        var rwReps = new double[p][];
        var shReps = new double[p][];
        for (int j = 0; j < p; j++)
        {
            rwReps[j] = new double[replicates];
            shReps[j] = new double[replicates];
        }

        var r2Reps = new double[replicates];
        var skippedPerBlock = new int[Statistics.RandomNumbers.Blocks(replicates)];
        long cost = (long)replicates * ((n * width * width) + ((1L << p) * p * p));
        work.For(skippedPerBlock.Length, cost >= ParallelThreshold, block =>
        {
            work.ThrowIfCancellationRequested();
            var random = Statistics.RandomNumbers.CreateBlock(seed, Stream, block);
            var sample = new int[n];
            var cb = new double[width, width];
            var scratchB = new double[2 * width];
            var rwb = new double[p];
            var shb = new double[p];
            int end = Math.Min(replicates, (block + 1) * Statistics.RandomNumbers.BlockSize);
            for (int b = block * Statistics.RandomNumbers.BlockSize; b < end; b++)
            {
                Statistics.Resampling.BootstrapIndices(random, n, sample);

                double r2b = double.NaN;
                bool ok = CorrelationMatrix.Compute(canonical, width, n, sample, cb, scratchB) < 0
                    && KeyDriverMath.RelativeWeights(cb, p, rwb, out r2b)
                    && KeyDriverMath.Shapley(cb, p, shb, out _);
                if (!ok)
                {
                    skippedPerBlock[block]++;
                    r2b = double.NaN;
                    rwb.AsSpan().Fill(double.NaN);
                    shb.AsSpan().Fill(double.NaN);
                }

                r2Reps[b] = r2b;
                for (int j = 0; j < p; j++)
                {
                    rwReps[j][b] = rwb[j];
                    shReps[j][b] = shb[j];
                }
            }
        });
        int skipped = skippedPerBlock.Sum();

        var drivers = new KeyDriver[p];
        for (int j = 0; j < p; j++)
        {
            drivers[j] = new KeyDriver(names[j], c[j, p],
                replicates > 0 ? Percentiles.Bootstrap(rw[j], rwReps[j], level) : Percentiles.PointOnly(rw[j], level), Percent(rw[j], r2),
                replicates > 0 ? Percentiles.Bootstrap(sh[j], shReps[j], level) : Percentiles.PointOnly(sh[j], level), Percent(sh[j], r2));
        }

        var rSquared = replicates > 0 ? Percentiles.Bootstrap(r2, r2Reps, level) : Percentiles.PointOnly(r2, level);
        return new KeyDriverResult(outcome, n, rSquared, drivers, replicates, skipped);
    }

    // With R² = 0 there is nothing to share out: the percentage 0/0 is undefined, so null.
    private static double? Percent(double part, double rSquared) => rSquared > 0 ? 100 * part / rSquared : null;
}
