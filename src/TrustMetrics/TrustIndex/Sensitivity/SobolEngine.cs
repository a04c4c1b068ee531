using TrustMetrics.Estimation;
using TrustMetrics.Statistics;

namespace TrustMetrics.TrustIndex.Sensitivity;

/// <summary>
/// Saltelli sampling and the Saltelli (2010) / Jansen (1999) estimators for several outputs of one model at once (formulas on
/// <see cref="SobolResult"/>). Sampling draws u ~ U[0, 1) from the library generator (stream <see cref="SampleStream"/>); the
/// bootstrap resamples the N base rows in fixed blocks of <see cref="RandomNumbers.BlockSize"/> replicates, so results do not
/// depend on the degree of parallelism.
/// </summary>
internal static class SobolEngine
{
    private const ulong SampleStream = 0x534F_424FUL;
    private const ulong BootstrapStream = 0x534F_4242UL;

    /// <summary>
    /// Runs the design. <paramref name="model"/> maps factor values (level indices for discrete factors) to
    /// <paramref name="outputNames"/>.Length outputs; a non-finite output is refused. An output that does not vary has null
    /// indices, or, with <paramref name="constantIsZero"/>, indices 0 (0/0 := 0: no factor explains any of a zero variance).
    /// </summary>
    public static SobolResult[] Run(IReadOnlyList<SobolFactor> factors, string[] outputNames, Action<double[], double[]> model, int n,
        int bootstrapReplicates, int seed, double confidenceLevel, ParallelWork work, bool constantIsZero = false)
    {
        int k = factors.Count, m = outputNames.Length;
        var random = RandomNumbers.Create(seed, SampleStream);
        var a = new double[n * k];
        var b = new double[n * k];
        for (int j = 0; j < n; j++)
        {
            for (int i = 0; i < k; i++)
            {
                a[(j * k) + i] = factors[i].ValueAt(random.NextDouble());
            }

            for (int i = 0; i < k; i++)
            {
                b[(j * k) + i] = factors[i].ValueAt(random.NextDouble());
            }
        }

        // Outputs laid out [output][matrix][row]: matrix 0 = A, 1 = B, 2 + i = A_B^(i).
        var y = new double[m][];
        for (int o = 0; o < m; o++)
        {
            y[o] = new double[(k + 2) * n];
        }

        var point = new double[k];
        var output = new double[m];
        for (int matrix = 0; matrix < k + 2; matrix++)
        {
            for (int j = 0; j < n; j++)
            {
                if ((j & 255) == 0)
                {
                    work.ThrowIfCancellationRequested();
                }

                var source = matrix == 1 ? b : a;
                Array.Copy(source, j * k, point, 0, k);
                if (matrix >= 2)
                {
                    point[matrix - 2] = b[(j * k) + matrix - 2];
                }

                model(point, output);
                for (int o = 0; o < m; o++)
                {
                    if (!double.IsFinite(output[o]))
                    {
                        throw new ArgumentException(
                            $"The model returned {Guard.Format(output[o])} for output '{outputNames[o]}' at factors ({string.Join(", ", point.Select(Guard.Format))}); Sobol indices need finite outputs.",
                            nameof(model));
                    }

                    y[o][(matrix * n) + j] = output[o];
                }
            }
        }

        var all = new int[n];
        for (int j = 0; j < n; j++)
        {
            all[j] = j;
        }

        var results = new SobolResult[m];
        for (int o = 0; o < m; o++)
        {
            var estimate = new double[2 * k];
            var (mean, variance) = Estimate(y[o], n, k, all, estimate);
            bool defined = IsDefined(mean, variance);
            double[][]? replicates = null;
            if (defined && bootstrapReplicates > 0)
            {
                replicates = Bootstrap(y[o], n, k, bootstrapReplicates, seed, (ulong)o, work);
            }

            var indices = new SobolIndex[k];
            for (int i = 0; i < k; i++)
            {
                if (!defined && constantIsZero)
                {
                    var zero = bootstrapReplicates > 0 ? new ConfidenceInterval(0, 0, confidenceLevel, "percentile bootstrap") : null;
                    double? zeroError = bootstrapReplicates > 0 ? 0 : null;
                    indices[i] = new SobolIndex(factors[i].Name, 0, zeroError, zero, 0, zeroError, zero);
                    continue;
                }

                if (!defined)
                {
                    indices[i] = new SobolIndex(factors[i].Name, null, null, null, null, null, null);
                    continue;
                }

                var (seS, ciS) = Summary(replicates, i, confidenceLevel);
                var (seT, ciT) = Summary(replicates, k + i, confidenceLevel);
                indices[i] = new SobolIndex(factors[i].Name, estimate[i], seS, ciS, estimate[k + i], seT, ciT);
            }

            results[o] = new SobolResult(outputNames[o], n, defined || constantIsZero ? bootstrapReplicates : 0, confidenceLevel, mean, defined ? variance : 0, indices);
        }

        return results;
    }

