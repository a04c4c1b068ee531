using Microsoft.DotNet.Interactive.Formatting;
using TrustMetrics.Estimation;
using TrustMetrics.Presentation;

namespace TrustMetrics.Sentiment;

/// <summary>
/// Net sentiment score NSS = 100·(positive − negative)/n in points on [−100, 100], neutrals in n (survey-metrics.md §3.5), with
/// the trinomial standard error and interval NPS uses; and the variant that leaves neutrals out, 100·(2p − 1) with
/// p = positive/(positive + negative) and its Wilson interval mapped the same way. Rendered by <see cref="ResultFormatter"/> as the score,
/// its interval and the three classes with their shares.
/// </summary>
[TypeFormatterSource(typeof(NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed class SentimentResult : ITabularResult
{
    internal SentimentResult(SentimentTally tally, Estimate score, Estimate? excludingNeutral)
    {
        Tally = tally;
        Score = score;
        ExcludingNeutral = excludingNeutral;
    }

    /// <summary>The counts (shares: <c>Tally.Positive / (double)Tally.Count</c>, and likewise).</summary>
    public SentimentTally Tally { get; }

    /// <summary>NSS in points with its SE and interval.</summary>
    public Estimate Score { get; }

    /// <summary>(positive − negative)/(positive + negative) in points with the mapped Wilson interval; null when there are only neutrals.</summary>
    public Estimate? ExcludingNeutral { get; }

    /// <summary>Number of mentions n.</summary>
    internal long Count => Tally.Count;

    /// <summary>Positive / n.</summary>
    internal double PositiveShare => (double)Tally.Positive / Tally.Count;

    /// <summary>Neutral / n.</summary>
    internal double NeutralShare => (double)Tally.Neutral / Tally.Count;

    /// <summary>Negative / n.</summary>
    internal double NegativeShare => (double)Tally.Negative / Tally.Count;

    /// <summary>"Net sentiment 30.0 [21.1, 38.9] (95% score, n = 200)", invariant culture.</summary>
    public override string ToString() =>
        $"Net sentiment {InvariantText.Number(Score.Value, "0.0")} [{InvariantText.Number(Score.Interval.Lower, "0.0")}, {InvariantText.Number(Score.Interval.Upper, "0.0")}] " +
        $"({InvariantText.Level(Score.Interval.Level)} {Score.Interval.Method}, n = {InvariantText.Count(Tally.Count)})";

    ResultTable ITabularResult.ToTable()
    {
        var table = new ResultTable("Net sentiment", "net sentiment", "SE", InvariantText.IntervalHeader(Score.Interval), "n", "positive", "neutral", "negative")
            .Row(InvariantText.Number(Score.Value, "0.0"), InvariantText.Number(Score.StandardError, "0.0"), InvariantText.Bounds(Score.Interval, "0.0"),
                InvariantText.Count(Tally.Count), Group(Tally.Positive), Group(Tally.Neutral), Group(Tally.Negative))
            .Note($"Interval method: {Score.Interval.Method}. Net sentiment = % positive − % negative, neutrals in n, in points.");
        return ExcludingNeutral is { } excluding
            ? table.Note($"Excluding neutrals: {InvariantText.Number(excluding.Value, "0.0")} ({InvariantText.Interval(excluding.Interval, "0.0")}).")
            : table.Note("Excluding neutrals: undefined (every mention is neutral).");
    }

    private string Group(long count) => $"{InvariantText.Count(count)} ({InvariantText.Percent((double)count / Tally.Count)})";
}
