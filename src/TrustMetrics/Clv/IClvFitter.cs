namespace TrustMetrics.Clv;

/// <summary>
/// Maximum-likelihood fits of one CLV model (ltv-churn.md §2): <see cref="BgNbdFitter"/>, <see cref="MbgNbdFitter"/>,
/// <see cref="ParetoNbdFitter"/> and <see cref="BgBbFitter"/> fit <see cref="CompressedHistories"/>, <see cref="GammaGammaFitter"/>
/// fits <see cref="CompressedSpend"/>. Inject <c>IClvFitter&lt;CompressedHistories, BgNbdModel&gt;</c> and so on.
/// Implementations are stateless and thread-safe.
/// </summary>
/// <typeparam name="TData">The compressed data the model is fitted to.</typeparam>
/// <typeparam name="TModel">The fitted model.</typeparam>
public interface IClvFitter<in TData, TModel>
    where TData : class
    where TModel : class
{
    /// <summary>Fits the model's parameters by maximum likelihood.</summary>
    /// <param name="data">The compressed data (time-scaled parameters such as α come out in the data's time unit).</param>
    /// <param name="options">Penalty, optimiser settings and interval level; null uses <see cref="ClvFitOptions.Default"/>.</param>
    /// <param name="cancellationToken">Cancels the fit between likelihood evaluations (<see cref="OperationCanceledException"/>).</param>
    /// <param name="maxDegreeOfParallelism">Threads the likelihood sums may use: null = all cores, 1 = serial on the calling thread; ≥ 1.</param>
    /// <returns>The model at the estimates with standard errors, intervals, covariance, log-likelihood and convergence.</returns>
    /// <exception cref="ArgumentException">The data do not suit the model (named by row and values) or <paramref name="maxDegreeOfParallelism"/> is below 1.</exception>
    /// <exception cref="InvalidOperationException">The likelihood is not finite anywhere the optimiser went; the message says why.</exception>
    ClvFit<TModel> Fit(TData data, ClvFitOptions? options = null, CancellationToken cancellationToken = default, int? maxDegreeOfParallelism = null);
}
