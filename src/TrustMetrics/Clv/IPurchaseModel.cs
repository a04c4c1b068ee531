namespace TrustMetrics.Clv;

/// <summary>
/// A fitted buy-till-you-die purchase model (BG/NBD, MBG/NBD, …): per-customer predictions from (x, t_x, T), all in the time
/// unit the model was fitted in. Implementations are immutable and thread-safe.
/// </summary>
public interface IPurchaseModel
{
    /// <summary>P(alive | x, t_x, T) at the end of the observation.</summary>
    /// <param name="history">A valid history.</param>
    double ProbabilityAlive(PurchaseHistory history);

    /// <summary>E[Y(t) | x, t_x, T]: expected purchases in the next <paramref name="t"/> time units.</summary>
    /// <param name="t">Horizon ≥ 0.</param>
    /// <param name="history">A valid history.</param>
    double ConditionalExpectedPurchases(double t, PurchaseHistory history);

    /// <summary>P(alive) for many customers, split over the cores for large inputs (up to <paramref name="maxDegreeOfParallelism"/>); nothing allocated per customer.</summary>
    /// <param name="histories">Valid histories.</param>
    /// <param name="destination">Receives one probability per history.</param>
    /// <param name="cancellationToken">Cancels the batch (<see cref="OperationCanceledException"/>).</param>
    /// <param name="maxDegreeOfParallelism">Threads the batch may use: null = all cores (inputs over 16,384 histories are split), 1 = serial on the calling thread; ≥ 1.</param>
    /// <exception cref="ArgumentException">Lengths differ (the message names both) or <paramref name="maxDegreeOfParallelism"/> is below 1.</exception>
    void ProbabilityAlive(ReadOnlySpan<PurchaseHistory> histories, Span<double> destination, CancellationToken cancellationToken = default, int? maxDegreeOfParallelism = null);

    /// <summary>E[Y(t) | x, t_x, T] for many customers, split over the cores for large inputs (up to <paramref name="maxDegreeOfParallelism"/>); nothing allocated per customer.</summary>
    /// <param name="t">Horizon ≥ 0.</param>
    /// <param name="histories">Valid histories.</param>
    /// <param name="destination">Receives one expectation per history.</param>
    /// <param name="cancellationToken">Cancels the batch (<see cref="OperationCanceledException"/>).</param>
    /// <param name="maxDegreeOfParallelism">Threads the batch may use: null = all cores (inputs over 16,384 histories are split), 1 = serial on the calling thread; ≥ 1.</param>
    /// <exception cref="ArgumentException">Lengths differ (the message names both) or <paramref name="maxDegreeOfParallelism"/> is below 1.</exception>
    void ConditionalExpectedPurchases(double t, ReadOnlySpan<PurchaseHistory> histories, Span<double> destination, CancellationToken cancellationToken = default, int? maxDegreeOfParallelism = null);

    /// <summary>E[X(t)]: expected repeat purchases of a new customer in (0, t].</summary>
    /// <param name="t">Horizon ≥ 0.</param>
    double ExpectedPurchases(double t);
}
