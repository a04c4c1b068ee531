using TrustMetrics.Estimation;
using TrustMetrics.Statistics;

namespace TrustMetrics.TrustIndex;

/// <summary>
/// Importance–performance analysis on the complete cases of the key-driver analysis. Rows (driver scores, outcome,
/// performance values) are put in the canonical order of <see cref="IndexBootstrap.Canonical"/> and resampled with the
/// key-driver analysis's seeded block streams, so the importance replicates are the key-driver relative-weight replicates and
/// both axes of a replicate come from the same respondents. In every replicate the cut-points are recomputed and each driver's
/// quadrant compared with its point-estimate quadrant.
/// </summary>
internal static class ImportancePerformanceAnalysis
{
    /// <summary>Below this many operations (B · n·(p+1)²) the bootstrap stays on the calling thread.</summary>
    private const long ParallelThreshold = 20_000_000;

    public static ImportancePerformanceResult Run(IndexModel model, string outcomeName, DriverPerformance performance, QuadrantCut cut, int replicates, int seed,
        double level, ParallelWork work, string paramName)
    {
        Guard.Defined(performance, nameof(performance));
        Guard.Defined(cut, nameof(cut));
        var scores = model.Scores;
        var outcome = scores.Outcome
            ?? throw new ArgumentException("Importance–performance analysis needs an outcome: give the survey an outcome column (e.g. likelihood to recommend).", paramName);
        int p = model.P, width = p + 1, all = (2 * p) + 1;
        double min = model.Options.Scale.Min, max = model.Options.Scale.Max;

        // Complete cases: every driver score and the outcome (the key-driver analysis's rows); performance columns appended.
        var combined = new List<double>(scores.Count * all);
        for (int r = 0; r < scores.Count; r++)
        {
            var row = scores.Scores.AsSpan(r * p, p);
            if (double.IsNaN(outcome[r]) || HasNaN(row))
            {
                continue;
            }

            combined.AddRange(row);
            combined.Add(outcome[r]);
            foreach (double s in row)
            {
                combined.Add(performance == DriverPerformance.TopBox ? (s >= max - 1 - 1e-9 ? 100 : 0) : 100 * (s - min) / (max - min));
            }
        }

        int n = combined.Count / all;
        if (n < p + 2)
        {
            throw new ArgumentException($"Importance–performance analysis of {p} drivers needs at least {p + 2} complete responses (drivers and {outcomeName}); got {n}.", paramName);
        }

        var canonical = IndexBootstrap.Canonical([.. combined], all, Enumerable.Range(0, n).ToArray());
        var drivers = new double[n * width];
        var values = new double[n * p];
        for (int i = 0; i < n; i++)
        {
            Array.Copy(canonical, i * all, drivers, i * width, width);
            Array.Copy(canonical, (i * all) + width, values, i * p, p);
        }

        var importance = new double[p];
        var perf = new double[p];
        if (!Evaluate(drivers, values, p, n, default, new Scratch(p, n), importance, perf, out double rSquared))
        {
            throw new ArgumentException($"Importance–performance analysis is undefined: {outcomeName} does not vary across the {n} complete responses, or the drivers are perfectly collinear.", paramName);
        }

        double cutImportance = importance.Average();
        double cutPerformance = cut == QuadrantCut.ScaleMidpoint ? 50 : perf.Average();
        var quadrants = new ImportancePerformanceQuadrant[p];
        for (int j = 0; j < p; j++)
        {
            quadrants[j] = Quadrant(importance[j], perf[j], cutImportance, cutPerformance);
        }

        var importanceReps = new double[p][];
        var performanceReps = new double[p][];
        for (int j = 0; j < p; j++)
        {
            importanceReps[j] = new double[replicates];
            performanceReps[j] = new double[replicates];
        }

        int blocks = RandomNumbers.Blocks(replicates);
        var agree = new int[blocks * p];
        var valid = new int[blocks];
        work.For(blocks, (long)replicates * n * width * width >= ParallelThreshold, block =>
        {
            work.ThrowIfCancellationRequested();
            var random = RandomNumbers.CreateBlock(seed, KeyDriverAnalysis.Stream, block);
            var sample = new int[n];
            var scratch = new Scratch(p, n);
            var ib = new double[p];
            var pb = new double[p];
            int end = Math.Min(replicates, (block + 1) * RandomNumbers.BlockSize);
            for (int b = block * RandomNumbers.BlockSize; b < end; b++)
            {
                Resampling.BootstrapIndices(random, n, sample);
                if (!Evaluate(drivers, values, p, n, sample, scratch, ib, pb, out _))
                {
                    for (int j = 0; j < p; j++)
                    {
                        importanceReps[j][b] = double.NaN;
                        performanceReps[j][b] = double.NaN;
                    }

                    continue;
                }

                valid[block]++;
                double ci = Mean(ib), cp = cut == QuadrantCut.ScaleMidpoint ? 50 : Mean(pb);
                for (int j = 0; j < p; j++)
                {
                    importanceReps[j][b] = ib[j];
                    performanceReps[j][b] = pb[j];
                    if (Quadrant(ib[j], pb[j], ci, cp) == quadrants[j])
                    {
                        agree[(block * p) + j]++;
                    }
                }
            }
        });

        int validCount = valid.Sum();
        var result = new ImportancePerformanceDriver[p];
        for (int j = 0; j < p; j++)
        {
            int same = 0;
            for (int block = 0; block < blocks; block++)
            {
                same += agree[(block * p) + j];
            }

            result[j] = new ImportancePerformanceDriver(scores.DimensionNames[j], Interval(importance[j], importanceReps[j], level), Interval(perf[j], performanceReps[j], level),
                quadrants[j], validCount > 0 ? (double)same / validCount : null);
        }

        return new ImportancePerformanceResult(outcomeName, n, rSquared, performance, cut, cutImportance, cutPerformance, result, replicates, replicates - validCount, level);
    }

