namespace TrustMetrics.Clv;

/// <summary>Per-customer prediction intervals for a fitted purchase model (docs/clv.md §Prediction intervals).</summary>
public interface IPredictionIntervalCalculator
{
    /// <summary>
    /// For every history: E[Y(t)] and P(alive) with intervals for parameter uncertainty, and the equal-tailed interval of the
    /// purchase count Y(t) in (T, T+t] from its predictive distribution (process and parameter uncertainty).
    /// </summary>
    /// <typeparam name="TModel"><see cref="BgNbdModel"/>, <see cref="MbgNbdModel"/> or <see cref="ParetoNbdModel"/>.</typeparam>
    /// <param name="fit">A fit of the model (its covariance carries the parameter uncertainty).</param>
    /// <param name="histories">Valid histories in the model's time unit.</param>
    /// <param name="horizon">Horizon t ≥ 0, finite.</param>
    /// <param name="level">Nominal level in (0, 1), e.g. 0.9.</param>
    /// <param name="cancellationToken">Cancels the batch (<see cref="OperationCanceledException"/>).</param>
    /// <param name="maxDegreeOfParallelism">Threads: null = all cores, 1 = serial; ≥ 1.</param>
    /// <exception cref="ArgumentException">An argument is out of range, a history is invalid (the message names its index), or the model has no conditional count distribution here.</exception>
    PredictionIntervals Compute<TModel>(ClvFit<TModel> fit, ReadOnlySpan<PurchaseHistory> histories, double horizon, double level = 0.9,
        CancellationToken cancellationToken = default, int? maxDegreeOfParallelism = null)
        where TModel : class, IPurchaseModel;
}
