using TrustMetrics.Presentation;

namespace TrustMetrics.Clv;

/// <summary>
/// One point of the tracking curve (Fader, Hardie &amp; Lee 2005 Figure 3): cumulative repeat purchases of the cohort from the
/// origin up to <see cref="Period"/> model units, expected Σ_i E[X(τ − b_i)] (each customer's unconditional expectation at their own
/// age, b_i the first-purchase time) and actual. Built by <see cref="HoldoutEvaluator"/>; immutable.
/// </summary>
public sealed class TrackingPoint
{
    internal TrackingPoint(double period, double expectedCumulative, long actualCumulative)
    {
        Period = period;
        ExpectedCumulative = expectedCumulative;
        ActualCumulative = actualCumulative;
    }

    /// <summary>Time τ after the origin, in model units (1, 2, …; the last point may be fractional).</summary>
    public double Period { get; }

    /// <summary>Expected cumulative repeat purchases Σ_i E[X(max(0, τ − b_i))].</summary>
    public double ExpectedCumulative { get; }

    /// <summary>Actual cumulative repeat purchases made before τ.</summary>
    public long ActualCumulative { get; }

    /// <summary>"20: expected 1312.5, actual 1,359" (invariant culture).</summary>
    public override string ToString() =>
        $"{InvariantText.Number(Period, "0.###")}: expected {InvariantText.Number(ExpectedCumulative, "F1")}, actual {InvariantText.Count(ActualCumulative)}";
}
