using TrustMetrics.Estimation;
using TrustMetrics.Presentation;

namespace TrustMetrics.TrustIndex;

/// <summary>
/// Change of one measure (the index or a dimension's 0–100 score) of one segment between two periods: the test of
/// current − previous, Hedges' g, the Holm-adjusted p-value over every comparison of the breakdown, and whether it is an alert
/// (a drop whose adjusted p is below 1 − confidence level).
/// </summary>
/// <param name="Segment">Segment label; <see cref="TrustIndexCalculator.AllSegments"/> for the whole sample.</param>
/// <param name="Measure"><see cref="TrustIndexCalculator.IndexMeasure"/> or a dimension name.</param>
/// <param name="PreviousCount">Respondents in the previous period.</param>
/// <param name="CurrentCount">Respondents in the current period.</param>
/// <param name="Previous">Value in the previous period (0–100).</param>
/// <param name="Current">Value in the current period (0–100).</param>
/// <param name="Test">Test of current − previous: Welch's t for dimensions, a bootstrap-z test for the index.</param>
/// <param name="HedgesG">Standardised difference (current − previous)/s_pooled·J, J = 1 − 3/(4(n₁+n₂) − 9), on respondent-level scores.</param>
/// <param name="AdjustedPValue">Holm-adjusted p-value (MultipleComparisons.HolmAdjust over all changes).</param>
/// <param name="IsAlert">True when the measure dropped and <see cref="AdjustedPValue"/> is below 1 − level.</param>
public sealed record TrustChange(
    string Segment,
    string Measure,
    long PreviousCount,
    long CurrentCount,
    double Previous,
    double Current,
    DifferenceTest Test,
    double HedgesG,
    double AdjustedPValue,
    bool IsAlert)
{
    /// <summary>"SMB transparency: 65.2 → 57.1 (Δ -8.1, Holm p = 1.2E-05, g −0.52, alert)", invariant culture.</summary>
    public override string ToString() =>
        $"{Segment} {Measure}: {InvariantText.Number(Previous, "0.0")} → {InvariantText.Number(Current, "0.0")} (Δ {InvariantText.Number(Current - Previous, "+0.0;-0.0;0.0")}, " +
        $"Holm p = {InvariantText.PValue(AdjustedPValue)}, g {InvariantText.Number(HedgesG, "0.00")}{(IsAlert ? ", alert" : "")})";
}
