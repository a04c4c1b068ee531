using TrustMetrics.Statistics;

namespace TrustMetrics.TrustIndex;

/// <summary>
/// Nonparametric bootstrap of a unit's index and normalised dimension scores over its respondents: B resamples of n rows with
/// replacement, each re-averaged, re-normalised (fixed normalisation parameters) and re-aggregated (fixed weights). Rows are
/// first put in a canonical order (sorted by their score vectors), so the draws — and the interval — depend only on the
/// multiset of respondents, never on file order. Replicates run in fixed blocks, each with its own seeded stream, so the draws
/// are the same serial or parallel.
/// </summary>
internal static class IndexBootstrap
{
    /// <summary>Below this many cell reads (n · p · B) the bootstrap stays on the calling thread.</summary>
    private const long ParallelThreshold = 4_000_000;

    public static (double[] Index, double[] Dimensions) Run(IndexModel model, IReadOnlyList<int> rows, IndexNormalizer normalizer,
        double[] weights, TrustAggregation aggregation, int replicates, int seed, ulong stream, ParallelWork work)
    {
        int p = model.P, n = rows.Count;
        var compact = Canonical(model.Scores.Scores, p, rows);
        bool complete = !Array.Exists(compact, double.IsNaN);
        var index = new double[replicates];
        var dimensions = new double[replicates * p];
        work.For(Statistics.RandomNumbers.Blocks(replicates), (long)n * p * replicates >= ParallelThreshold, block =>
        {
            work.ThrowIfCancellationRequested();
            var random = Statistics.RandomNumbers.CreateBlock(seed, stream, block);
            var sums = new double[p];
            var counts = new int[p];
            var indicators = new double[p];
            var sample = new int[n];
            int end = Math.Min(replicates, (block + 1) * Statistics.RandomNumbers.BlockSize);
            for (int b = block * Statistics.RandomNumbers.BlockSize; b < end; b++)
            {
                ResampleSums(random, compact, n, p, complete, sample, sums, counts);
                for (int j = 0; j < p; j++)
                {
                    indicators[j] = normalizer.Normalize(j, counts[j] > 0 ? sums[j] / counts[j] : double.NaN);
                }

                index[b] = IndexAggregator.Aggregate(aggregation, indicators, weights);
                Array.Copy(indicators, 0, dimensions, b * p, p);
            }
        });

        return (index, dimensions);
    }

    /// <summary>
    /// One respondent bootstrap resample of the <paramref name="n"/> canonical rows (<see cref="Canonical"/>): per dimension the sum of
    /// the drawn rows' scores and how many of them scored it (a NaN score is a blank and is skipped unless the rows are complete).
    /// The one loop behind the index bootstrap and the sampling-vs-method decomposition, so both draw the same resamples.
    /// </summary>
    internal static void ResampleSums(Random random, double[] compact, int n, int p, bool complete, int[] sample, double[] sums, int[] counts)
    {
        Array.Clear(sums);
        Array.Clear(counts);
        Statistics.Resampling.BootstrapIndices(random, n, sample);
        for (int i = 0; i < n; i++)
        {
            int offset = sample[i] * p;
            for (int j = 0; j < p; j++)
            {
                double v = compact[offset + j];
                if (complete || !double.IsNaN(v))
                {
                    sums[j] += v;
                    counts[j]++;
                }
            }
        }
    }

    /// <summary>The rows' score vectors, sorted lexicographically (NaN first, as double.CompareTo orders it), row-major.</summary>
    public static double[] Canonical(double[] scores, int width, IReadOnlyList<int> rows)
    {
        var order = rows.ToArray();
        Array.Sort(order, (a, b) =>
        {
            for (int j = 0; j < width; j++)
            {
                int c = scores[(a * width) + j].CompareTo(scores[(b * width) + j]);
                if (c != 0)
                {
                    return c;
                }
            }

            return 0;
        });
        var compact = new double[order.Length * width];
        for (int i = 0; i < order.Length; i++)
        {
            Array.Copy(scores, order[i] * width, compact, i * width, width);
        }

        return compact;
    }
}
