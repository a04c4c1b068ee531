namespace TrustMetrics.Churn;

/// <summary>
/// How a maximum-likelihood fit ended. <see cref="GradientNorm"/> is the Euclidean norm of the gradient of the total
/// log-likelihood with respect to the log-parameters at the reported optimum (0 at an exact maximum), so it is comparable
/// across cohort sizes only after dividing by the cohort size.
/// </summary>
/// <param name="Converged">True when the optimizer met its tolerance and the gradient norm is below 1e-6 per customer.</param>
/// <param name="Iterations">Optimizer iterations, all stages together.</param>
/// <param name="GradientNorm">‖∇ log L‖ on the log-parameter scale at the optimum.</param>
/// <param name="Method">The optimizer stages used, for example "bfgs+newton".</param>
/// <param name="Message">How the optimizer stopped, in words.</param>
public readonly record struct FitConvergence(bool Converged, int Iterations, double GradientNorm, string Method, string Message);
