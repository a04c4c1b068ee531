using TrustMetrics.Estimation;
using TrustMetrics.Statistics;

namespace TrustMetrics.TrustIndex.Sensitivity;

/// <summary>
/// Sampling and method in one design: the respondent resample is a fifth discrete factor beside the four methodological
/// choices. For every missing-answer policy and unit (whole sample, each segment), R respondent bootstrap resamples of the
/// unit's rows (canonical row order, as <see cref="IndexBootstrap"/>) are reduced once to their mean dimension scores; the
/// index at (method, resample) then re-normalises and re-aggregates those p means with the method's full-sample normaliser and
/// weights (held fixed, as the index's own bootstrap does), so an evaluation costs p operations. The full grid (L methods ×
/// R resamples) per unit gives the exact law-of-total-variance split; the Saltelli design over the five factors reads the grid.
/// </summary>
internal static class TrustIndexUncertainty
{
    private const ulong ResampleStream = 0x5342_5253_4D50UL;
    private const ulong ShareStream = 0x5342_5348_4152UL;

    public static TrustIndexUncertaintyResult Run(TrustSurvey survey, TrustIndexOptions options, int baseSamples, int resamples, int bootstrapReplicates,
        double level, ParallelWork work)
    {
        var design = MethodDesign.Build(survey, options);
        int k = design.Nominal.SegmentNames.Length, units = k + 1, p = design.Nominal.P, count = design.Models.Count;
        int na = design.Normalizations.Count, nw = design.Weightings.Count, ng = design.Aggregations.Length, methods = na * nw * ng * count;

        // means[m][u]: R × p resample means of unit u (0 = whole sample, 1 + s = segment s) under policy m.
        var means = new double[count][][];
        for (int m = 0; m < count; m++)
        {
            var model = design.Models[m].Model;
            means[m] = new double[units][];
            for (int u = 0; u < units; u++)
            {
                var rows = u == 0 ? model.AllRows : model.SegmentRows[u - 1];
                ulong stream = ResampleStream ^ ((ulong)((m * units) + u + 1) * 0x9E3779B97F4A7C15UL);
                means[m][u] = ResampleMeans(model, rows, resamples, options.Seed, stream, work);
            }
        }

        // grid[u][l·R + r], l = ((a·W + w)·G + g)·M + m.
        var grid = new double[units][];
        for (int u = 0; u < units; u++)
        {
            grid[u] = new double[methods * resamples];
        }

        for (int a = 0; a < na; a++)
        {
            work.ThrowIfCancellationRequested();
            for (int w = 0; w < nw; w++)
            {
                for (int g = 0; g < ng; g++)
                {
                    for (int m = 0; m < count; m++)
                    {
                        int l = (((((a * nw) + w) * ng) + g) * count) + m;
                        var (normalizer, overall, segments) = design.Table[m, a, w];
                        for (int u = 0; u < units; u++)
                        {
                            var weights = u == 0 ? overall : segments[u - 1];
                            var unitMeans = means[m][u];
                            var target = grid[u];
                            for (int r = 0; r < resamples; r++)
                            {
                                double value = IndexModel.IndexOf(unitMeans.AsSpan(r * p, p), normalizer, weights, design.Aggregations[g]);
                                target[(l * resamples) + r] = double.IsFinite(value) ? value
                                    : throw new ArgumentException($"The index is undefined under {design.Normalizations[a]}, {design.Weightings[w]}, {design.Aggregations[g]}, {design.Models[m].Policy} for a resample of {UnitName(design, u)}.", nameof(survey));
                            }
                        }
                    }
                }
            }
        }

        var factors = design.Factors().Append(SobolFactor.Discrete("sampling", resamples)).ToArray();
        var names = new List<string> { "index: " + TrustIndexCalculator.AllSegments };
        names.AddRange(design.Nominal.SegmentNames.Select(s => "index: " + s));
        if (k >= 2)
        {
            names.AddRange(design.Nominal.SegmentNames.Select(s => "rank: " + s));
        }

        var indices = new double[k];
        void Model(double[] x, double[] y)
        {
            int l = (((((((int)x[0] * nw) + (int)x[1]) * ng) + (int)x[2]) * count) + (int)x[3]) * resamples + (int)x[4];
            for (int u = 0; u < units; u++)
            {
                y[u] = grid[u][l];
            }

            if (k >= 2)
            {
                Array.Copy(y, 1, indices, 0, k);
                Array.Copy(SensitivityAnalysis.Ranks(indices), 0, y, units, k);
            }
        }

        var sobol = SobolEngine.Run(factors, [.. names], Model, baseSamples, bootstrapReplicates, options.Seed, level, work, constantIsZero: true);

        // The nominal method's cell of the grid (absent when a nominal choice is not an applicable level).
        int na0 = design.Normalizations.IndexOf(options.Normalization), nw0 = design.Weightings.IndexOf(options.Weighting);
        int ng0 = Array.IndexOf(design.Aggregations, options.Aggregation), nm0 = design.Models.FindIndex(m => m.Policy == options.MissingAnswers);
        int? nominal = na0 < 0 || nw0 < 0 || ng0 < 0 || nm0 < 0 ? null : (((((na0 * nw) + nw0) * ng) + ng0) * count) + nm0;

        var all = Enumerable.Range(0, resamples).ToArray();
        var shares = bootstrapReplicates > 0 ? ShareBootstrap(grid, methods, resamples, bootstrapReplicates, options.Seed, work) : null;
        var splits = new UncertaintySplit[units];
        for (int u = 0; u < units; u++)
        {
            var (mean, sampling, method) = VarianceSplit.Compute(grid[u], methods, resamples, all);
            double? nominalIndex = null, nominalVariance = null;
            if (nominal is int cell)
            {
                var model = design.Models[nm0].Model;
                var (normalizer, overall, segments) = design.Table[nm0, na0, nw0];
                nominalIndex = IndexModel.IndexOf(u == 0 ? model.OverallMeans : model.SegmentMeans[u - 1], normalizer, u == 0 ? overall : segments[u - 1], options.Aggregation);
                var (cellMean, cellVariance) = Descriptive.MeanVariance(grid[u].AsSpan(cell * resamples, resamples), true);
                nominalVariance = VarianceSplit.IsZero(cellVariance, cellMean) ? 0 : cellVariance;
            }

            splits[u] = new UncertaintySplit(UnitName(design, u), nominalIndex, mean, sampling + method, sampling, method,
                VarianceSplit.Share(sampling, sampling, method, mean), Interval(shares?[u][0], level),
                VarianceSplit.Share(method, sampling, method, mean), Interval(shares?[u][1], level), nominalVariance, sobol[u]);
        }

        return new TrustIndexUncertaintyResult([.. design.Normalizations], [.. design.Weightings], design.Aggregations, [.. design.Models.Select(m => m.Policy)],
            baseSamples, resamples, bootstrapReplicates, level, options.Seed, splits, k >= 2 ? sobol[units..] : []);
    }

