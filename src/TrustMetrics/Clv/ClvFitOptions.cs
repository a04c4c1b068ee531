namespace TrustMetrics.Clv;

/// <summary>
/// Settings of a maximum-likelihood fit. The objective is lifetimes' <c>−Σ count·ℓ / Σ count + penalizer·Σ θ²</c>
/// (θ the natural parameters, with time-scaled parameters such as α divided by max T as lifetimes scales time), minimised
/// over log θ by MathNet's BFGS and finished with Newton steps on a Hessian from differences of the analytic gradient.
/// Immutable; the constructor checks every value.
/// </summary>
public sealed class ClvFitOptions
{
    /// <summary>Fit settings.</summary>
    /// <param name="penalizer">L2 penalty coefficient (lifetimes' <c>penalizer_coef</c>), finite and ≥ 0. Default 0.</param>
    /// <param name="maxIterations">BFGS iteration limit ≥ 1. Default 1000.</param>
    /// <param name="gradientTolerance">The fit counts as converged when the Euclidean norm of the objective's gradient with respect to log θ is at most this; finite and &gt; 0. Default 1e-7.</param>
    /// <param name="confidenceLevel">Level of the parameters' intervals in <see cref="ClvFit{TModel}.Estimates"/>, strictly between 0 and 1. Default 0.95.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range, NaN or infinite; the message names it and its value.</exception>
    public ClvFitOptions(double penalizer = 0.0, int maxIterations = 1000, double gradientTolerance = 1e-7, double confidenceLevel = 0.95)
    {
        if (!(penalizer >= 0 && double.IsFinite(penalizer)))
        {
            throw new ArgumentOutOfRangeException(nameof(penalizer), penalizer, $"{nameof(penalizer)} must be a finite number ≥ 0; got {Guard.Format(penalizer)}.");
        }

        if (maxIterations < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxIterations), maxIterations, $"{nameof(maxIterations)} must be at least 1; got {maxIterations}.");
        }

        Guard.Positive(gradientTolerance);
        Guard.ConfidenceLevel(confidenceLevel);
        Penalizer = penalizer;
        MaxIterations = maxIterations;
        GradientTolerance = gradientTolerance;
        ConfidenceLevel = confidenceLevel;
    }

    /// <summary>The defaults: no penalty, 1000 iterations, gradient tolerance 1e-7, 95% intervals.</summary>
    public static ClvFitOptions Default { get; } = new();

    /// <summary>L2 penalty coefficient (lifetimes' <c>penalizer_coef</c>), ≥ 0.</summary>
    public double Penalizer { get; }

    /// <summary>BFGS iteration limit.</summary>
    public int MaxIterations { get; }

    /// <summary>Convergence threshold on the Euclidean norm of the objective's gradient with respect to log θ.</summary>
    public double GradientTolerance { get; }

    /// <summary>Level of the parameters' Wald intervals on the log scale.</summary>
    public double ConfidenceLevel { get; }

    /// <summary>"ClvFitOptions(penalizer = 0, maxIterations = 1000, gradientTolerance = 1E-07, confidenceLevel = 0.95)", invariant culture.</summary>
    public override string ToString() =>
        $"ClvFitOptions(penalizer = {Guard.Format(Penalizer)}, maxIterations = {MaxIterations}, gradientTolerance = {Guard.Format(GradientTolerance)}, confidenceLevel = {Guard.Format(ConfidenceLevel)})";

    /// <summary>Nothing left to check: the constructor validated every value (kept for the fit code, which calls it).</summary>
    internal void Validate()
    {
    }
}
