namespace TrustMetrics.Survival;

/// <summary>
/// Settings of a Cox fit, with R <c>coxph</c>'s defaults: Efron ties, at most 20 Newton–Raphson iterations, convergence when the
/// relative change of the log partial likelihood is at most 1e-9 (<c>coxph.control(eps = 1e-9, iter.max = 20)</c>), 95 % intervals,
/// model-based standard errors unless robust ones are asked for or implied (R: clusters, or case weights that are not whole numbers).
/// </summary>
public sealed class CoxFitOptions
{
    /// <summary>Validates and holds the settings.</summary>
    /// <param name="ties">Tie handling; Efron by default.</param>
    /// <param name="confidenceLevel">Level of the hazard-ratio and survival intervals, strictly between 0 and 1.</param>
    /// <param name="robust">True for the robust (sandwich) variance, each row its own group unless the data carry clusters (R
    /// <c>coxph(robust = TRUE)</c>); false for the model-based variance even with clusters; null (default) as R decides: robust when the data
    /// carry clusters or case weights that are not whole numbers.</param>
    /// <param name="maxIterations">Newton–Raphson iteration limit, 1 to 1000.</param>
    /// <param name="tolerance">Convergence tolerance on |1 − ℓₖ₋₁/ℓₖ|, finite and &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range; the message names it and its value.</exception>
    public CoxFitOptions(CoxTies ties = CoxTies.Efron, double confidenceLevel = 0.95, bool? robust = null, int maxIterations = 20, double tolerance = 1e-9)
    {
        Guard.Defined(ties);
        Guard.ConfidenceLevel(confidenceLevel);
        if (maxIterations is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(maxIterations), maxIterations, $"maxIterations must lie between 1 and 1000; got {maxIterations}.");
        }

        Guard.Positive(tolerance);
        Ties = ties;
        ConfidenceLevel = confidenceLevel;
        Robust = robust;
        MaxIterations = maxIterations;
        Tolerance = tolerance;
    }

    /// <summary>R's defaults: Efron, 0.95, model-based SE, 20 iterations, 1e-9.</summary>
    public static CoxFitOptions Default { get; } = new();

    /// <summary>Tie handling.</summary>
    public CoxTies Ties { get; }

    /// <summary>Confidence level of the intervals.</summary>
    public double ConfidenceLevel { get; }

    /// <summary>True/false when the robust variance is asked for or refused; null when R's rule decides (clusters or non-integer weights).</summary>
    public bool? Robust { get; }

    /// <summary>Newton–Raphson iteration limit.</summary>
    public int MaxIterations { get; }

    /// <summary>Convergence tolerance on the relative change of the log partial likelihood.</summary>
    public double Tolerance { get; }
}
