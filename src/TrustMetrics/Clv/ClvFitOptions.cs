namespace TrustMetrics.Clv;

/// <summary>
/// Settings of a maximum-likelihood fit. The objective is lifetimes' <c>−Σ count·ℓ / Σ count + penalizer·Σ θ²</c>
/// (θ the natural parameters, with time-scaled parameters such as α divided by max T as lifetimes scales time), minimised
/// over log θ by MathNet's BFGS and finished with Newton steps on a Hessian from differences of the analytic gradient.
/// </summary>
/// <param name="Penalizer">L2 penalty coefficient (lifetimes' <c>penalizer_coef</c>), ≥ 0. Default 0.</param>
/// <param name="MaxIterations">BFGS iteration limit. Default 1000.</param>
/// <param name="GradientTolerance">The fit counts as converged when the Euclidean norm of the objective's gradient with respect to log θ is at most this. Default 1e-7.</param>
public sealed record ClvFitOptions(double Penalizer = 0.0, int MaxIterations = 1000, double GradientTolerance = 1e-7)
{
    /// <summary>The defaults: no penalty, 1000 iterations, gradient tolerance 1e-7.</summary>
    public static ClvFitOptions Default { get; } = new();

    internal void Validate()
    {
        if (!(Penalizer >= 0 && double.IsFinite(Penalizer)))
        {
            throw new ArgumentOutOfRangeException(nameof(Penalizer), Penalizer, $"{nameof(ClvFitOptions)}.{nameof(Penalizer)} must be a finite number ≥ 0; got {Guard.Format(Penalizer)}.");
        }

        if (MaxIterations < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxIterations), MaxIterations, $"{nameof(ClvFitOptions)}.{nameof(MaxIterations)} must be at least 1; got {MaxIterations}.");
        }

        if (!(GradientTolerance > 0 && double.IsFinite(GradientTolerance)))
        {
            throw new ArgumentOutOfRangeException(nameof(GradientTolerance), GradientTolerance, $"{nameof(ClvFitOptions)}.{nameof(GradientTolerance)} must be a finite number > 0; got {Guard.Format(GradientTolerance)}.");
        }
    }
}
