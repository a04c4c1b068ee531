namespace TrustMetrics.Statistics;

/// <summary>
/// Mean, variance and covariance: the one home of these sums in the library. Two-pass formulas (mean first, then the sum of
/// squared deviations), which keep their digits where the one-pass Σx² − n·x̄² cancels.
/// </summary>
internal static class Descriptive
{
    /// <summary>x̄ = Σx/n; NaN for no values.</summary>
    public static double Mean(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty)
        {
            return double.NaN;
        }

        double sum = 0;
        foreach (double v in values)
        {
            sum += v;
        }

        return sum / values.Length;
    }

    /// <summary>The sample variance s² = Σ(x − x̄)²/(n − 1) (<paramref name="sample"/>) or the population variance Σ(x − x̄)²/n; NaN below 2 (1) values.</summary>
    public static double Variance(ReadOnlySpan<double> values, bool sample = true) => MeanVariance(values, sample).Variance;

    /// <summary>Mean and variance in two passes; the variance divides by n − 1 when <paramref name="sample"/>, else by n.</summary>
    public static (double Mean, double Variance) MeanVariance(ReadOnlySpan<double> values, bool sample = true)
    {
        double mean = Mean(values);
        int divisor = sample ? values.Length - 1 : values.Length;
        if (divisor <= 0)
        {
            return (mean, double.NaN);
        }

        double ss = 0;
        foreach (double v in values)
        {
            double d = v - mean;
            ss += d * d;
        }

        return (mean, ss / divisor);
    }

    /// <summary>
    /// The mean Σcᵢxᵢ/n of a frequency table: <paramref name="counts"/>[i] values equal to <paramref name="first"/> + i, with
    /// n = Σcᵢ = <paramref name="count"/> &gt; 0 (a tally of answers on a rating scale).
    /// </summary>
    public static double MeanOfCounts(ReadOnlySpan<long> counts, double first, long count)
    {
        double sum = 0;
        for (int i = 0; i < counts.Length; i++)
        {
            sum += (double)counts[i] * (first + i);
        }

        return sum / count;
    }

    /// <summary>
    /// The sample variance Σcᵢ(xᵢ − <paramref name="mean"/>)²/(n − 1) of a frequency table (see <see cref="MeanOfCounts"/>), with
    /// its mean computed first (two passes); NaN below 2 values.
    /// </summary>
    public static double VarianceOfCounts(ReadOnlySpan<long> counts, double first, long count, double mean)
    {
        if (count < 2)
        {
            return double.NaN;
        }

        double ss = 0;
        for (int i = 0; i < counts.Length; i++)
        {
            double deviation = first + i - mean;
            ss += counts[i] * deviation * deviation;
        }

        return ss / (count - 1);
    }

    /// <summary>The sample covariance Σ(x − x̄)(y − ȳ)/(n − 1) of paired values (same length); NaN below 2 pairs.</summary>
    public static double Covariance(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (x.Length != y.Length)
        {
            throw new ArgumentException($"Paired values need equal lengths; got {x.Length} and {y.Length}.", nameof(y));
        }

        if (x.Length < 2)
        {
            return double.NaN;
        }

        double mx = Mean(x), my = Mean(y), sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sum += (x[i] - mx) * (y[i] - my);
        }

        return sum / (x.Length - 1);
    }
}
