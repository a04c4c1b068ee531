namespace TrustMetrics.TrustIndex;

/// <summary>
/// A behavioural (revealed-trust) signal on the index's 0–100 footing, each by the documented rule of trust-index.md §3.2:
/// NPS (−100..100) → (NPS + 100)/2; CSAT top-box share, retention rate and complaint resolution rate (shares in [0, 1]) → 100·share;
/// churn rate c with a worst-case goalpost c_max → 100·max(0, 1 − c/c_max); mean review rating r on [min, max] →
/// 100·(r − min)/(max − min); net sentiment s = (pos − neg)/(pos + neg) ∈ [−1, 1] → 100·(s + 1)/2. Built by the factories
/// (which refuse NaN, ±∞ and values off their range); combine several with <see cref="Pillar"/>.
/// </summary>
public sealed class BehaviouralSignal
{
    private BehaviouralSignal(string name, double score, string rule)
    {
        Name = name;
        Score = score;
        Rule = rule;
    }

    /// <summary>Signal name ("nps", "csat", "retention", "complaintResolution", "reviews", "sentiment").</summary>
    public string Name { get; }

    /// <summary>The normalised value, 0–100 (higher = more trust).</summary>
    public double Score { get; }

    /// <summary>The rule used, human-readable.</summary>
    public string Rule { get; }

    /// <summary>NPS in points (−100..100) → (NPS + 100)/2.</summary>
    /// <param name="nps">Net Promoter Score in points.</param>
    /// <exception cref="ArgumentOutOfRangeException">Outside [−100, 100] or NaN.</exception>
    public static BehaviouralSignal Nps(double nps) =>
        new("nps", (InRange(nps, -100, 100, nameof(nps)) + 100) / 2, "(NPS + 100) / 2");

    /// <summary>CSAT top-box share (e.g. share of 4–5 answers on 1–5) → 100·share.</summary>
    /// <param name="satisfiedShare">Share in [0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException">Outside [0, 1] or NaN.</exception>
    public static BehaviouralSignal Csat(double satisfiedShare) =>
        new("csat", 100 * InRange(satisfiedShare, 0, 1, nameof(satisfiedShare)), "100 × share satisfied");

    /// <summary>Retention rate (1 − churn rate over the period) → 100·rate.</summary>
    /// <param name="retentionRate">Share in [0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException">Outside [0, 1] or NaN.</exception>
    public static BehaviouralSignal Retention(double retentionRate) =>
        new("retention", 100 * InRange(retentionRate, 0, 1, nameof(retentionRate)), "100 × retention rate");

    /// <summary>Churn rate with a worst-case goalpost: 100·max(0, 1 − churn/worst) (churn 0 → 100, churn ≥ worst → 0).</summary>
    /// <param name="churnRate">Churn rate in [0, 1].</param>
    /// <param name="worstChurnRate">Goalpost scored 0, in (0, 1]; default 1 (then equal to <see cref="Retention"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException">A rate is off its range or NaN.</exception>
    public static BehaviouralSignal Churn(double churnRate, double worstChurnRate = 1.0)
    {
        InRange(churnRate, 0, 1, nameof(churnRate));
        if (!(worstChurnRate > 0 && worstChurnRate <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(worstChurnRate), worstChurnRate, $"worstChurnRate must lie in (0, 1]; got {Guard.Format(worstChurnRate)}.");
        }

        return new("retention", 100 * Math.Max(0, 1 - (churnRate / worstChurnRate)), $"100 × max(0, 1 − churn / {Guard.Format(worstChurnRate)})");
    }

    /// <summary>Complaint resolution rate (resolved within SLA, or first-contact resolution) → 100·rate.</summary>
    /// <param name="resolvedShare">Share in [0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException">Outside [0, 1] or NaN.</exception>
    public static BehaviouralSignal ComplaintResolution(double resolvedShare) =>
        new("complaintResolution", 100 * InRange(resolvedShare, 0, 1, nameof(resolvedShare)), "100 × share resolved");

