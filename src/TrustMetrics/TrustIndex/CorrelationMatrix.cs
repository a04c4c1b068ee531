namespace TrustMetrics.TrustIndex;

/// <summary>Pearson correlation matrices of small row-major matrices (p ≤ ~20 columns), with optional resampled row lists.</summary>
internal static class CorrelationMatrix
{
    /// <summary>
    /// Rows of <paramref name="values"/> (rows × p) — with <paramref name="extra"/> appended as a last column when given — that
    /// have no NaN, as a row-major complete-case matrix.
    /// </summary>
    public static double[] CompleteRows(double[] values, int p, int rows, double[]? extra, out int count)
    {
        int width = extra is null ? p : p + 1;
        var result = new List<double>(rows * width);
        for (int r = 0; r < rows; r++)
        {
            bool ok = extra is null || !double.IsNaN(extra[r]);
            for (int j = 0; j < p && ok; j++)
            {
                ok = !double.IsNaN(values[(r * p) + j]);
            }

            if (!ok)
            {
                continue;
            }

            for (int j = 0; j < p; j++)
            {
                result.Add(values[(r * p) + j]);
            }

            if (extra is not null)
            {
                result.Add(extra[r]);
            }
        }

        count = result.Count / width;
        return result.ToArray();
    }

    public static double[,] OfCompleteRows(double[] values, int p, int rows, double[]? extra, out long count, out int constant)
    {
        var complete = CompleteRows(values, p, rows, extra, out int n);
        count = n;
        int width = extra is null ? p : p + 1;
        var result = new double[width, width];
        var scratch = new double[width * 2];
        constant = n >= 2 ? Compute(complete, width, n, default, result, scratch) : -1;
        return result;
    }

    /// <summary>
    /// The correlation matrix of the rows <paramref name="sample"/> (or all <paramref name="rows"/> rows when empty) of a
    /// complete row-major matrix, into <paramref name="result"/>. Returns −1, or the first column without variance (the
    /// matrix is then not filled). Centres on the first sampled row before summing, so Likert-size sums stay exact.
    /// </summary>
    public static int Compute(ReadOnlySpan<double> matrix, int width, int rows, ReadOnlySpan<int> sample, double[,] result, Span<double> scratch)
    {
        int n = sample.IsEmpty ? rows : sample.Length;
        var sums = scratch[..width];
        var shift = scratch[width..(2 * width)];
        sums.Clear();
        int first = sample.IsEmpty ? 0 : sample[0];
        for (int j = 0; j < width; j++)
        {
            shift[j] = matrix[(first * width) + j];
        }

        Array.Clear(result);
        for (int s = 0; s < n; s++)
        {
            int r = sample.IsEmpty ? s : sample[s];
            var row = matrix.Slice(r * width, width);
            for (int i = 0; i < width; i++)
            {
                double xi = row[i] - shift[i];
                sums[i] += xi;
                for (int j = i; j < width; j++)
                {
                    result[i, j] += xi * (row[j] - shift[j]);
                }
            }
        }

        for (int i = 0; i < width; i++)
        {
            for (int j = i; j < width; j++)
            {
                result[i, j] -= sums[i] * sums[j] / n;
            }
        }

        for (int i = 0; i < width; i++)
        {
            if (!(result[i, i] > 1e-12 * n))
            {
                return i;
            }
        }

        for (int i = 0; i < width; i++)
        {
            for (int j = i + 1; j < width; j++)
            {
                result[i, j] /= Math.Sqrt(result[i, i] * result[j, j]);
                result[j, i] = result[i, j];
            }
        }

        for (int i = 0; i < width; i++)
        {
            result[i, i] = 1;
        }

        return -1;
    }
}
