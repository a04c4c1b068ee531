using TrustMetrics.Presentation;

namespace TrustMetrics.Reviews;

/// <summary>One item of a ranking: its 1-based rank, key and result.</summary>
/// <typeparam name="TKey">Item key type.</typeparam>
/// <param name="Rank">1 for the best item under the ranking key.</param>
/// <param name="Item">The item.</param>
/// <param name="Result">Its rating result.</param>
public readonly record struct RatedItem<TKey>(int Rank, TKey Item, RatingResult Result)
{
    /// <summary>"1. rice_cooker: mean 4.35 [4.26, 4.44], Bayesian 4.33, positive 84.0% [80.4%, 87.0%] (95%, n = 360)", invariant culture.</summary>
    public override string ToString() => $"{InvariantText.Count(Rank)}. {InvariantText.Key(Item)}: {Result}";
}
