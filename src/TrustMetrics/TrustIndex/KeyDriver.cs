using TrustMetrics.Estimation;
using TrustMetrics.Presentation;

namespace TrustMetrics.TrustIndex;

/// <summary>
/// Importance of one driver for the outcome: Johnson's (2000) relative weight ε_j and the Shapley (LMG) share φ_j of R²,
/// each with a bootstrap interval, and both also as a percentage of R². Both are non-negative and each set sums to R².
/// </summary>
public sealed class KeyDriver
{
    internal KeyDriver(string name, double correlation, Estimate relativeWeight, double? relativeWeightPercent, Estimate shapley, double? shapleyPercent)
    {
        Name = name;
        Correlation = correlation;
        RelativeWeight = relativeWeight;
        RelativeWeightPercent = relativeWeightPercent;
        Shapley = shapley;
        ShapleyPercent = shapleyPercent;
    }

    /// <summary>Driver (dimension) name.</summary>
    public string Name { get; }

    /// <summary>Zero-order correlation with the outcome (its sign is the direction of the relation).</summary>
    public double Correlation { get; }

    /// <summary>Johnson's raw relative weight ε_j.</summary>
    public Estimate RelativeWeight { get; }

    /// <summary>100·ε_j / R²; null when R² = 0 (a share of nothing is undefined).</summary>
    public double? RelativeWeightPercent { get; }

    /// <summary>Shapley value φ_j of R² (= LMG, general dominance weight).</summary>
    public Estimate Shapley { get; }

    /// <summary>100·φ_j / R²; null when R² = 0.</summary>
    public double? ShapleyPercent { get; }

    /// <summary>"consistency: Shapley 0.081 (31% of R²), relative weight 0.080 (30%), r = 0.535", invariant culture.</summary>
    public override string ToString() =>
        $"{Name}: Shapley {InvariantText.Number(Shapley.Value, "0.000")} ({InvariantText.Optional(ShapleyPercent, "0")}% of R²), relative weight " +
        $"{InvariantText.Number(RelativeWeight.Value, "0.000")} ({InvariantText.Optional(RelativeWeightPercent, "0")}%), r = {InvariantText.Number(Correlation, "0.000")}";
}
