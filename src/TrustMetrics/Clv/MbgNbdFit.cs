namespace TrustMetrics.Clv;

/// <summary>A fitted MBG/NBD model with its standard errors and fit report.</summary>
/// <param name="Model">The model at the maximum-likelihood estimates.</param>
/// <param name="StandardErrors">Standard errors of r, α, a, b from the inverse observed information.</param>
/// <param name="Report">Log-likelihood, convergence report, covariance.</param>
public sealed record MbgNbdFit(MbgNbdModel Model, BgNbdParameters StandardErrors, ClvFitReport Report)
{
    /// <summary>The estimates (r, α, a, b).</summary>
    public BgNbdParameters Parameters => Model.Parameters;
}
