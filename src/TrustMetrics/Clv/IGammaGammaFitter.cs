namespace TrustMetrics.Clv;

/// <summary>Maximum-likelihood Gamma–Gamma fits (note 025 eq. 1a, ltv-churn.md §7). Implementations are stateless and thread-safe.</summary>
public interface IGammaGammaFitter
{
    /// <summary>Fits p, q, γ on customers with at least one repeat purchase.</summary>
    /// <param name="data">Compressed (x, m̄) rows.</param>
    /// <param name="options">Penalty and optimiser settings; null uses <see cref="ClvFitOptions.Default"/>.</param>
    /// <exception cref="InvalidOperationException">The likelihood is not finite anywhere the optimiser went.</exception>
    GammaGammaFit Fit(CompressedSpend data, ClvFitOptions? options = null);
}
