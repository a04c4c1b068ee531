namespace TrustMetrics.Clv;

/// <summary>
/// RFM quintile scores from customer summaries. For each dimension a customer's score is 1 + ⌊5·W/n⌋ with W the number of customers
/// strictly worse on it (recency: a larger T − t_x, the time since the last purchase; frequency: a smaller x; monetary: a smaller
/// m̄), so tied customers share a score and the scores are deterministic (pandas: 1 + floor(5·(rank(method="min") − 1)/n)). Named
/// segments use the R×F grid: R 5 &amp; F 4–5 champions; R 3–4 &amp; F 4–5 loyal customers; R 4–5 &amp; F 2–3 potential loyalists;
/// R 5 &amp; F 1 new customers; R 4 &amp; F 1 promising; R 3 &amp; F 3 need attention; R 3 &amp; F 1–2 about to sleep; R 1–2 &amp; F 3–4
/// at risk; R 1–2 &amp; F 5 can't lose them; R 1 &amp; F 1 lost; other R 1–2 &amp; F 1–2 hibernating.
/// </summary>
public static class RfmScoring
{
    /// <summary>The segment names in the order of the rule table (best first).</summary>
    public static IReadOnlyList<string> SegmentNames { get; } =
        ["champions", "loyal customers", "potential loyalists", "new customers", "promising", "need attention", "about to sleep", "at risk", "can't lose them", "hibernating", "lost"];

    /// <summary>Scores every customer.</summary>
    /// <param name="histories">Each customer's (x, t_x, T).</param>
    /// <param name="monetaryValues">Each customer's mean repeat spend m̄ (finite; 0 when x = 0).</param>
    /// <returns>One score per customer, in input order.</returns>
    /// <exception cref="ArgumentException">The spans are empty or of different lengths, or a monetary value is not finite (the message names its index).</exception>
    public static IReadOnlyList<RfmScore> Score(ReadOnlySpan<PurchaseHistory> histories, ReadOnlySpan<double> monetaryValues)
    {
        int n = histories.Length;
        if (n == 0)
        {
            throw new ArgumentException("RFM scores need at least one customer.", nameof(histories));
        }

        if (monetaryValues.Length != n)
        {
            throw new ArgumentException($"monetaryValues has {monetaryValues.Length} elements but histories has {n}; they must match.", nameof(monetaryValues));
        }

        Guard.AllFinite(monetaryValues);
        var recency = new double[n];
        var frequency = new double[n];
        for (int i = 0; i < n; i++)
        {
            recency[i] = -(histories[i].T - histories[i].Recency);   // larger is better
            frequency[i] = histories[i].Frequency;
        }

        var r = Quintiles(recency);
        var f = Quintiles(frequency);
        var m = Quintiles(monetaryValues.ToArray());
        var scores = new RfmScore[n];
        for (int i = 0; i < n; i++)
        {
            scores[i] = new RfmScore(r[i], f[i], m[i]);
        }

        return scores;
    }

    /// <summary>1 + ⌊5·W/n⌋, W = number of values strictly below (larger values are better).</summary>
    internal static int[] Quintiles(double[] values)
    {
        int n = values.Length;
        var order = Enumerable.Range(0, n).ToArray();
        var keys = (double[])values.Clone();
        Array.Sort(keys, order);
        var score = new int[n];
        int below = 0;
        for (int i = 0; i < n; i++)
        {
            if (i > 0 && keys[i] != keys[i - 1])
            {
                below = i;
            }

            score[order[i]] = 1 + (int)(5L * below / n);
        }

        return score;
    }

    /// <summary>The named segment of an (R, F) score pair (the rule table in the class summary).</summary>
    internal static string SegmentOf(int r, int f) => (r, f) switch
    {
        (5, >= 4) => "champions",
        (3 or 4, >= 4) => "loyal customers",
        (4 or 5, 2 or 3) => "potential loyalists",
        (5, 1) => "new customers",
        (4, 1) => "promising",
        (3, 3) => "need attention",
        (3, _) => "about to sleep",
        (_, 3 or 4) => "at risk",
        (_, 5) => "can't lose them",
        (1, 1) => "lost",
        _ => "hibernating",
    };
}
