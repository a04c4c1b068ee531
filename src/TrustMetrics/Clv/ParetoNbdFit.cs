namespace TrustMetrics.Clv;

/// <summary>A fitted Pareto/NBD model with its standard errors and fit report.</summary>
/// <param name="Model">The model at the maximum-likelihood estimates.</param>
/// <param name="StandardErrors">Standard errors of r, α, s, β from the inverse observed information.</param>
/// <param name="Report">Log-likelihood, convergence report, covariance.</param>
public sealed record ParetoNbdFit(ParetoNbdModel Model, ParetoNbdParameters StandardErrors, ClvFitReport Report)
{
    /// <summary>The estimates (r, α, s, β).</summary>
    public ParetoNbdParameters Parameters => Model.Parameters;
}
