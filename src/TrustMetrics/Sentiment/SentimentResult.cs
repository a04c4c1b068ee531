using Microsoft.DotNet.Interactive.Formatting;
using TrustMetrics.Estimation;
using TrustMetrics.Presentation;

namespace TrustMetrics.Sentiment;

/// <summary>
/// Net sentiment score NSS = 100·(positive − negative)/n in points on [−100, 100], neutrals in n (survey-metrics.md §3.5), with
/// the trinomial standard error and interval NPS uses; and the variant that leaves neutrals out, 100·(2p − 1) with
/// p = positive/(positive + negative) and its Wilson interval mapped the same way.
/// </summary>
/// <param name="Tally">The counts.</param>
/// <param name="Score">NSS in points with its SE and interval.</param>
/// <param name="ExcludingNeutral">(positive − negative)/(positive + negative) in points with the mapped Wilson interval; null when there are only neutrals.</param>
[TypeFormatterSource(typeof(NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed record SentimentResult(SentimentTally Tally, Estimate Score, Estimate? ExcludingNeutral) : ITabularResult
{
    /// <summary>Number of mentions n.</summary>
    public long Count => Tally.Count;

    /// <summary>Positive / n.</summary>
    public double PositiveShare => (double)Tally.Positive / Tally.Count;

    /// <summary>Neutral / n.</summary>
    public double NeutralShare => (double)Tally.Neutral / Tally.Count;

    /// <summary>Negative / n.</summary>
    public double NegativeShare => (double)Tally.Negative / Tally.Count;

    /// <summary>"Net sentiment 30.0 [21.1, 38.9] (95% score, n = 200)", invariant culture.</summary>
    public override string ToString() =>
        $"Net sentiment {InvariantText.Number(Score.Value, "0.0")} [{InvariantText.Number(Score.Interval.Lower, "0.0")}, {InvariantText.Number(Score.Interval.Upper, "0.0")}] " +
        $"({InvariantText.Level(Score.Interval.Level)} {Score.Interval.Method}, n = {InvariantText.Count(Count)})";

    /// <summary>The score, its interval and the three classes (with the score excluding neutrals as a note) as an HTML table (one well-formed <c>&lt;div&gt;</c>, text HTML-escaped, invariant culture).</summary>
    public string ToHtml() => ((ITabularResult)this).ToTable().ToHtml();

    /// <summary>The same table as <see cref="ToHtml"/> as a markdown pipe table (cells escaped, invariant culture).</summary>
    public string ToMarkdown() => ((ITabularResult)this).ToTable().ToMarkdown();

    ResultTable ITabularResult.ToTable()
    {
        var table = new ResultTable("Net sentiment", "net sentiment", "SE", InvariantText.IntervalHeader(Score.Interval), "n", "positive", "neutral", "negative")
            .Row(InvariantText.Number(Score.Value, "0.0"), InvariantText.Number(Score.StandardError, "0.0"), InvariantText.Bounds(Score.Interval, "0.0"),
                InvariantText.Count(Count), Group(Tally.Positive), Group(Tally.Neutral), Group(Tally.Negative))
            .Note($"Interval method: {Score.Interval.Method}. Net sentiment = % positive − % negative, neutrals in n, in points.");
        return ExcludingNeutral is { } excluding
            ? table.Note($"Excluding neutrals: {InvariantText.Number(excluding.Value, "0.0")} ({InvariantText.Interval(excluding.Interval, "0.0")}).")
            : table.Note("Excluding neutrals: undefined (every mention is neutral).");
    }

    private string Group(long count) => $"{InvariantText.Count(count)} ({InvariantText.Percent((double)count / Count)})";
}