    /// <summary>Mean review rating on [min, max] (e.g. 1–5 stars) → 100·(rating − min)/(max − min).</summary>
    /// <param name="meanRating">Mean rating within [min, max].</param>
    /// <param name="min">Lowest rating (default 1), finite.</param>
    /// <param name="max">Highest rating (default 5), finite and greater than min.</param>
    /// <exception cref="ArgumentOutOfRangeException">The scale is not finite min &lt; max, or the rating is off it.</exception>
    public static BehaviouralSignal ReviewRating(double meanRating, double min = 1, double max = 5)
    {
        Guard.Finite(min);
        if (!(double.IsFinite(max) && max > min))
        {
            throw new ArgumentOutOfRangeException(nameof(max), max, $"A rating scale needs finite min < max; got {Guard.Format(min)}–{Guard.Format(max)}.");
        }

        return new("reviews", 100 * (InRange(meanRating, min, max, nameof(meanRating)) - min) / (max - min), $"100 × (rating − {Guard.Format(min)}) / {Guard.Format(max - min)}");
    }

    /// <summary>Net sentiment from counts: s = (pos − neg)/(pos + neg) → 100·(s + 1)/2 = 100·pos/(pos + neg).</summary>
    /// <param name="positive">Positive mentions, ≥ 0.</param>
    /// <param name="negative">Negative mentions, ≥ 0; positive + negative &gt; 0.</param>
    /// <exception cref="ArgumentException">A count is negative, or both are 0 (net sentiment undefined).</exception>
    public static BehaviouralSignal NetSentiment(long positive, long negative)
    {
        Guard.NonNegative(positive);
        Guard.NonNegative(negative);
        if (positive + negative == 0)
        {
            throw new ArgumentException("Net sentiment is undefined without positive or negative mentions.", nameof(positive));
        }

        return new("sentiment", 100.0 * positive / ((double)positive + negative), "100 × (net sentiment + 1) / 2");
    }

    /// <summary>
    /// The behavioural pillar: the weighted mean of the signals' scores, weights rescaled over the signals given (missing
    /// signals are simply not passed). Equal weights when <paramref name="weights"/> is empty.
    /// </summary>
    /// <param name="signals">At least one signal, none null.</param>
    /// <param name="weights">One finite weight ≥ 0 per signal (not all 0), or empty for equal weights.</param>
    /// <exception cref="ArgumentException">No signals, a null signal, lengths differ, a weight is negative or not finite, or all weights are 0.</exception>
    public static double Pillar(ReadOnlySpan<BehaviouralSignal> signals, ReadOnlySpan<double> weights = default)
    {
        if (signals.IsEmpty)
        {
            throw new ArgumentException("The behavioural pillar needs at least one signal.", nameof(signals));
        }

        if (!weights.IsEmpty && weights.Length != signals.Length)
        {
            throw new ArgumentException($"weights has {weights.Length} values for {signals.Length} signals.", nameof(weights));
        }

        double sum = 0, total = 0;
        for (int i = 0; i < signals.Length; i++)
        {
            var signal = signals[i] ?? throw new ArgumentNullException(nameof(signals), $"signals[{i}] is null.");
            double w = weights.IsEmpty ? 1 : weights[i];
            if (!(double.IsFinite(w) && w >= 0))
            {
                throw new ArgumentOutOfRangeException(nameof(weights), w, $"weights[{i}] = {Guard.Format(w)} must be finite and ≥ 0.");
            }

            sum += w * signal.Score;
            total += w;
        }

        return total > 0 ? sum / total : throw new ArgumentException("The signal weights are all 0.", nameof(weights));
    }

    /// <summary>"nps 60 ((NPS + 100) / 2)", invariant culture.</summary>
    public override string ToString() => $"{Name} {Presentation.InvariantText.Number(Score, "0.##")} ({Rule})";

    private static double InRange(double value, double min, double max, string name) =>
        value >= min && value <= max
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} = {Guard.Format(value)} is outside [{Guard.Format(min)}, {Guard.Format(max)}].");
}
