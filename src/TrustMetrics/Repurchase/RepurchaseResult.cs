using TrustMetrics.Estimation;
using TrustMetrics.Service;

namespace TrustMetrics.Repurchase;

/// <summary>
/// Repurchase behaviour of a set of customers: the repeat-purchase rate (customers with purchases in at least two distinct periods
/// of the summarizer's unit / all customers, Wilson interval), the distribution of the gaps between consecutive purchase periods
/// (exact type-7 percentiles), overall purchases per customer, and purchases per buying customer in each calendar period.
/// </summary>
/// <param name="Customers">Customers with at least one purchase.</param>
/// <param name="RepeatCustomers">Customers with at least two purchase periods (CLV frequency ≥ 1).</param>
/// <param name="RepeatRate">RepeatCustomers / Customers.</param>
/// <param name="Transactions">All transactions kept.</param>
/// <param name="InterPurchaseIntervals">Gaps between consecutive purchase periods of every customer; null when nobody bought twice.</param>
/// <param name="Periods">Purchases per buying customer per calendar period, in time order (periods without purchases are left out).</param>
public sealed record RepurchaseResult(
    long Customers, long RepeatCustomers, Estimate RepeatRate, long Transactions, DurationSummary? InterPurchaseIntervals,
    IReadOnlyList<PurchaseFrequency> Periods)
{
    /// <summary>Transactions / customers over the whole window.</summary>
    public double PurchasesPerCustomer => (double)Transactions / Customers;
}
