using TrustMetrics.Presentation;

namespace TrustMetrics.TrustIndex;

/// <summary>
/// Item analysis of one item within its dimension (complete cases of the dimension; reverse-coded items already reversed),
/// as R psych::alpha: corrected item–total correlation r.drop = corr(x_i, T − x_i), raw item–total raw.r = corr(x_i, T),
/// and alpha if the item is deleted. A value is null when it is undefined (no variance, or only one item would remain).
/// </summary>
/// <param name="Name">Item name.</param>
/// <param name="ReverseCoded">True when the item was reversed (x' = min + max − x).</param>
/// <param name="Mean">Mean answer after reversal, scale units.</param>
/// <param name="ItemTotalCorrelation">Corrected item–total correlation corr(x_i, T − x_i) (psych r.drop).</param>
/// <param name="RawItemTotalCorrelation">Item–total correlation including the item, corr(x_i, T) (psych raw.r).</param>
/// <param name="AlphaIfDeleted">Raw Cronbach's alpha of the other items.</param>
/// <param name="StandardizedAlphaIfDeleted">Standardised alpha of the other items.</param>
public sealed record ItemStatistics(
    string Name,
    bool ReverseCoded,
    double Mean,
    double? ItemTotalCorrelation,
    double? RawItemTotalCorrelation,
    double? AlphaIfDeleted,
    double? StandardizedAlphaIfDeleted)
{
    /// <summary>"transparency2: mean 3.71, corrected item–total r 0.672, α if deleted 0.741", invariant culture.</summary>
    public override string ToString() =>
        $"{Name}{(ReverseCoded ? " (reversed)" : "")}: mean {InvariantText.Number(Mean, "0.00")}, corrected item–total r " +
        $"{InvariantText.Optional(ItemTotalCorrelation, "0.000")}, α if deleted {InvariantText.Optional(AlphaIfDeleted, "0.000")}";
}
