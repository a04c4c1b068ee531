using TrustMetrics.Estimation;

namespace TrustMetrics.TrustIndex;

/// <summary>Sample quantiles (R's default type 7: linear interpolation between order statistics) and bootstrap summaries.</summary>
internal static class Percentiles
{
    /// <summary>The type-7 quantile of already sorted values.</summary>
    public static double OfSorted(ReadOnlySpan<double> sorted, double probability) =>
        sorted.IsEmpty ? double.NaN : Statistics.SampleQuantile.Type7(sorted, probability);

    /// <summary>Sorts in place and returns the type-7 quantile.</summary>
    public static double Of(Span<double> values, double probability)
    {
        values.Sort();
        return OfSorted(values, probability);
    }

    /// <summary>
    /// An estimate from bootstrap replicates: the point value, the replicates' standard deviation as standard error and the
    /// percentile interval [q(α/2), q(1 − α/2)] (method "bootstrap-percentile"). NaN replicates (degenerate resamples) are
    /// ignored; with fewer than two left there is no interval: see <see cref="PointOnly"/>.
    /// </summary>
    public static Estimate Bootstrap(double value, Span<double> replicates, double level)
    {
        int count = 0;
        for (int i = 0; i < replicates.Length; i++)
        {
            if (!double.IsNaN(replicates[i]))
            {
                replicates[count++] = replicates[i];
            }
        }

        var valid = replicates[..count];
        if (count < 2)
        {
            return PointOnly(value, level);
        }

        double variance = Statistics.Descriptive.Variance(valid);
        valid.Sort();
        double alpha = 1 - level;
        return new Estimate(value, Math.Sqrt(variance),
            new ConfidenceInterval(OfSorted(valid, alpha / 2), OfSorted(valid, 1 - (alpha / 2)), level, "bootstrap-percentile"));
    }

    /// <summary>
    /// An estimate without sampling information (bootstrap turned off): standard error +∞ (Estimate's "cannot estimate") and the
    /// uninformative interval (−∞, +∞) with method "none" — never NaN.
    /// </summary>
    public static Estimate PointOnly(double value, double level) =>
        new(value, double.PositiveInfinity, new ConfidenceInterval(double.NegativeInfinity, double.PositiveInfinity, level, "none"));
}