    private static string UnitName(MethodDesign design, int u) => u == 0 ? TrustIndexCalculator.AllSegments : design.Nominal.SegmentNames[u - 1];

    /// <summary>R × p mean dimension scores of respondent bootstrap resamples of <paramref name="rows"/> (NaN = nobody scored).</summary>
    internal static double[] ResampleMeans(IndexModel model, int[] rows, int resamples, int seed, ulong stream, ParallelWork work)
    {
        int p = model.P, n = rows.Length;
        var compact = IndexBootstrap.Canonical(model.Scores.Scores, p, rows);
        bool complete = !Array.Exists(compact, double.IsNaN);
        var result = new double[resamples * p];
        work.For(RandomNumbers.Blocks(resamples), (long)n * p * resamples >= 4_000_000, block =>
        {
            work.ThrowIfCancellationRequested();
            var random = RandomNumbers.CreateBlock(seed, stream, block);
            var sums = new double[p];
            var counts = new int[p];
            var sample = new int[n];
            int end = Math.Min(resamples, (block + 1) * RandomNumbers.BlockSize);
            for (int b = block * RandomNumbers.BlockSize; b < end; b++)
            {
                IndexBootstrap.ResampleSums(random, compact, n, p, complete, sample, sums, counts);
                for (int j = 0; j < p; j++)
                {
                    result[(b * p) + j] = counts[j] > 0 ? sums[j] / counts[j] : double.NaN;
                }
            }
        });
        return result;
    }

    /// <summary>[unit][0 = sampling share, 1 = method share][replicate], resampling the R resamples with replacement.</summary>
    private static double[][][] ShareBootstrap(double[][] grid, int methods, int resamples, int replicates, int seed, ParallelWork work)
    {
        int units = grid.Length;
        var result = new double[units][][];
        for (int u = 0; u < units; u++)
        {
            result[u] = [new double[replicates], new double[replicates]];
        }

        work.For(RandomNumbers.Blocks(replicates), (long)replicates * methods * resamples * units > 1_000_000, block =>
        {
            work.ThrowIfCancellationRequested();
            var random = RandomNumbers.CreateBlock(seed, ShareStream, block);
            var rows = new int[resamples];
            int end = Math.Min(replicates, (block + 1) * RandomNumbers.BlockSize);
            for (int b = block * RandomNumbers.BlockSize; b < end; b++)
            {
                Resampling.BootstrapIndices(random, resamples, rows);
                for (int u = 0; u < units; u++)
                {
                    var (mean, sampling, method) = VarianceSplit.Compute(grid[u], methods, resamples, rows);
                    result[u][0][b] = VarianceSplit.Share(sampling, sampling, method, mean);
                    result[u][1][b] = VarianceSplit.Share(method, sampling, method, mean);
                }
            }
        });
        return result;
    }

    private static ConfidenceInterval? Interval(double[]? replicates, double level)
    {
        if (replicates is null)
        {
            return null;
        }

        var sorted = (double[])replicates.Clone();
        Array.Sort(sorted);
        double alpha = (1 - level) / 2;
        return new ConfidenceInterval(SampleQuantile.Type7(sorted, alpha), SampleQuantile.Type7(sorted, 1 - alpha), level, "percentile bootstrap");
    }
}
