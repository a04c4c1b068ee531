namespace TrustMetrics.Quantiles;

/// <summary>
/// Exact sample quantiles by the Hyndman–Fan definitions (<see cref="QuantileType"/>; type 7 by default, as R, numpy and Excel
/// <c>PERCENTILE.INC</c>): Q(p) = (1 − γ)·x₍ⱼ₎ + γ·x₍ⱼ₊₁₎, j = ⌊np + m⌋, g = np + m − j, x₍₀₎ = x₍₁₎, x₍ₙ₊₁₎ = x₍ₙ₎.
/// Test vectors: survey-metrics.md §4.2 (R 4.2.2 <c>quantile</c>, numpy 1.24.2 <c>percentile</c>).
/// </summary>
/// <remarks>
/// Floating point: np + m is snapped to the nearest integer when it lies within a few units in the last place of it, so
/// 0.07 · 100 = 7.000000000000001 counts as 7 and the nearest-rank (type 1) 7th percentile of 0..99 is 6, the exact-arithmetic
/// answer. R and numpy give 7 there (survey-metrics.md §4.3); for types 4–9 R applies the same kind of fuzz and agrees.
/// </remarks>
public static class SampleQuantiles
{
    /// <summary>The <paramref name="probability"/> quantile of values already sorted ascending.</summary>
    /// <param name="sorted">Values sorted ascending, no NaN; at least one.</param>
    /// <param name="probability">p in [0, 1].</param>
    /// <param name="type">The Hyndman–Fan definition; type 7 by default.</param>
    /// <exception cref="ArgumentException">The span is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">p is outside [0, 1] or the type is unknown.</exception>
    public static double FromSorted(ReadOnlySpan<double> sorted, double probability, QuantileType type = QuantileType.Type7)
    {
        if (sorted.IsEmpty)
        {
            throw new ArgumentException("A quantile of an empty sample is undefined: there are no values.", nameof(sorted));
        }

        Guard.Probability(probability);
        Guard.Defined(type);
        return Statistics.SampleQuantile.Compute(sorted, probability, type);
    }

    /// <summary>
    /// Several quantiles of unsorted values: copies and sorts once (O(n log n), one array of n doubles), then reads each
    /// probability. The input is not modified.
    /// </summary>
    /// <param name="values">Finite or infinite values, no NaN; at least one.</param>
    /// <param name="probabilities">Probabilities in [0, 1].</param>
    /// <param name="type">The Hyndman–Fan definition; type 7 by default.</param>
    /// <returns>One quantile per probability, in the order given.</returns>
    /// <exception cref="ArgumentException">The values are empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is NaN (the message names its index) or a probability is outside [0, 1].</exception>
    public static double[] Compute(ReadOnlySpan<double> values, ReadOnlySpan<double> probabilities, QuantileType type = QuantileType.Type7)
    {
        if (values.IsEmpty)
        {
            throw new ArgumentException("A quantile of an empty sample is undefined: there are no values.", nameof(values));
        }

        Guard.Defined(type);
        for (int i = 0; i < probabilities.Length; i++)
        {
            Guard.Probability(probabilities[i], $"{nameof(probabilities)}[{i}]");
        }

        for (int i = 0; i < values.Length; i++)
        {
            if (double.IsNaN(values[i]))
            {
                throw new ArgumentOutOfRangeException(nameof(values), values[i], $"values[{i}] is NaN; a quantile needs ordered values.");
            }
        }

        var sorted = values.ToArray();
        Array.Sort(sorted);
        var result = new double[probabilities.Length];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = Statistics.SampleQuantile.Compute(sorted, probabilities[i], type);
        }

        return result;
    }
}