    /// <summary>
    /// The quadrant of (importance, performance) against the cut-points; a value at its cut counts as high (up to a relative
    /// 1e-12, so ties from rounding of the mean fall the same way every time).
    /// </summary>
    internal static ImportancePerformanceQuadrant Quadrant(double importance, double performance, double cutImportance, double cutPerformance)
    {
        bool important = importance >= cutImportance - (1e-12 * Math.Max(1, Math.Abs(cutImportance)));
        bool performs = performance >= cutPerformance - (1e-12 * Math.Max(1, Math.Abs(cutPerformance)));
        return important
            ? performs ? ImportancePerformanceQuadrant.KeepUpTheGoodWork : ImportancePerformanceQuadrant.ConcentrateHere
            : performs ? ImportancePerformanceQuadrant.PossibleOverkill : ImportancePerformanceQuadrant.LowPriority;
    }

    /// <summary>
    /// Importance (relative weights) and performance (column means) of the rows <paramref name="sample"/> (all rows when empty).
    /// A driver without variance in the rows explains none of the outcome: its importance is 0 and the weights of the others
    /// come from the correlation matrix without it. False when the outcome does not vary or the drivers are collinear.
    /// </summary>
    private static bool Evaluate(double[] drivers, double[] values, int p, int n, ReadOnlySpan<int> sample, Scratch s, Span<double> importance,
        Span<double> performance, out double rSquared)
    {
        int m = sample.IsEmpty ? n : sample.Length, width = p + 1;
        performance.Clear();
        for (int i = 0; i < m; i++)
        {
            var row = values.AsSpan((sample.IsEmpty ? i : sample[i]) * p, p);
            for (int j = 0; j < p; j++)
            {
                performance[j] += row[j];
            }
        }

        for (int j = 0; j < p; j++)
        {
            performance[j] /= m;
        }

        int constant = CorrelationMatrix.Compute(drivers, width, n, sample, s.Correlation, s.Sums);
        if (constant < 0)
        {
            return KeyDriverMath.RelativeWeights(s.Correlation, p, importance, out rSquared);
        }

        rSquared = double.NaN;
        if (constant == p)
        {
            return false;
        }

        // A constant driver: drop constant columns one at a time from a gathered copy of the rows until none is left.
        var active = Enumerable.Range(0, width).ToList();
        while (true)
        {
            int k = active.Count;
            for (int i = 0; i < m; i++)
            {
                int source = (sample.IsEmpty ? i : sample[i]) * width;
                for (int c = 0; c < k; c++)
                {
                    s.Gathered[(i * k) + c] = drivers[source + active[c]];
                }
            }

            var c2 = new double[k, k];
            constant = CorrelationMatrix.Compute(s.Gathered.AsSpan(0, m * k), k, m, default, c2, s.Sums);
            if (constant == k - 1)
            {
                return false; // the outcome
            }

            if (constant >= 0)
            {
                active.RemoveAt(constant);
                continue;
            }

            importance.Clear();
            if (k == 1)
            {
                rSquared = 0; // no driver varies: nothing of the outcome is explained
                return true;
            }

            Span<double> weights = stackalloc double[k - 1];
            if (!KeyDriverMath.RelativeWeights(c2, k - 1, weights, out rSquared))
            {
                return false;
            }

            for (int c = 0; c < k - 1; c++)
            {
                importance[active[c]] = weights[c];
            }

            return true;
        }
    }

    private static Estimate Interval(double value, double[] replicates, double level) =>
        replicates.Length > 0 ? Percentiles.Bootstrap(value, replicates, level) : Percentiles.PointOnly(value, level);

    private static double Mean(double[] values) => values.Sum() / values.Length;

    private static bool HasNaN(ReadOnlySpan<double> row)
    {
        foreach (double v in row)
        {
            if (double.IsNaN(v))
            {
                return true;
            }
        }

        return false;
    }

    private sealed class Scratch(int p, int n)
    {
        public double[,] Correlation { get; } = new double[p + 1, p + 1];

        public double[] Sums { get; } = new double[2 * (p + 1)];

        public double[] Gathered { get; } = new double[n * (p + 1)];
    }
}
