using TrustMetrics.Estimation;
using TrustMetrics.Grouping;
using TrustMetrics.Nps;

namespace TrustMetrics.Sentiment;

/// <summary>
/// Net sentiment from positive/neutral/negative counts: the NPS trinomial statistics with positive ↔ promoter, neutral ↔
/// passive, negative ↔ detractor (same interval and comparison methods). Stateless and thread-safe; an empty sample throws
/// <see cref="ArgumentException"/>.
/// </summary>
public interface ISentimentCalculator
{
    /// <summary>Net sentiment of a tally (of labels: <c>Calculate(SentimentTally.FromLabels(labels))</c>).</summary>
    /// <param name="tally">A non-empty tally.</param>
    /// <param name="confidenceLevel">Interval level; null uses the configured default.</param>
    /// <param name="method">Interval method (the NPS methods); null uses the configured NPS default (score).</param>
    SentimentResult Calculate(SentimentTally tally, double? confidenceLevel = null, NpsIntervalMethod? method = null);

    /// <summary>Compares two independent samples: Δ = NSS(first) − NSS(second) in points, as <see cref="NpsComparison"/>.</summary>
    /// <param name="first">First sample.</param>
    /// <param name="second">Second sample.</param>
    /// <param name="confidenceLevel">Interval level; null uses the configured default.</param>
    /// <param name="method">Comparison method; null uses the configured NPS default (adjusted Wald).</param>
    DifferenceTest Compare(SentimentTally first, SentimentTally second, double? confidenceLevel = null, NpsComparisonMethod? method = null);

    /// <summary>Net sentiment per group in one pass; groups in ordinal key order.</summary>
    /// <typeparam name="TKey">Group key type.</typeparam>
    /// <param name="mentions">(group, polarity) pairs.</param>
    IReadOnlyList<GroupResult<TKey, SentimentResult>> CalculateByGroup<TKey>(IEnumerable<(TKey Group, SentimentLabel Label)> mentions)
        where TKey : notnull;
}
