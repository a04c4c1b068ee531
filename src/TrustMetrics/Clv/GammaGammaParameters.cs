namespace TrustMetrics.Clv;

/// <summary>
/// Gamma–Gamma spend parameters (Fader, Hardie &amp; Lee 2005; Fader &amp; Hardie 2013 note 025): each transaction's value is
/// Gamma(p, ν), ν ~ Gamma(q, γ). lifetimes calls γ "v".
/// </summary>
/// <param name="P">Shape p &gt; 0 of the transaction values.</param>
/// <param name="Q">Shape q &gt; 0 of the customer's rate ν.</param>
/// <param name="Gamma">Rate γ &gt; 0 of ν (currency unit).</param>
public readonly record struct GammaGammaParameters(double P, double Q, double Gamma)
{
    internal void Validate(string paramName)
    {
        if (!(P > 0 && Q > 0 && Gamma > 0 && double.IsFinite(P + Q + Gamma)))
        {
            throw new ArgumentOutOfRangeException(paramName, this, $"Gamma–Gamma parameters must be finite and > 0; got {this}.");
        }
    }
}

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

/// <summary>Maximum-likelihood Gamma–Gamma fits (note 025 eq. 1a, ltv-churn.md §7). Implementations are stateless and thread-safe.</summary>
public interface IGammaGammaFitter
{
    /// <summary>Fits p, q, γ on customers with at least one repeat purchase.</summary>
    /// <param name="data">Compressed (x, m̄) rows.</param>
    /// <param name="options">Penalty and optimiser settings; null uses <see cref="ClvFitOptions.Default"/>.</param>
    /// <exception cref="InvalidOperationException">The likelihood is not finite anywhere the optimiser went.</exception>
    GammaGammaFit Fit(CompressedSpend data, ClvFitOptions? options = null);
}
