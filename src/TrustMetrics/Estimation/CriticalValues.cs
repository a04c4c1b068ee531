using MathNet.Numerics.Distributions;

namespace TrustMetrics.Estimation;

/// <summary>Normal and Student-t helpers shared by every interval and test (MathNet.Numerics underneath).</summary>
internal static class CriticalValues
{
    /// <summary>z = Φ⁻¹(1 − α/2) for a two-sided interval at <paramref name="level"/> = 1 − α.</summary>
    public static double TwoSidedZ(double level) => MathNet.Numerics.Distributions.Normal.InvCDF(0.0, 1.0, 0.5 + level / 2.0);

    /// <summary>z = Φ⁻¹(level) for a one-sided bound at <paramref name="level"/> (1.644853627 at 95%).</summary>
    public static double OneSidedZ(double level) => MathNet.Numerics.Distributions.Normal.InvCDF(0.0, 1.0, level);

    /// <summary>Two-sided p-value 2·Φ(−|z|); computed in the lower tail so it never underflows to 0 early.</summary>
    public static double TwoSidedP(double z) => double.IsNaN(z) ? 1.0 : 2.0 * MathNet.Numerics.Distributions.Normal.CDF(0.0, 1.0, -Math.Abs(z));

    /// <summary>t quantile t_{df, 1 − α/2}.</summary>
    public static double TwoSidedT(double level, double degreesOfFreedom) =>
        StudentT.InvCDF(0.0, 1.0, degreesOfFreedom, 0.5 + level / 2.0);

    /// <summary>Two-sided p-value 2·P(T_df ≥ |t|).</summary>
    public static double TwoSidedTP(double t, double degreesOfFreedom) =>
        2.0 * StudentT.CDF(0.0, 1.0, degreesOfFreedom, -Math.Abs(t));
}
