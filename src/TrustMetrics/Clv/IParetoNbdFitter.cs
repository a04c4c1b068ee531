namespace TrustMetrics.Clv;

/// <summary>Maximum-likelihood Pareto/NBD fits on compressed histories (ltv-churn.md §5). Implementations are stateless and thread-safe.</summary>
public interface IParetoNbdFitter
{
    /// <summary>Fits r, α, s, β by maximum likelihood — deterministically (lifetimes starts Nelder–Mead at a random point).</summary>
    /// <param name="data">Compressed histories.</param>
    /// <param name="options">Penalty and optimiser settings; null uses <see cref="ClvFitOptions.Default"/>.</param>
    /// <exception cref="InvalidOperationException">The likelihood is not finite anywhere the optimiser went.</exception>
    ParetoNbdFit Fit(CompressedHistories data, ClvFitOptions? options = null);
}
