namespace TrustMetrics.Reviews;

/// <summary>One item of a ranking with its 1-based rank (for the tool's tables; users read a <see cref="RatingRanking{TKey}"/> as pairs).</summary>
/// <typeparam name="TKey">Item key type.</typeparam>
/// <param name="Rank">1 for the best item under the ranking key.</param>
/// <param name="Item">The item.</param>
/// <param name="Result">Its rating result.</param>
internal readonly record struct RatedItem<TKey>(int Rank, TKey Item, RatingResult Result);
