namespace TrustMetrics.Clv;

/// <summary>
/// Maximum-likelihood fits of a purchase model with time-invariant covariates (<see cref="BgNbdCovariateFitter"/>,
/// <see cref="ParetoNbdCovariateFitter"/>). Implementations are stateless and thread-safe.
/// </summary>
public interface IClvCovariateFitter
{
    /// <summary>Fits the base parameters and the covariates' coefficients, and tests them against the model without covariates.</summary>
    /// <param name="histories">One (x, t_x, T) per customer.</param>
    /// <param name="covariates">One row per customer, in the order of <paramref name="histories"/>.</param>
    /// <param name="options">Gradient tolerance and interval level; the penalizer must be 0. Null uses <see cref="ClvFitOptions.Default"/>.</param>
    /// <param name="cancellationToken">Cancels the fit between likelihood evaluations.</param>
    /// <param name="maxDegreeOfParallelism">Threads the likelihood sums may use: null = all cores, 1 = serial; ≥ 1.</param>
    /// <returns>The fit with standard errors and the likelihood-ratio test.</returns>
    /// <exception cref="ArgumentException">A history is invalid (named by index), the counts differ, or the penalizer is not 0.</exception>
    /// <exception cref="InvalidOperationException">The likelihood is not finite at the start, or (Pareto/NBD) the fit without covariates lies on its boundary.</exception>
    CovariateFit Fit(IReadOnlyList<PurchaseHistory> histories, CovariateMatrix covariates, ClvFitOptions? options = null,
        CancellationToken cancellationToken = default, int? maxDegreeOfParallelism = null);
}

/// <summary>
/// A covariate fitter of one purchase model, <typeparamref name="TModel"/> (<see cref="BgNbdModel"/> or <see cref="ParetoNbdModel"/>):
/// the service type under which dependency injection registers <see cref="BgNbdCovariateFitter"/> and
/// <see cref="ParetoNbdCovariateFitter"/>, so each can be resolved by its model.
/// </summary>
/// <typeparam name="TModel">The customer-level model the fit's <see cref="CovariateFit.ModelFor"/> returns.</typeparam>
public interface IClvCovariateFitter<TModel> : IClvCovariateFitter
    where TModel : IPurchaseModel
{
}

/// <summary>
/// BG/NBD with time-invariant covariates in CLVTools' parameterisation (<c>bgnbd</c> on <c>clv.data.static.covariates</c>, CLVTools
/// 0.9–0.11 <c>bgnbd_staticcov_LL_ind</c>): α_i = α·e^{−γ₁ᵀz_i} (purchase process, coefficients "alpha"), a_i = a·e^{γ₂ᵀz_i} and
/// b_i = b·e^{γ₂ᵀz_i} (dropout, coefficients "ab": the mean dropout probability a/(a+b) is unchanged, its concentration a+b
/// scales), following Fader &amp; Hardie (2007), "Incorporating time-invariant covariates into the Pareto/NBD and BG/NBD models".
/// Each customer's likelihood is BG/NBD's (Fader, Hardie &amp; Lee 2005 eq. 6) at their own parameters. Stateless and thread-safe.
/// </summary>
public sealed class BgNbdCovariateFitter : IClvCovariateFitter<BgNbdModel>
{
    /// <inheritdoc/>
    public CovariateFit Fit(IReadOnlyList<PurchaseHistory> histories, CovariateMatrix covariates, ClvFitOptions? options = null,
        CancellationToken cancellationToken = default, int? maxDegreeOfParallelism = null) =>
        CovariateNewton.Fit(CovariateModelKind.BgNbd, histories, covariates, options, cancellationToken, maxDegreeOfParallelism);
}

/// <summary>
/// Pareto/NBD with time-invariant covariates in CLVTools' parameterisation (<c>pnbd</c> on <c>clv.data.static.covariates</c>,
/// <c>pnbd_staticcov_LL_ind</c>): α_i = α·e^{−γ₁ᵀz_i} (purchase rate λ ~ Gamma(r, α_i), coefficients "lambda") and
/// β_i = β·e^{−γ₂ᵀz_i} (dropout rate μ ~ Gamma(s, β_i), coefficients "mu"), so E[λ] = (r/α)·e^{γ₁ᵀz} and E[μ] = (s/β)·e^{γ₂ᵀz}
/// (Fader &amp; Hardie 2007, "Incorporating time-invariant covariates into the Pareto/NBD and BG/NBD models"). Each customer's
/// likelihood is Pareto/NBD's (Fader &amp; Hardie note 009) at their own parameters. Stateless and thread-safe.
/// </summary>
public sealed class ParetoNbdCovariateFitter : IClvCovariateFitter<ParetoNbdModel>
{
    /// <inheritdoc/>
    public CovariateFit Fit(IReadOnlyList<PurchaseHistory> histories, CovariateMatrix covariates, ClvFitOptions? options = null,
        CancellationToken cancellationToken = default, int? maxDegreeOfParallelism = null) =>
        CovariateNewton.Fit(CovariateModelKind.ParetoNbd, histories, covariates, options, cancellationToken, maxDegreeOfParallelism);
}
