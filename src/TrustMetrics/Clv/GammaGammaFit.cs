namespace TrustMetrics.Clv;

/// <summary>A fitted Gamma–Gamma spend model.</summary>
/// <param name="Model">The model at the maximum-likelihood estimates.</param>
/// <param name="StandardErrors">Standard errors of p, q, γ from the inverse observed information.</param>
/// <param name="Report">Log-likelihood, convergence report, covariance.</param>
/// <param name="SkippedCustomers">Customers left out because they have no repeat purchase (x = 0).</param>
public sealed record GammaGammaFit(GammaGammaModel Model, GammaGammaParameters StandardErrors, ClvFitReport Report, long SkippedCustomers)
{
    /// <summary>The estimates (p, q, γ).</summary>
    public GammaGammaParameters Parameters => Model.Parameters;
}
