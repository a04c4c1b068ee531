using TrustMetrics.Presentation;

namespace TrustMetrics.Repurchase;

/// <summary>Purchases in one calendar period: transactions per buying customer.</summary>
/// <param name="Start">First day of the period.</param>
/// <param name="Customers">Distinct customers who bought in the period.</param>
/// <param name="Purchases">Transactions in the period.</param>
public readonly record struct PurchaseFrequency(DateOnly Start, long Customers, long Purchases)
{
    /// <summary>Purchases / customers (≥ 1).</summary>
    public double Frequency => (double)Purchases / Customers;

    /// <summary>"2025-03-01: 412 customers, 460 purchases (1.12 per customer)", invariant culture.</summary>
    public override string ToString() =>
        $"{InvariantText.Date(Start)}: {InvariantText.Count(Customers)} customers, {InvariantText.Count(Purchases)} purchases ({InvariantText.Number(Frequency, "0.00")} per customer)";
}
