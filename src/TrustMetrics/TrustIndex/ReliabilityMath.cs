namespace TrustMetrics.TrustIndex;

/// <summary>
/// Cronbach's alpha family from the item covariance matrix of complete cases (formulas in docs/trust-index.md §Reliability,
/// checked against R psych 2.2.9 in trust-index.md §2.2). Everything follows from the k×k covariance matrix C:
/// s_T² = ΣC, cov(x_i, T) = Σ_j C_ij, and deleting item i removes row and column i.
/// </summary>
internal static class ReliabilityMath
{
    public static DimensionReliability Compute(ReadOnlySpan<double> values, int itemCount, IReadOnlyList<string> names,
        IReadOnlyList<bool> reversed, double threshold)
    {
        int k = itemCount;
        int rows = values.Length / k;
        var complete = new List<int>(rows);
        for (int r = 0; r < rows; r++)
        {
            bool ok = true;
            for (int i = 0; i < k; i++)
            {
                if (double.IsNaN(values[(r * k) + i]))
                {
                    ok = false;
                    break;
                }
            }

            if (ok)
            {
                complete.Add(r);
            }
        }

        int n = complete.Count;
        var means = new double[k];
        foreach (int r in complete)
        {
            for (int i = 0; i < k; i++)
            {
                means[i] += values[(r * k) + i];
            }
        }

        for (int i = 0; i < k; i++)
        {
            means[i] = n > 0 ? means[i] / n : double.NaN;
        }

        if (n < 2)
        {
            return Undefined(n, names, reversed, means, "fewer than two respondents answered every item");
        }

        // Two-pass (centred) covariances: exact zeros for constant items, no cancellation.
        var c = new double[k, k];
        var centred = new double[k];
        foreach (int r in complete)
        {
            for (int i = 0; i < k; i++)
            {
                centred[i] = values[(r * k) + i] - means[i];
            }

            for (int i = 0; i < k; i++)
            {
                for (int j = i; j < k; j++)
                {
                    c[i, j] += centred[i] * centred[j];
                }
            }
        }

        for (int i = 0; i < k; i++)
        {
            for (int j = i; j < k; j++)
            {
                c[i, j] /= n - 1;
                c[j, i] = c[i, j];
            }
        }

        var (alpha, stdAlpha, rBar, reason) = Alpha(c, skip: -1);
        var items = new ItemStatistics[k];
        double total = Sum(c, -1);
        for (int i = 0; i < k; i++)
        {
            double vi = c[i, i], covIT = 0;
            for (int j = 0; j < k; j++)
            {
                covIT += c[i, j];
            }

            double restVariance = total - (2 * covIT) + vi;
            double? corrected = vi > 0 && restVariance > 0 ? (covIT - vi) / Math.Sqrt(vi * restVariance) : null;
            double? raw = vi > 0 && total > 0 ? covIT / Math.Sqrt(vi * total) : null;
            double? alphaDropped = null, stdDropped = null;
            if (k > 2)
            {
                var dropped = Alpha(c, skip: i);
                alphaDropped = dropped.Alpha;
                stdDropped = dropped.Standardized;
            }

            items[i] = new ItemStatistics(names[i], reversed[i], means[i], corrected, raw, alphaDropped, stdDropped);
        }

        return new DimensionReliability(n, alpha, stdAlpha, rBar, reason, alpha is double a && a < threshold, items);
    }

    private static DimensionReliability Undefined(long n, IReadOnlyList<string> names, IReadOnlyList<bool> reversed, double[] means, string reason) =>
        new(n, null, null, null, reason, false,
            names.Select((name, i) => new ItemStatistics(name, reversed[i], means[i], null, null, null, null)).ToArray());

    /// <summary>Raw and standardised alpha of the items except <paramref name="skip"/> (−1 = none), with the reason when undefined.</summary>
    private static (double? Alpha, double? Standardized, double? MeanCorrelation, string? Reason) Alpha(double[,] c, int skip)
    {
        int size = c.GetLength(0);
        int k = skip < 0 ? size : size - 1;
        if (k < 2)
        {
            return (null, null, null, "alpha needs at least two items");
        }

        double total = Sum(c, skip), diagonal = 0;
        bool constantItem = false;
        for (int i = 0; i < size; i++)
        {
            if (i != skip)
            {
                diagonal += c[i, i];
                constantItem |= c[i, i] <= 0;
            }
        }

        string? reason = null;
        double? alpha = null;
        if (total > 0)
        {
            alpha = k / (k - 1.0) * (1 - (diagonal / total));
        }
        else
        {
            reason = "the total score has no variance (every item constant)";
        }

        double? rBar = null, standardized = null;
        if (constantItem)
        {
            reason ??= "an item has no variance, so inter-item correlations are undefined";
        }
        else
        {
            double sum = 0;
            for (int i = 0; i < size; i++)
            {
                for (int j = i + 1; j < size; j++)
                {
                    if (i != skip && j != skip)
                    {
                        sum += c[i, j] / Math.Sqrt(c[i, i] * c[j, j]);
                    }
                }
            }

            double r = sum / (k * (k - 1) / 2.0);
            rBar = r;
            double denominator = 1 + ((k - 1) * r);
            if (denominator > 0)
            {
                standardized = k * r / denominator;
            }
            else
            {
                reason ??= "the mean inter-item correlation is −1/(k − 1), where standardised alpha is undefined";
            }
        }

        return (alpha, standardized, rBar, reason);
    }

    private static double Sum(double[,] c, int skip)
    {
        double s = 0;
        int size = c.GetLength(0);
        for (int i = 0; i < size; i++)
        {
            for (int j = 0; j < size; j++)
            {
                if (i != skip && j != skip)
                {
                    s += c[i, j];
                }
            }
        }

        return s;
    }
}
