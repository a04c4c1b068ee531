namespace TrustMetrics.Reviews;

/// <summary>One item of a ranking: its 1-based rank, key and result.</summary>
/// <typeparam name="TKey">Item key type.</typeparam>
/// <param name="Rank">1 for the best item under the ranking key.</param>
/// <param name="Item">The item.</param>
/// <param name="Result">Its rating result.</param>
public readonly record struct RatedItem<TKey>(int Rank, TKey Item, RatingResult Result);
