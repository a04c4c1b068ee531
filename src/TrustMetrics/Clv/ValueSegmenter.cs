using TrustMetrics.Estimation;

namespace TrustMetrics.Clv;

/// <summary>
/// Value segments (issue "CLV for decisions", item 4): RFM scores and named segments (<see cref="RfmScoring"/>) plus model-based tiers.
/// Each customer's CLV = <see cref="CustomerLifetimeValue.Discounted"/>(model, history, margin × E[M | x, m̄], months, discount,
/// units per month) with E[M | x, m̄] the Gamma–Gamma expected spend; "vip" = the customers fewer than vipShare·n of whom have a
/// strictly higher CLV (ties at the cut-off all enter); "at-risk vip" = not VIP, past value x·m̄ in the top vipShare by the same rule,
/// and P(alive) below the threshold; everyone else "other". Stateless and thread-safe.
/// </summary>
public sealed class ValueSegmenter
{
    /// <summary>Segments the customers.</summary>
    /// <param name="histories">Each customer's (x, t_x, T) in the model's time unit.</param>
    /// <param name="monetaryValues">Each customer's mean repeat spend m̄ (finite; &gt; 0 when x &gt; 0, ignored when x = 0).</param>
    /// <param name="model">The fitted purchase model.</param>
    /// <param name="spend">The fitted Gamma–Gamma spend model.</param>
    /// <param name="options">Settings; null = <see cref="ValueSegmentOptions.Default"/>.</param>
    /// <returns>The profiles and segment means.</returns>
    /// <exception cref="ArgumentNullException">A model is null.</exception>
    /// <exception cref="ArgumentException">The spans are empty or differ in length, a monetary value is not finite, or a history is invalid.</exception>
    public ValueSegmentation Segment(ReadOnlySpan<PurchaseHistory> histories, ReadOnlySpan<double> monetaryValues, IPurchaseModel model, GammaGammaModel spend,
        ValueSegmentOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(spend);
        var o = options ?? ValueSegmentOptions.Default;
        var rfm = RfmScoring.Score(histories, monetaryValues);
        int n = histories.Length;
        var clv = new double[n];
        var alive = new double[n];
        var past = new double[n];
        for (int i = 0; i < n; i++)
        {
            var h = histories[i];
            double m = h.Frequency > 0 ? monetaryValues[i] : 0.0;
            double expected = spend.ConditionalExpectedAverageSpend(h.Frequency, m) * o.Margin;
            clv[i] = CustomerLifetimeValue.Discounted(model, h, expected, o.Months, o.MonthlyDiscountRate, o.UnitsPerMonth);
            alive[i] = model.ProbabilityAlive(h);
            past[i] = h.Frequency * m;
        }

        var vip = Top(clv, o.VipShare);
        var highPast = Top(past, o.VipShare);
        var customers = new CustomerValue[n];
        for (int i = 0; i < n; i++)
        {
            string tier = vip[i] ? "vip" : highPast[i] && alive[i] < o.AtRiskAlive ? "at-risk vip" : "other";
            customers[i] = new CustomerValue(rfm[i], clv[i], alive[i], past[i], tier);
        }

        var segments = new List<SegmentValue>();
        foreach (string name in RfmScoring.SegmentNames)
        {
            Add(segments, name, customers.Where(c => c.Rfm.Segment == name).Select(c => c.Clv).ToArray(), o.ConfidenceLevel);
        }

        foreach (string tier in new[] { "vip", "at-risk vip", "other" })
        {
            Add(segments, tier, customers.Where(c => c.Tier == tier).Select(c => c.Clv).ToArray(), o.ConfidenceLevel);
        }

        return new ValueSegmentation(customers, [.. segments], o.ConfidenceLevel);
    }

    /// <summary>True where fewer than share·n values are strictly greater.</summary>
    internal static bool[] Top(double[] values, double share)
    {
        int n = values.Length;
        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        var top = new bool[n];
        double limit = share * n;
        for (int i = 0; i < n; i++)
        {
            // strictly greater = n − (index of the first element > values[i])
            int firstGreater = UpperBound(sorted, values[i]);
            top[i] = n - firstGreater < limit;
        }

        return top;
    }

    private static int UpperBound(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static void Add(List<SegmentValue> segments, string name, double[] values, double level)
    {
        if (values.Length == 0)
        {
            return;
        }

        var (mean, variance) = Statistics.Descriptive.MeanVariance(values);
        segments.Add(new SegmentValue(name, values.Length, MeanIntervals.StudentT(values.Length, mean, values.Length > 1 ? variance : 0.0, level)));
    }
}
