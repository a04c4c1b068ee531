namespace TrustMetrics.Clv;

/// <summary>
/// Calendar period a transaction timestamp is truncated to before purchases are counted (lifetimes' <c>freq</c>):
/// purchases of one customer in the same period count once. Distances are whole periods between period starts,
/// divided by the summary's multiplier (lifetimes' <c>freq_multiplier</c>).
/// </summary>
public enum ClvTimeUnit
{
    /// <summary>Calendar day (pandas <c>"D"</c>).</summary>
    Day = 0,

    /// <summary>Calendar week Monday–Sunday (pandas <c>"W"</c> = <c>"W-SUN"</c>, whose periods start on Monday).</summary>
    Week = 1,

    /// <summary>
    /// Calendar month; distances are whole months between month starts (lifetimes divides day differences by numpy's
    /// average month of 30.436875 days, which recent pandas refuses; see docs/clv.md).
    /// </summary>
    Month = 2,
}
