namespace TrustMetrics.Statistics;

/// <summary>Bootstrap resampling (Efron &amp; Tibshirani 1993): draws with replacement from the one random generator.</summary>
internal static class Resampling
{
    /// <summary>Fills <paramref name="indices"/> with a bootstrap sample of row indices in [0, <paramref name="count"/>).</summary>
    public static void BootstrapIndices(Random random, int count, Span<int> indices)
    {
        for (int i = 0; i < indices.Length; i++)
        {
            indices[i] = random.Next(count);
        }
    }

    /// <summary>
    /// The percentile bootstrap: <paramref name="replicates"/> statistics of samples drawn with replacement, each from
    /// <paramref name="statistic"/> applied to the resampled indices; replicate r uses the generator of stream r, so the result does
    /// not depend on the degree of parallelism.
    /// </summary>
    public static double[] Bootstrap(int count, int replicates, int seed, Func<ReadOnlySpan<int>, double> statistic, ParallelWork work)
    {
        var result = new double[replicates];
        work.For(replicates, replicates * (long)count > 16_384, r =>
        {
            work.ThrowIfCancellationRequested();
            var random = RandomNumbers.Create(seed, (ulong)r + 1);
            var indices = new int[count];
            BootstrapIndices(random, count, indices);
            result[r] = statistic(indices);
        });
        return result;
    }
}
