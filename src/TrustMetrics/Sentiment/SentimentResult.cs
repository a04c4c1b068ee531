using TrustMetrics.Estimation;

namespace TrustMetrics.Sentiment;

/// <summary>
/// Net sentiment score NSS = 100·(positive − negative)/n in points on [−100, 100], neutrals in n (survey-metrics.md §3.5), with
/// the trinomial standard error and interval NPS uses; and the variant that leaves neutrals out, 100·(2p − 1) with
/// p = positive/(positive + negative) and its Wilson interval mapped the same way.
/// </summary>
/// <param name="Tally">The counts.</param>
/// <param name="Score">NSS in points with its SE and interval.</param>
/// <param name="ExcludingNeutral">(positive − negative)/(positive + negative) in points with the mapped Wilson interval; null when there are only neutrals.</param>
public sealed record SentimentResult(SentimentTally Tally, Estimate Score, Estimate? ExcludingNeutral)
{
    /// <summary>Number of mentions n.</summary>
    public long Count => Tally.Count;

    /// <summary>Positive / n.</summary>
    public double PositiveShare => (double)Tally.Positive / Tally.Count;

    /// <summary>Neutral / n.</summary>
    public double NeutralShare => (double)Tally.Neutral / Tally.Count;

    /// <summary>Negative / n.</summary>
    public double NegativeShare => (double)Tally.Negative / Tally.Count;

    /// <summary>A one-line summary.</summary>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"Net sentiment {Score.Value:0.0} [{Score.Interval.Lower:0.0}, {Score.Interval.Upper:0.0}] ({Score.Interval.Level * 100:0.##}% {Score.Interval.Method}, n = {Count})");
}