    /// <summary>A variance below 1e-24 of the squared scale is round-off of a constant output: the indices are undefined.</summary>
    private static bool IsDefined(double mean, double variance) => variance > 1e-24 * Math.Max(1, mean * mean);

    /// <summary>S_1…S_k then S_T1…S_Tk over the base rows <paramref name="rows"/>; returns the mean and V of the A and B outputs.</summary>
    private static (double Mean, double Variance) Estimate(double[] y, int n, int k, ReadOnlySpan<int> rows, double[] estimate)
    {
        int count = rows.Length;
        double sum = 0;
        foreach (int j in rows)
        {
            sum += y[j] + y[n + j];
        }

        double mean = sum / (2.0 * count);
        double squares = 0;
        foreach (int j in rows)
        {
            double da = y[j] - mean, db = y[n + j] - mean;
            squares += (da * da) + (db * db);
        }

        double variance = squares / ((2.0 * count) - 1);
        for (int i = 0; i < k; i++)
        {
            int offset = (2 + i) * n;
            double first = 0, total = 0;
            foreach (int j in rows)
            {
                double fa = y[j], fb = y[n + j], fab = y[offset + j];
                // f_B centred on the sample mean: same expectation (Σ(f_AB − f_A) has mean 0), far smaller variance when |E f| ≫ SD f.
                first += (fb - mean) * (fab - fa);
                total += (fa - fab) * (fa - fab);
            }

            estimate[i] = first / count / variance;
            estimate[k + i] = total / (2.0 * count) / variance;
        }

        return (mean, variance);
    }

    /// <summary>Replicates [2k][R] of the estimates over bootstrap samples of the base rows.</summary>
    private static double[][] Bootstrap(double[] y, int n, int k, int replicates, int seed, ulong output, ParallelWork work)
    {
        var result = new double[2 * k][];
        for (int e = 0; e < 2 * k; e++)
        {
            result[e] = new double[replicates];
        }

        ulong stream = BootstrapStream ^ (output * 0x9E3779B97F4A7C15UL);
        work.For(RandomNumbers.Blocks(replicates), (long)replicates * n * k > 100_000, block =>
        {
            work.ThrowIfCancellationRequested();
            var random = RandomNumbers.CreateBlock(seed, stream, block);
            var rows = new int[n];
            var estimate = new double[2 * k];
            int end = Math.Min(replicates, (block + 1) * RandomNumbers.BlockSize);
            for (int r = block * RandomNumbers.BlockSize; r < end; r++)
            {
                Resampling.BootstrapIndices(random, n, rows);
                var (mean, variance) = Estimate(y, n, k, rows, estimate);
                for (int e = 0; e < 2 * k; e++)
                {
                    // A resample whose outputs happen to be constant carries no information on the share: 0.
                    result[e][r] = IsDefined(mean, variance) ? estimate[e] : 0;
                }
            }
        });
        return result;
    }

    private static (double? StandardError, ConfidenceInterval? Interval) Summary(double[][]? replicates, int e, double level)
    {
        if (replicates is null || replicates[e].Length < 2)
        {
            return (null, null);
        }

        var sorted = (double[])replicates[e].Clone();
        Array.Sort(sorted);
        double alpha = (1 - level) / 2;
        double se = Math.Sqrt(Descriptive.Variance(sorted));
        return (se, new ConfidenceInterval(SampleQuantile.Type7(sorted, alpha), SampleQuantile.Type7(sorted, 1 - alpha), level, "percentile bootstrap"));
    }
}
