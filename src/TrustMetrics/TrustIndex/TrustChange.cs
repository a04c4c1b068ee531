using TrustMetrics.Estimation;
using TrustMetrics.Presentation;

namespace TrustMetrics.TrustIndex;

/// <summary>
/// Change of one measure (the index or a dimension's 0–100 score) of one segment between two periods: the test of
/// current − previous, Hedges' g, the Holm-adjusted p-value over every comparison of the breakdown, and whether it is an alert
/// (a drop whose adjusted p is below 1 − confidence level).
/// </summary>
public sealed class TrustChange
{
    internal TrustChange(string segment, string measure, long previousCount, long currentCount, double previous, double current, DifferenceTest test,
        double? hedgesG, double adjustedPValue, bool isAlert)
    {
        Segment = segment;
        Measure = measure;
        PreviousCount = previousCount;
        CurrentCount = currentCount;
        Previous = previous;
        Current = current;
        Test = test;
        HedgesG = hedgesG;
        AdjustedPValue = adjustedPValue;
        IsAlert = isAlert;
    }

    /// <summary>Segment label; <see cref="TrustIndexCalculator.AllSegments"/> for the whole sample.</summary>
    public string Segment { get; }

    /// <summary><see cref="TrustIndexCalculator.IndexMeasure"/> or a dimension name.</summary>
    public string Measure { get; }

    /// <summary>Respondents in the previous period.</summary>
    public long PreviousCount { get; }

    /// <summary>Respondents in the current period.</summary>
    public long CurrentCount { get; }

    /// <summary>Value in the previous period (0–100).</summary>
    public double Previous { get; }

    /// <summary>Value in the current period (0–100).</summary>
    public double Current { get; }

    /// <summary>Test of current − previous: Welch's t for dimensions, a bootstrap-z test for the index.</summary>
    public DifferenceTest Test { get; }

    /// <summary>
    /// Standardised difference (current − previous)/s_pooled·J, J = 1 − 3/(4(n₁+n₂) − 9), on respondent-level scores (Hedges 1981);
    /// ±∞ when both periods are constant and differ (the limit), null when a period has fewer than two respondent-level scores.
    /// </summary>
    public double? HedgesG { get; }

    /// <summary>Holm-adjusted p-value (Holm 1979) over all changes of the breakdown.</summary>
    public double AdjustedPValue { get; }

    /// <summary>True when the measure dropped and <see cref="AdjustedPValue"/> is below 1 − level.</summary>
    public bool IsAlert { get; }

    /// <summary>"SMB transparency: 65.2 → 57.1 (Δ -8.1, Holm p = 1.2E-05, g −0.52, alert)", invariant culture.</summary>
    public override string ToString() =>
        $"{Segment} {Measure}: {InvariantText.Number(Previous, "0.0")} → {InvariantText.Number(Current, "0.0")} (Δ {InvariantText.Number(Current - Previous, "+0.0;-0.0;0.0")}, " +
        $"Holm p = {InvariantText.PValue(AdjustedPValue)}, g {InvariantText.Optional(HedgesG, "0.00")}{(IsAlert ? ", alert" : "")})";
}
