namespace TrustMetrics.Clv;

/// <summary>
/// Maximum-likelihood BG/BB fits. Histories are (x transactions, t_x = opportunity of the last one, n = opportunities) given as
/// <see cref="PurchaseHistory"/>(x, t_x, n) with whole numbers. Implementations are stateless and thread-safe.
/// </summary>
public interface IBgBbFitter
{
    /// <summary>Fits α, β, γ, δ by maximum likelihood.</summary>
    /// <param name="data">Compressed histories with whole-number x ≤ t_x ≤ n (x = 0 ⇔ t_x = 0).</param>
    /// <param name="options">Penalty and optimiser settings; null uses <see cref="ClvFitOptions.Default"/>.</param>
    /// <exception cref="ArgumentException">A row is not a valid discrete history (named by row and values).</exception>
    /// <exception cref="InvalidOperationException">The likelihood is not finite anywhere the optimiser went.</exception>
    BgBbFit Fit(CompressedHistories data, ClvFitOptions? options = null);
}
