using TrustMetrics.Presentation;

namespace TrustMetrics.Clv;

/// <summary>
/// How a maximum-likelihood fit went: the total log-likelihood Σ count·ℓ in the data's own time unit (comparable with the
/// papers, e.g. −9582.4 for BG/NBD on CDNOW; not lifetimes' scaled per-customer mean), the convergence report, and the
/// covariance of the natural parameters = inverse observed information (Hessian of −LL, including the penalty if any).
/// The optimiser's internal result; users see it through <see cref="ClvFit{TModel}"/>.
/// </summary>
internal sealed class ClvFitReport
{
    private readonly double[] covariance;

    internal ClvFitReport(string model, IReadOnlyList<string> parameterNames, double[] estimates, double[] covariance, double logLikelihood,
        long customerCount, int rowCount, int iterations, double gradientNorm, bool converged, string message, string? boundary = null)
    {
        Boundary = boundary;
        Model = model;
        ParameterNames = parameterNames;
        Estimates = estimates;
        this.covariance = covariance;
        LogLikelihood = logLikelihood;
        CustomerCount = customerCount;
        RowCount = rowCount;
        Iterations = iterations;
        GradientNorm = gradientNorm;
        Converged = converged;
        Message = message;
        int k = estimates.Length;
        var se = new double[k];
        for (int i = 0; i < k; i++)
        {
            double v = covariance[(i * k) + i];
            se[i] = v > 0 ? Math.Sqrt(v) : double.PositiveInfinity;
        }

        StandardErrors = se;
    }

    /// <summary>Model name: "bgnbd", "mbgnbd", "gammagamma", ….</summary>
    public string Model { get; }

    /// <summary>Parameter names as the papers write them, lowercase ("r", "alpha", "a", "b").</summary>
    public IReadOnlyList<string> ParameterNames { get; }

    /// <summary>Maximum-likelihood estimates, in <see cref="ParameterNames"/> order.</summary>
    public IReadOnlyList<double> Estimates { get; }

    /// <summary>Standard errors √diag(covariance); +∞ when the information matrix is singular in that direction.</summary>
    public IReadOnlyList<double> StandardErrors { get; }

    /// <summary>Total log-likelihood Σ count·ℓ at the estimates (without the penalty).</summary>
    public double LogLikelihood { get; }

    /// <summary>Number of customers Σ count.</summary>
    public long CustomerCount { get; }

    /// <summary>Number of distinct rows the likelihood was summed over.</summary>
    public int RowCount { get; }

    /// <summary>BFGS iterations plus Newton polishing steps.</summary>
    public int Iterations { get; }

    /// <summary>Euclidean norm of the gradient of the per-customer objective with respect to the log-parameters at the estimates.</summary>
    public double GradientNorm { get; }

    /// <summary>True when the gradient norm met the tolerance and the Hessian is positive definite.</summary>
    public bool Converged { get; }

    /// <summary>Why the optimiser stopped, in words.</summary>
    public string Message { get; }

    /// <summary>
    /// Null for an interior maximum; otherwise the boundary the likelihood's supremum lies on and the limiting model that attains
    /// it, in words (Pareto/NBD: s, β → ∞ with s/β = μ fixed, i.e. one exponential dropout rate for all customers). The fit then
    /// counts as converged; the estimates stand for the limit and the standard errors of the parameters that diverge are +∞.
    /// </summary>
    public string? Boundary { get; }

    /// <summary>Covariance of parameters <paramref name="row"/> and <paramref name="column"/> (natural scale).</summary>
    /// <param name="row">Index into <see cref="ParameterNames"/>.</param>
    /// <param name="column">Index into <see cref="ParameterNames"/>.</param>
    public double Covariance(int row, int column)
    {
        int k = Estimates.Count;
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, k);
        ArgumentOutOfRangeException.ThrowIfNegative(column);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column, k);
        return covariance[(row * k) + column];
    }

    /// <summary>The model's name as the papers write it: "BG/NBD", "MBG/NBD", "Pareto/NBD", "BG/BB", "Gamma–Gamma".</summary>
    internal string DisplayName => Model switch
    {
        "bgnbd" => "BG/NBD",
        "mbgnbd" => "MBG/NBD",
        "paretonbd" => "Pareto/NBD",
        "bgbb" => "BG/BB",
        "gammagamma" => "Gamma–Gamma",
        _ => Model,
    };

    /// <summary>"BG/NBD(r = 0.242593 ± 0.0125, alpha = 4.41359 ± 0.378, …), LL = -9582.429, n = 2,357" (invariant culture).</summary>
    public override string ToString()
    {
        var parts = new string[Estimates.Count];
        for (int i = 0; i < parts.Length; i++)
        {
            parts[i] = $"{ParameterNames[i]} = {InvariantText.Number(Estimates[i], "G6")} ± {InvariantText.Number(StandardErrors[i], "G3")}";
        }

        return $"{DisplayName}({string.Join(", ", parts)}), LL = {InvariantText.Number(LogLikelihood, "F3")}, n = {InvariantText.Count(CustomerCount)}" +
            (Converged ? "" : " (NOT converged)");
    }

    /// <summary>Parameter, estimate and standard error rows under <paramref name="caption"/>, with the log-likelihood and convergence as a note.</summary>
    internal ResultTable Table(string caption)
    {
        var table = new ResultTable(caption, "parameter", "estimate", "SE");
        for (int i = 0; i < Estimates.Count; i++)
        {
            table.Row(ParameterNames[i], InvariantText.Number(Estimates[i], "G6"), InvariantText.Number(StandardErrors[i], "G4"));
        }

        return table.Note($"Log-likelihood {InvariantText.Number(LogLikelihood, "F3")} over {InvariantText.Count(CustomerCount)} customers " +
            $"({InvariantText.Count(RowCount)} distinct rows); {(Converged ? "converged" : "NOT converged")} after {InvariantText.Count(Iterations)} iterations: {Message}");
    }
}
