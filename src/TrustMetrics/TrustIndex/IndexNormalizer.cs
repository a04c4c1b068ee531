namespace TrustMetrics.TrustIndex;

/// <summary>
/// Maps a unit's mean dimension score (scale units) to 0–100 by one <see cref="TrustNormalization"/>. Data-dependent
/// parameters (empirical bounds, mean and standard deviation) come from the pooled respondent-level scores and are then held
/// fixed — in the bootstrap too — so every unit is measured on the same yardstick.
/// </summary>
internal sealed class IndexNormalizer
{
    private readonly TrustNormalization method;
    private readonly double[] offset;
    private readonly double[] scale;

    private IndexNormalizer(TrustNormalization method, double[] offset, double[] scale)
    {
        this.method = method;
        this.offset = offset;
        this.scale = scale;
    }

    public TrustNormalization Method => method;

    public static IndexNormalizer Create(TrustNormalization method, RespondentScores scores, TrustIndexOptions options)
    {
        int p = scores.DimensionCount;
        var offset = new double[p];
        var scale = new double[p];
        double min = options.Scale.Min, max = options.Scale.Max;
        double[]? column = null;
        for (int j = 0; j < p; j++)
        {
            switch (method)
            {
                case TrustNormalization.TheoreticalBounds:
                    offset[j] = min;
                    scale[j] = max - min;
                    break;
                case TrustNormalization.DistanceToTarget:
                    offset[j] = min;
                    scale[j] = (options.Target ?? max) - min;
                    break;
                case TrustNormalization.EmpiricalMinMax:
                    {
                        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
                        for (int r = 0; r < scores.Count; r++)
                        {
                            double v = scores.Scores[(r * p) + j];
                            if (!double.IsNaN(v))
                            {
                                lo = Math.Min(lo, v);
                                hi = Math.Max(hi, v);
                            }
                        }

                        offset[j] = double.IsFinite(lo) ? lo : min;
                        scale[j] = double.IsFinite(lo) ? hi - lo : 0;
                        break;
                    }

                default:
                    {
                        column ??= new double[scores.Count];
                        int count = 0;
                        for (int r = 0; r < scores.Count; r++)
                        {
                            double v = scores.Scores[(r * p) + j];
                            if (!double.IsNaN(v))
                            {
                                column[count++] = v;
                            }
                        }

                        var (mean, variance) = Statistics.Descriptive.MeanVariance(column.AsSpan(0, count));
                        offset[j] = count > 0 ? mean : 0;
                        scale[j] = count > 1 ? Math.Sqrt(variance) : 0;
                        break;
                    }
            }
        }

        return new IndexNormalizer(method, offset, scale);
    }

    /// <summary>The 0–100 indicator of dimension <paramref name="j"/> for mean score <paramref name="mean"/> (NaN stays NaN).</summary>
    public double Normalize(int j, double mean)
    {
        if (double.IsNaN(mean))
        {
            return double.NaN;
        }

        double s = scale[j];
        switch (method)
        {
            case TrustNormalization.ZScore:
                return s > 0 ? Math.Clamp(50 + (10 * (mean - offset[j]) / s), 0, 100) : 50;
            case TrustNormalization.DistanceToTarget:
                return Math.Clamp(100 * (mean - offset[j]) / s, 0, 100);
            default:
                return s > 0 ? Math.Clamp(100 * (mean - offset[j]) / s, 0, 100) : 50;
        }
    }

    /// <summary>Normalises a unit's mean scores into <paramref name="target"/>.</summary>
    public void Normalize(ReadOnlySpan<double> means, Span<double> target)
    {
        for (int j = 0; j < means.Length; j++)
        {
            target[j] = Normalize(j, means[j]);
        }
    }
}
