namespace TrustMetrics.Survival;

/// <summary>
/// The serialisable, versioned state of <see cref="CoxRiskSetSums"/>: the β and centre it was computed at, the shift s of
/// r = w·exp(η − s), and per (stratum, time) entry (ascending) the net risk-set increments ν = Σ_{stop = t} − Σ_{start = t} of r,
/// r·x and r·xxᵀ (packed upper triangle, row by row) with the tied events' count, weight and D₀, D₁, D₂; plus the totals the
/// driver needs.
/// </summary>
internal sealed record CoxRiskSetSumsState(
    int Version,
    string[] Terms,
    double[] Beta,
    double[] Center,
    double Shift,
    long Rows,
    long Events,
    double WeightSum,
    double[] WeightedCovariateSum,
    double EventWeightedEta,
    double[] EventWeightedCovariates,
    int[] Strata,
    double[] Times,
    double[] NetS0,
    double[] NetS1,
    double[] NetS2,
    long[] Deaths,
    double[] DeathWeight,
    double[] D0,
    double[] D1,
    double[] D2)
{
    /// <summary>The format version this build writes and reads: 1.</summary>
    public const int CurrentVersion = 1;
}
