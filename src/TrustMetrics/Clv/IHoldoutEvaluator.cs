namespace TrustMetrics.Clv;

/// <summary>Fits purchase models on a calibration window and scores their holdout predictions (<see cref="HoldoutEvaluator"/>); inject it to mock the evaluation.</summary>
public interface IHoldoutEvaluator
{
    /// <summary>Fits each model on the calibration histories and scores it, with the two naive baselines, on the holdout.</summary>
    /// <param name="panel">Calibration histories and holdout outcomes.</param>
    /// <param name="options">Models, tail bin and fit settings; null = <see cref="HoldoutEvaluationOptions.Default"/>.</param>
    /// <param name="cancellationToken">Cancels the fits and predictions (<see cref="OperationCanceledException"/>).</param>
    /// <param name="maxDegreeOfParallelism">Threads the work may use: null = all cores, 1 = serial; ≥ 1.</param>
    /// <returns>The scorecard.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="panel"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxDegreeOfParallelism"/> is below 1.</exception>
    /// <exception cref="InvalidOperationException">A model's likelihood is not finite anywhere (the fit names the model).</exception>
    HoldoutScorecard Evaluate(HoldoutPanel panel, HoldoutEvaluationOptions? options = null, CancellationToken cancellationToken = default, int? maxDegreeOfParallelism = null);
}
