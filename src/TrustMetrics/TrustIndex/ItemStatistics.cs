using TrustMetrics.Presentation;

namespace TrustMetrics.TrustIndex;

/// <summary>
/// Item analysis of one item within its dimension (complete cases of the dimension; reverse-coded items already reversed),
/// as R psych::alpha: corrected item–total correlation r.drop = corr(x_i, T − x_i), raw item–total raw.r = corr(x_i, T),
/// and alpha if the item is deleted. A value is null when it is undefined: the item or the (rest) total has no variance, fewer
/// than two complete cases, or only one item would remain. Never 0 or NaN in place of an undefined value.
/// </summary>
public sealed class ItemStatistics
{
    internal ItemStatistics(string name, bool reverseCoded, double? mean, double? itemTotalCorrelation, double? rawItemTotalCorrelation,
        double? alphaIfDeleted, double? standardizedAlphaIfDeleted)
    {
        Name = name;
        ReverseCoded = reverseCoded;
        Mean = mean;
        ItemTotalCorrelation = itemTotalCorrelation;
        RawItemTotalCorrelation = rawItemTotalCorrelation;
        AlphaIfDeleted = alphaIfDeleted;
        StandardizedAlphaIfDeleted = standardizedAlphaIfDeleted;
    }

    /// <summary>Item name.</summary>
    public string Name { get; }

    /// <summary>True when the item was reversed (x' = min + max − x).</summary>
    public bool ReverseCoded { get; }

    /// <summary>Mean answer over the complete cases after reversal, scale units; null without complete cases.</summary>
    public double? Mean { get; }

    /// <summary>
    /// Corrected item–total correlation corr(x_i, T − x_i) (psych r.drop); null when the item or the sum of the other items
    /// is constant (a correlation with a constant is undefined).
    /// </summary>
    public double? ItemTotalCorrelation { get; }

    /// <summary>Item–total correlation including the item, corr(x_i, T) (psych raw.r); null when the item or the total is constant.</summary>
    public double? RawItemTotalCorrelation { get; }

    /// <summary>Raw Cronbach's alpha of the other items; null when undefined (fewer than two items left, constant total).</summary>
    public double? AlphaIfDeleted { get; }

    /// <summary>Standardised alpha of the other items; null when undefined.</summary>
    public double? StandardizedAlphaIfDeleted { get; }

    /// <summary>"transparency2: mean 3.71, corrected item–total r 0.672, α if deleted 0.741", invariant culture.</summary>
    public override string ToString() =>
        $"{Name}{(ReverseCoded ? " (reversed)" : "")}: mean {InvariantText.Optional(Mean, "0.00")}, corrected item–total r " +
        $"{InvariantText.Optional(ItemTotalCorrelation, "0.000")}, α if deleted {InvariantText.Optional(AlphaIfDeleted, "0.000")}";
}
