using TrustMetrics.Statistics;

namespace TrustMetrics.TrustIndex;

/// <summary>
/// Cronbach's alpha family from the item covariance matrix of complete cases (formulas in docs/trust-index.md §Reliability,
/// checked against R psych 2.2.9 in trust-index.md §2.2). Everything follows from the k×k covariance matrix C:
/// s_T² = ΣC, cov(x_i, T) = Σ_j C_ij, and deleting item i removes row and column i.
/// </summary>
internal static class ReliabilityMath
{
    /// <summary>
    /// Alpha family and item statistics of a row-major respondents × items matrix (NaN = not answered), with McDonald's omega
    /// (<see cref="OmegaMath"/>) and its bootstrap interval over <paramref name="omegaReplicates"/> resamples (0: no interval).
    /// </summary>
    public static DimensionReliability Compute(ReadOnlySpan<double> values, int itemCount, IReadOnlyList<string> names,
        IReadOnlyList<bool> reversed, double threshold, int omegaReplicates = 0, int omegaSeed = 0, double level = 0.95,
        ParallelWork? work = null)
    {
        var omega = OmegaMath.Estimate(values, itemCount, omegaReplicates, omegaSeed, level, work ?? ParallelWork.Serial);
        var result = Compute(values, itemCount, names, reversed, threshold);
        return new DimensionReliability(result.CompleteCases, result.CronbachAlpha, result.StandardizedAlpha, result.MeanInterItemCorrelation,
            result.UndefinedReason, result.IsBelowThreshold, [.. result.Items], omega);
    }

    private static DimensionReliability Compute(ReadOnlySpan<double> values, int itemCount, IReadOnlyList<string> names,
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

        // Two-pass (centred) covariances, no cancellation. A column (item, total or rest score) whose spread is within rounding
        // of its magnitude is constant: its variance is set to exactly 0, so a correlation with it is null rather than noise.
        var c = new double[k, k];
        var centred = new double[k];
        var magnitude = new double[k];
        foreach (int r in complete)
        {
            for (int i = 0; i < k; i++)
            {
                double x = values[(r * k) + i];
                centred[i] = x - means[i];
                magnitude[i] = Math.Max(magnitude[i], Math.Abs(x));
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

        for (int i = 0; i < k; i++)
        {
            if (IsConstant(c[i, i], magnitude[i]))
            {
                for (int j = 0; j < k; j++)
                {
                    c[i, j] = 0;
                    c[j, i] = 0;
                }
            }
        }

        var scores = new double[n];
        double totalVariance = ScoreVariance(values, k, complete, skip: -1, scores);
        var (alpha, stdAlpha, rBar, reason) = Alpha(c, skip: -1, totalVariance);
        var items = new ItemStatistics[k];
        for (int i = 0; i < k; i++)
        {
            double vi = c[i, i], covIT = 0;
            for (int j = 0; j < k; j++)
            {
                covIT += c[i, j];
            }

            // r.drop = corr(x_i, T − x_i): undefined (null) when the item or the rest score T − x_i is constant.
            double restVariance = ScoreVariance(values, k, complete, skip: i, scores);
            double? corrected = vi > 0 && restVariance > 0 ? Correlation(covIT - vi, vi, restVariance) : null;
            double? raw = vi > 0 && totalVariance > 0 ? Correlation(covIT, vi, totalVariance) : null;
            double? alphaDropped = null, stdDropped = null;
            if (k > 2)
            {
                var dropped = Alpha(c, skip: i, restVariance);
                alphaDropped = dropped.Alpha;
                stdDropped = dropped.Standardized;
            }

            items[i] = new ItemStatistics(names[i], reversed[i], means[i], corrected, raw, alphaDropped, stdDropped);
        }

        return new DimensionReliability(n, alpha, stdAlpha, rBar, reason, alpha is double a && a < threshold, items, null);
    }

    private static DimensionReliability Undefined(long n, IReadOnlyList<string> names, IReadOnlyList<bool> reversed, double[] means, string reason) =>
        new(n, null, null, null, reason, false,
            names.Select((name, i) => new ItemStatistics(name, reversed[i], n > 0 ? means[i] : null, null, null, null, null)).ToArray(), null);

    /// <summary>
    /// Sample variance (n − 1) of the score Σ_{j ≠ skip} x_j over the complete rows (skip −1: the total), two-pass; exactly 0 when the
    /// score is constant up to rounding (spread ≤ 64 ulp of its magnitude).
    /// </summary>
    private static double ScoreVariance(ReadOnlySpan<double> values, int k, List<int> complete, int skip, double[] scores)
    {
        double magnitude = 0;
        for (int u = 0; u < complete.Count; u++)
        {
            double t = 0;
            for (int j = 0; j < k; j++)
            {
                if (j != skip)
                {
                    t += values[(complete[u] * k) + j];
                }
            }

            scores[u] = t;
            magnitude = Math.Max(magnitude, Math.Abs(t));
        }

        double variance = Statistics.Descriptive.Variance(scores.AsSpan(0, complete.Count));
        return IsConstant(variance, magnitude) ? 0 : variance;
    }

    /// <summary>True when a standard deviation √<paramref name="variance"/> is within rounding (64 ulp) of a column's magnitude.</summary>
    private static bool IsConstant(double variance, double magnitude) => Math.Sqrt(variance) <= 64 * 2.220446049250313e-16 * magnitude;

    /// <summary>cov/√(v₁v₂), clamped to [−1, 1] against rounding.</summary>
    private static double Correlation(double covariance, double v1, double v2) => Math.Clamp(covariance / Math.Sqrt(v1 * v2), -1, 1);

    /// <summary>Raw and standardised alpha of the items except <paramref name="skip"/> (−1 = none), with the reason when undefined.</summary>
    private static (double? Alpha, double? Standardized, double? MeanCorrelation, string? Reason) Alpha(double[,] c, int skip, double totalVariance)
    {
        int size = c.GetLength(0);
        int k = skip < 0 ? size : size - 1;
        if (k < 2)
        {
            return (null, null, null, "alpha needs at least two items");
        }

        double total = totalVariance, diagonal = 0;
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
}
