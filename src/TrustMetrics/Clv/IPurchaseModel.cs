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

    /// <summary>P(alive) for many customers, split over the cores for large inputs; nothing allocated per customer.</summary>
    /// <param name="histories">Valid histories.</param>
    /// <param name="destination">Receives one probability per history.</param>
    /// <exception cref="ArgumentException">Lengths differ or a history is invalid (the first bad index is named).</exception>
    void ProbabilityAlive(ReadOnlySpan<PurchaseHistory> histories, Span<double> destination);

    /// <summary>E[Y(t) | x, t_x, T] for many customers, split over the cores for large inputs; nothing allocated per customer.</summary>
    /// <param name="t">Horizon ≥ 0.</param>
    /// <param name="histories">Valid histories.</param>
    /// <param name="destination">Receives one expectation per history.</param>
    /// <exception cref="ArgumentException">Lengths differ or a history is invalid (the first bad index is named).</exception>
    void ConditionalExpectedPurchases(double t, ReadOnlySpan<PurchaseHistory> histories, Span<double> destination);

    /// <summary>E[X(t)]: expected repeat purchases of a new customer in (0, t].</summary>
    /// <param name="t">Horizon ≥ 0.</param>
    double ExpectedPurchases(double t);
}
