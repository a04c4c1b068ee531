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

    /// <summary>
    /// The same for already compressed rows: one result per distinct (x, t_x, T) row of <paramref name="rows"/>, in its row order
    /// (<see cref="PredictionIntervals.Count"/> = <see cref="CompressedHistories.RowCount"/>), so memory is O(distinct rows); the
    /// caller maps customers to rows (each row's values are those <see cref="Compute{TModel}(ClvFit{TModel}, ReadOnlySpan{PurchaseHistory}, double, double, CancellationToken, int?)"/>
    /// gives its customers, bit for bit).
    /// </summary>
    /// <typeparam name="TModel"><see cref="BgNbdModel"/>, <see cref="MbgNbdModel"/> or <see cref="ParetoNbdModel"/>.</typeparam>
    /// <param name="fit">A fit of the model (its covariance carries the parameter uncertainty).</param>
    /// <param name="rows">The distinct histories (<see cref="CompressedHistories"/>, e.g. the rows the model was fitted on).</param>
    /// <param name="horizon">Horizon t ≥ 0, finite.</param>
    /// <param name="level">Nominal level in (0, <see cref="PredictionIntervalCalculator.MaximumLevel"/>], e.g. 0.9.</param>
    /// <param name="cancellationToken">Cancels the batch (<see cref="OperationCanceledException"/>).</param>
    /// <param name="maxDegreeOfParallelism">Threads: null = all cores, 1 = serial; ≥ 1.</param>
    /// <exception cref="ArgumentException">An argument is out of range or null, or the model has no conditional count distribution here.</exception>
    PredictionIntervals Compute<TModel>(ClvFit<TModel> fit, CompressedHistories rows, double horizon, double level = 0.9,
        CancellationToken cancellationToken = default, int? maxDegreeOfParallelism = null)
        where TModel : class, IPurchaseModel;

    /// <summary>
    /// For every customer: the discounted CLV (<see cref="CustomerLifetimeValue.Discounted"/> with the Gamma–Gamma expected spend ×
    /// margin) and the equal-tailed predictive interval of the realised discounted value of the purchases in the horizon: the
    /// count's conditional PMF and the spends' posterior predictive (process), mixed over the joint sigma points of both fits'
    /// covariances (parameter). docs/clv.md §Prediction intervals.
    /// </summary>
    /// <typeparam name="TModel"><see cref="BgNbdModel"/>, <see cref="MbgNbdModel"/> or <see cref="ParetoNbdModel"/>.</typeparam>
    /// <param name="fit">The purchase model's fit.</param>
    /// <param name="spendFit">The Gamma–Gamma fit.</param>
    /// <param name="histories">Valid histories in the purchase model's time unit.</param>
    /// <param name="monetaryValues">Each customer's mean repeat-purchase value m̄: finite, &gt; 0 when the frequency is &gt; 0 (ignored at 0).</param>
    /// <param name="months">Horizon in months ≥ 0.</param>
    /// <param name="monthlyDiscountRate">Monthly discount rate d &gt; −1.</param>
    /// <param name="unitsPerMonth">Model time units per month f &gt; 0 (<see cref="CustomerLifetimeValue.WeeksPerMonth"/>…).</param>
    /// <param name="margin">Margin share applied to the spend (finite; 1 = revenue).</param>
    /// <param name="level">Nominal level in (0, <see cref="PredictionIntervalCalculator.MaximumLevel"/>].</param>
    /// <param name="cancellationToken">Cancels the batch (<see cref="OperationCanceledException"/>).</param>
    /// <param name="maxDegreeOfParallelism">Threads: null = all cores, 1 = serial; ≥ 1.</param>
    /// <exception cref="ArgumentException">An argument is out of range, the lengths differ, or a history or monetary value is invalid (the message names its index).</exception>
    ValueIntervals ComputeValue<TModel>(ClvFit<TModel> fit, ClvFit<GammaGammaModel> spendFit, ReadOnlySpan<PurchaseHistory> histories,
        ReadOnlySpan<double> monetaryValues, int months, double monthlyDiscountRate, double unitsPerMonth, double margin = 1.0, double level = 0.9,
        CancellationToken cancellationToken = default, int? maxDegreeOfParallelism = null)
        where TModel : class, IPurchaseModel;

    /// <inheritdoc cref="PredictionIntervalCalculator.Compute(CovariateFit, ReadOnlySpan{PurchaseHistory}, CovariateMatrix, double, double, CancellationToken, int?)"/>
    PredictionIntervals Compute(CovariateFit fit, ReadOnlySpan<PurchaseHistory> histories, CovariateMatrix covariates, double horizon, double level = 0.9,
        CancellationToken cancellationToken = default, int? maxDegreeOfParallelism = null);

    /// <inheritdoc cref="PredictionIntervalCalculator.ComputeValue(CovariateFit, ClvFit{GammaGammaModel}, ReadOnlySpan{PurchaseHistory}, CovariateMatrix, ReadOnlySpan{double}, int, double, double, double, double, CancellationToken, int?)"/>
    ValueIntervals ComputeValue(CovariateFit fit, ClvFit<GammaGammaModel> spendFit, ReadOnlySpan<PurchaseHistory> histories, CovariateMatrix covariates,
        ReadOnlySpan<double> monetaryValues, int months, double monthlyDiscountRate, double unitsPerMonth, double margin = 1.0, double level = 0.9,
        CancellationToken cancellationToken = default, int? maxDegreeOfParallelism = null);
}
