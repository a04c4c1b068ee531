namespace TrustMetrics.Churn;

/// <summary>
/// A contractual retention model fitted to one cohort's survivors series: element 0 is the cohort size, element t the customers
/// still active after t periods (non-increasing). Implementations are stateless and thread-safe.
/// </summary>
public interface IRetentionModel
{
    /// <summary>Fits the model by maximum likelihood.</summary>
    /// <param name="survivors">Cohort size, then survivors after each period; at least two periods.</param>
    /// <param name="confidenceLevel">Level of the parameter intervals; null uses the configured default.</param>
    /// <exception cref="ArgumentException">The series is invalid (the message names the index and value) or has no finite
    /// maximum-likelihood estimate (the message says why).</exception>
    /// <param name="cancellationToken">Stops the fit between optimizer steps.</param>
    /// <exception cref="InvalidOperationException">The optimizer failed (the message says how).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    ShiftedBetaGeometricFit Fit(ReadOnlySpan<long> survivors, double? confidenceLevel = null, CancellationToken cancellationToken = default);
}
