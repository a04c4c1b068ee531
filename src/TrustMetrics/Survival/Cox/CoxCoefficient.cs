using System.Globalization;

namespace TrustMetrics.Survival;

/// <summary>
/// One term of a Cox fit: β, its standard errors, the Wald z = β/SE and p = 2·Φ(−|z|) (with the robust SE when the fit is
/// robust, as R's <c>summary.coxph</c>), the hazard ratio exp(β) and its interval exp(β ± z₁₋α/₂·SE).
/// </summary>
public sealed class CoxCoefficient
{
    internal CoxCoefficient(string term, double coefficient, double standardError, double? robustStandardError, double z, double pValue,
        double lower, double upper, bool mayBeInfinite)
    {
        Term = term;
        Coefficient = coefficient;
        StandardError = standardError;
        RobustStandardError = robustStandardError;
        Z = z;
        PValue = pValue;
        Lower = lower;
        Upper = upper;
        MayBeInfinite = mayBeInfinite;
    }

    /// <summary>The covariate name (a treatment contrast such as <c>plan=premium</c> for a categorical one).</summary>
    public string Term { get; }

    /// <summary>The estimate β (log hazard ratio per unit).</summary>
    public double Coefficient { get; }

    /// <summary>Model-based standard error √(I⁻¹)ⱼⱼ.</summary>
    public double StandardError { get; }

    /// <summary>Robust (sandwich, grouped by cluster when given) standard error, or null when the fit is not robust.</summary>
    public double? RobustStandardError { get; }

    /// <summary>β divided by the standard error in use (robust when present).</summary>
    public double Z { get; }

    /// <summary>Two-sided p-value of <see cref="Z"/>.</summary>
    public double PValue { get; }

    /// <summary>Hazard ratio exp(β).</summary>
    public double HazardRatio => Math.Exp(Coefficient);

    /// <summary>Lower bound of the hazard-ratio interval.</summary>
    public double Lower { get; }

    /// <summary>Upper bound of the hazard-ratio interval.</summary>
    public double Upper { get; }

    /// <summary>
    /// True when the partial likelihood still rises along this coefficient at convergence (R: "Loglik converged before variable
    /// …; coefficient may be infinite"): separation, the estimate runs to ±∞ and its value and SE are not meaningful.
    /// </summary>
    public bool MayBeInfinite { get; }

    /// <summary>"fin: β = -0.379 (SE 0.191), HR 0.684 [0.470, 0.996], p = 0.0474" (invariant culture).</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Term}: β = {Coefficient:G3} (SE {RobustStandardError ?? StandardError:G3}), HR {HazardRatio:G3} [{Lower:G3}, {Upper:G3}], p = {PValue:G3}{(MayBeInfinite ? " (may be infinite)" : "")}");
}
