namespace TrustMetrics.Clv;

/// <summary>A fitted BG/BB model with its standard errors and fit report.</summary>
/// <param name="Model">The model at the maximum-likelihood estimates.</param>
/// <param name="StandardErrors">Standard errors of α, β, γ, δ from the inverse observed information.</param>
/// <param name="Report">Log-likelihood, convergence report, covariance.</param>
public sealed record BgBbFit(BgBbModel Model, BgBbParameters StandardErrors, ClvFitReport Report)
{
    /// <summary>The estimates (α, β, γ, δ).</summary>
    public BgBbParameters Parameters => Model.Parameters;
}
