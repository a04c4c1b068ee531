namespace TrustMetrics.Statistics;

/// <summary>Multiple-comparison adjustment of p-values (the one home; <c>MultipleComparisons</c> is its public face).</summary>
internal static class PValueAdjustment
{
    /// <summary>
    /// Holm (1979) step-down: with p sorted ascending, p̃₍ᵢ₎ = max_{j ≤ i} min(1, (m − j + 1)·p₍ⱼ₎), in the input order; as R
    /// <c>p.adjust(p, "holm")</c>. The p-values are validated by the caller.
    /// </summary>
    public static double[] Holm(ReadOnlySpan<double> pValues)
    {
        int m = pValues.Length;
        var order = new int[m];
        for (int i = 0; i < m; i++)
        {
            order[i] = i;
        }

        var sorted = pValues.ToArray();
        // Sort order among ties does not matter: the running maximum gives tied p-values the same adjusted value.
        Array.Sort(sorted, order);
        var adjusted = new double[m];
        double running = 0;
        for (int rank = 0; rank < m; rank++)
        {
            running = Math.Max(running, Math.Min(1.0, (m - rank) * sorted[rank]));
            adjusted[order[rank]] = running;
        }

        return adjusted;
    }
}
