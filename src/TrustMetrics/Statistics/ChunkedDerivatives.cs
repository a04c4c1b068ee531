namespace TrustMetrics.Statistics;

/// <summary>One chunk's share of a log-likelihood: Σ ℓ_i over rows [from, to), adding its gradient and Hessian (row-major) into the spans.</summary>
internal delegate double DerivativeChunk(int from, int to, Span<double> gradient, Span<double> hessian);

/// <summary>
/// A log-likelihood's value, gradient and exact Hessian summed over rows in a fixed number of chunks: each chunk has its own
/// buffers (so chunks may run on several threads) and the chunks are added in order, so the result is the same bits whatever the
/// thread count. Shared by the covariate likelihoods (BG/NBD and Pareto/NBD in the CLV family, sBG in the churn family).
/// </summary>
internal static class ChunkedDerivatives
{
    /// <summary>
    /// Σ over <paramref name="chunks"/> chunks of <paramref name="chunk"/>, rows split as [n·c/C, n·(c+1)/C). With
    /// <paramref name="upperTriangle"/> the chunks fill only entries (a, c ≥ a) of the Hessian and the lower triangle is mirrored
    /// from the sum; otherwise every entry is summed as the chunks wrote it.
    /// </summary>
    public static double Sum(int rows, int size, int chunks, bool parallel, ParallelWork work, DerivativeChunk chunk,
        double[] gradient, double[] hessian, bool upperTriangle)
    {
        int k = size;
        var values = new double[chunks];
        var gradients = new double[chunks * k];
        var hessians = new double[chunks * k * k];
        work.For(chunks, parallel, c =>
        {
            int from = (int)((long)rows * c / chunks), to = (int)((long)rows * (c + 1) / chunks);
            values[c] = chunk(from, to, gradients.AsSpan(c * k, k), hessians.AsSpan(c * k * k, k * k));
        });

        Array.Clear(gradient);
        Array.Clear(hessian);
        double total = 0;
        for (int c = 0; c < chunks; c++)
        {
            total += values[c];
            for (int a = 0; a < k; a++)
            {
                gradient[a] += gradients[(c * k) + a];
                for (int b = upperTriangle ? a : 0; b < k; b++)
                {
                    hessian[(a * k) + b] += hessians[(c * k * k) + (a * k) + b];
                }
            }
        }

        if (upperTriangle)
        {
            for (int a = 0; a < k; a++)
            {
                for (int b = 0; b < a; b++)
                {
                    hessian[(a * k) + b] = hessian[(b * k) + a];
                }
            }
        }

        return total;
    }
}
