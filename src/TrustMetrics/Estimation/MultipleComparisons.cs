namespace TrustMetrics.Estimation;

/// <summary>Adjusting p-values when many comparisons are read together (e.g. every segment × period of a report).</summary>
public static class MultipleComparisons
{
    /// <summary>
    /// Holm (1979) step-down adjusted p-values, as R <c>p.adjust(p, "holm")</c>: with p sorted ascending,
    /// p̃₍ᵢ₎ = max_{j ≤ i} min(1, (m − j + 1)·p₍ⱼ₎), returned in the input order. Controls the family-wise error rate
    /// under any dependence and is uniformly more powerful than Bonferroni.
    /// </summary>
    /// <param name="pValues">p-values in [0, 1].</param>
    /// <returns>Adjusted p-values, same order and length; empty for empty input.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A p-value is NaN or outside [0, 1]; the message names its index.</exception>
    public static double[] HolmAdjust(ReadOnlySpan<double> pValues)
    {
        for (int i = 0; i < pValues.Length; i++)
        {
            if (!(pValues[i] >= 0 && pValues[i] <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(pValues), pValues[i], $"pValues[{i}] = {Guard.Format(pValues[i])} is not a probability in [0, 1].");
            }
        }

        return Statistics.PValueAdjustment.Holm(pValues);
    }
}
