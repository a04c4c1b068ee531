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

    /// <summary>E[X(t)]: expected repeat purchases of a new customer in (0, t].</summary>
    /// <param name="t">Horizon ≥ 0.</param>
    double ExpectedPurchases(double t);
}
