using TrustMetrics.Statistics;

namespace TrustMetrics.Estimation;

/// <summary>
/// Normal and Student-t critical values and p-values shared by every interval and test, through the statistics layer
/// (<see cref="Distributions"/>: exact to 1e-12 relative, never throwing). The tail α/2 = (1 − level)/2 is formed exactly
/// (1 − level is exact for level ≥ ½), so a 99.9999 % interval inverts 5e-7, not 0.9999995.
/// </summary>
internal static class CriticalValues
{
    /// <summary>z = Φ⁻¹(1 − α/2) for a two-sided interval at <paramref name="level"/> = 1 − α.</summary>
    public static double TwoSidedZ(double level) => Distributions.NormalUpperQuantile((1.0 - level) / 2.0);

    /// <summary>z = Φ⁻¹(level) for a one-sided bound at <paramref name="level"/> (1.644853627 at 95%).</summary>
    public static double OneSidedZ(double level) => Distributions.NormalUpperQuantile(1.0 - level);

    /// <summary>Two-sided p-value 2·Φ(−|z|); computed in the lower tail so it never underflows to 0 early. Every caller forms z
    /// without NaN (0/0 is mapped to 0 before the call), so a NaN z is not special-cased.</summary>
    public static double TwoSidedP(double z) => Math.Min(1.0, 2.0 * Distributions.NormalCdf(-Math.Abs(z)));

    /// <summary>t quantile t_{df, 1 − α/2} for any real df &gt; 0 (Welch–Satterthwaite df included).</summary>
    public static double TwoSidedT(double level, double degreesOfFreedom) =>
        Distributions.StudentTUpperQuantile((1.0 - level) / 2.0, degreesOfFreedom);

    /// <summary>Two-sided p-value 2·P(T_df ≥ |t|); the only caller (Welch) handles a zero standard error before forming t.</summary>
    public static double TwoSidedTP(double t, double degreesOfFreedom) =>
        Math.Min(1.0, 2.0 * Distributions.StudentTUpperTail(Math.Abs(t), degreesOfFreedom));
}
