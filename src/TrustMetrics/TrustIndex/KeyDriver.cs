using TrustMetrics.Estimation;
using TrustMetrics.Presentation;

namespace TrustMetrics.TrustIndex;

/// <summary>
/// Importance of one driver for the outcome: Johnson's (2000) relative weight ε_j and the Shapley (LMG) share φ_j of R²,
/// each with a bootstrap interval, and both also as a percentage of R². Both are non-negative and each set sums to R².
/// </summary>
/// <param name="Name">Driver (dimension) name.</param>
/// <param name="Correlation">Zero-order correlation with the outcome (its sign is the direction of the relation).</param>
/// <param name="RelativeWeight">Johnson's raw relative weight ε_j.</param>
/// <param name="RelativeWeightPercent">100·ε_j / R².</param>
/// <param name="Shapley">Shapley value φ_j of R² (= LMG, general dominance weight).</param>
/// <param name="ShapleyPercent">100·φ_j / R².</param>
public sealed record KeyDriver(string Name, double Correlation, Estimate RelativeWeight, double RelativeWeightPercent, Estimate Shapley, double ShapleyPercent)
{
    /// <summary>"consistency: Shapley 0.081 (31% of R²), relative weight 0.080 (30%), r = 0.535", invariant culture.</summary>
    public override string ToString() =>
        $"{Name}: Shapley {InvariantText.Number(Shapley.Value, "0.000")} ({InvariantText.Number(ShapleyPercent, "0")}% of R²), relative weight " +
        $"{InvariantText.Number(RelativeWeight.Value, "0.000")} ({InvariantText.Number(RelativeWeightPercent, "0")}%), r = {InvariantText.Number(Correlation, "0.000")}";
}
