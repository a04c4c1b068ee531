using TrustMetrics.Presentation;

namespace TrustMetrics.Churn;

/// <summary>
/// How a maximum-likelihood fit ended (the shifted-beta-geometric retention fit and the CLV fits share it).
/// <see cref="GradientNorm"/> is the Euclidean norm of the gradient of the fit's objective with respect to the log-parameters at
/// the reported optimum (0 at an exact maximum); each fit's documentation says which objective (total log-likelihood for sBG,
/// per-customer mean for CLV). Built by the library only; immutable.
/// </summary>
public sealed class FitConvergence
{
    internal FitConvergence(bool converged, int iterations, double gradientNorm, string method, string message, string? boundary = null)
    {
        Boundary = boundary;
        Converged = converged;
        Iterations = iterations;
        GradientNorm = gradientNorm;
        Method = method;
        Message = message;
    }

    /// <summary>True when the optimizer met its tolerance (and, where the fit says so, the Hessian is positive definite).</summary>
    public bool Converged { get; }

    /// <summary>Optimizer iterations, all stages together.</summary>
    public int Iterations { get; }

    /// <summary>‖∇‖ of the objective on the log-parameter scale at the optimum.</summary>
    public double GradientNorm { get; }

    /// <summary>The optimizer stages used, for example "bfgs+newton".</summary>
    public string Method { get; }

    /// <summary>How the optimizer stopped, in words.</summary>
    public string Message { get; }

    /// <summary>
    /// Null for an interior maximum; otherwise the boundary of the parameter space the likelihood's supremum lies on and the
    /// limiting model that attains it, in words (Pareto/NBD: s, β → ∞ with s/β fixed, one exponential dropout rate for all
    /// customers). Such a fit counts as converged; the estimates stand for the limit and the diverging parameters' standard
    /// errors are +∞.
    /// </summary>
    public string? Boundary { get; }

    /// <summary>"converged after 23 iterations (bfgs+newton, gradient norm 3.1e-09): …" or "NOT converged …", invariant culture.</summary>
    public override string ToString() =>
        $"{(Converged ? "converged" : "NOT converged")} after {InvariantText.Count(Iterations)} iterations ({Method}, gradient norm {InvariantText.Number(GradientNorm, "G2")}): {Message}" +
        (Boundary is null ? "" : $"; at the boundary: {Boundary}");
}
