using TrustMetrics.Scales;

namespace TrustMetrics.Reviews;

/// <summary>
/// Star ratings and reviews: mean with interval, positive share with Wilson interval, Bayesian average, Dirichlet score,
/// ranking of items and comparison of two samples. Formulas: docs/voice-of-customer.md. Stateless and thread-safe; an empty
/// sample throws <see cref="ArgumentException"/>.
/// </summary>
public interface IRatingCalculator
{
    /// <summary>The rating scale (default 1–5).</summary>
    RatingScale Scale { get; }

    /// <summary>The lowest rating counted as positive (default 4).</summary>
    int PositiveThreshold { get; }

    /// <summary>The result of one item (of ratings stored one per byte: <c>Calculate(ScaleTally.FromScores(Scale, ratings))</c>).</summary>
    /// <param name="tally">A non-empty distribution on <see cref="Scale"/>.</param>
    /// <param name="prior">Prior of the Bayesian average; null for none (the Bayesian average then equals the mean).</param>
    /// <param name="confidenceLevel">Interval level; null uses the configured default.</param>
    RatingResult Calculate(ScaleTally tally, RatingPrior? prior = null, double? confidenceLevel = null);

    /// <summary>
    /// Results of several items ranked best first by <paramref name="key"/>. With no prior given, every item shares
    /// <see cref="RatingPrior.Pooled"/> of all items (C = mean of all ratings, m = median ratings per item).
    /// </summary>
    /// <typeparam name="TKey">Item key type.</typeparam>
    /// <param name="items">Items with their (non-empty) distributions on <see cref="Scale"/>.</param>
    /// <param name="key">Ranking key.</param>
    /// <param name="prior">Shared prior; null for the pooled default.</param>
    /// <param name="confidenceLevel">Interval level; null uses the configured default.</param>
    RatingRanking<TKey> Rank<TKey>(IEnumerable<KeyValuePair<TKey, ScaleTally>> items, RatingRankKey key = RatingRankKey.BayesianAverage,
        RatingPrior? prior = null, double? confidenceLevel = null)
        where TKey : notnull;

    /// <summary>Tallies (item, rating) pairs in one pass and ranks the items as <see cref="Rank{TKey}"/>.</summary>
    /// <typeparam name="TKey">Item key type.</typeparam>
    /// <param name="ratings">(item, rating) pairs; ratings on <see cref="Scale"/>.</param>
    /// <param name="key">Ranking key.</param>
    /// <param name="prior">Shared prior; null for the pooled default.</param>
    RatingRanking<TKey> RankRatings<TKey>(IEnumerable<(TKey Item, int Rating)> ratings, RatingRankKey key = RatingRankKey.BayesianAverage,
        RatingPrior? prior = null)
        where TKey : notnull;

    /// <summary>Compares two independent samples, first − second (each needs at least 2 ratings).</summary>
    /// <param name="first">First sample.</param>
    /// <param name="second">Second sample.</param>
    /// <param name="confidenceLevel">Interval level; null uses the configured default.</param>
    RatingComparison Compare(ScaleTally first, ScaleTally second, double? confidenceLevel = null);
}
