namespace TrustMetrics.Clv;

/// <summary>
/// Maximum-likelihood BG/NBD fits on compressed histories (log-likelihood of Fader, Hardie &amp; Lee 2005 eq. 6 in the
/// log-sum-exp form of lifetimes; ltv-churn.md §3). Implementations are stateless and thread-safe.
/// </summary>
public interface IBgNbdFitter
{
    /// <summary>Fits r, α, a, b by maximum likelihood.</summary>
    /// <param name="data">Compressed histories (weeks, days, … — α comes out in that unit).</param>
    /// <param name="options">Penalty and optimiser settings; null uses <see cref="ClvFitOptions.Default"/>.</param>
    /// <exception cref="InvalidOperationException">The likelihood is not finite anywhere the optimiser went; the message says why.</exception>
    BgNbdFit Fit(CompressedHistories data, ClvFitOptions? options = null);
}
