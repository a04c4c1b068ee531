namespace TrustMetrics.Clv;

/// <summary>Maximum-likelihood MBG/NBD fits on compressed histories (ltv-churn.md §4). Implementations are stateless and thread-safe.</summary>
public interface IMbgNbdFitter
{
    /// <summary>Fits r, α, a, b by maximum likelihood.</summary>
    /// <param name="data">Compressed histories.</param>
    /// <param name="options">Penalty and optimiser settings; null uses <see cref="ClvFitOptions.Default"/>.</param>
    /// <exception cref="InvalidOperationException">The likelihood is not finite anywhere the optimiser went.</exception>
    MbgNbdFit Fit(CompressedHistories data, ClvFitOptions? options = null);
}
