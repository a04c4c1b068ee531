namespace TrustMetrics.TrustIndex;

/// <summary>
/// Weighted arithmetic Σ w_j·D_j or geometric Π D_j^{w_j} aggregation of 0–100 indicators. A missing indicator (NaN, a
/// dimension nobody in the unit answered) is dropped and the remaining weights rescaled to sum to 1 (COINr <c>a_amean</c>).
/// </summary>
internal static class IndexAggregator
{
    public static double Aggregate(TrustAggregation aggregation, ReadOnlySpan<double> indicators, ReadOnlySpan<double> weights)
    {
        double weightSum = 0, sum = 0;
        bool zero = false;
        for (int j = 0; j < indicators.Length; j++)
        {
            double d = indicators[j], w = weights[j];
            if (double.IsNaN(d) || w <= 0)
            {
                continue;
            }

            weightSum += w;
            if (aggregation == TrustAggregation.Arithmetic)
            {
                sum += w * d;
            }
            else if (d <= 0)
            {
                zero = true;
            }
            else
            {
                sum += w * Math.Log(d);
            }
        }

        if (weightSum <= 0)
        {
            return double.NaN;
        }

        double value = aggregation == TrustAggregation.Arithmetic ? sum / weightSum : zero ? 0 : Math.Exp(sum / weightSum);
        return Math.Clamp(value, 0, 100);
    }
}
