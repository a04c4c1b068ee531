using TrustMetrics.Presentation;

namespace TrustMetrics.Repurchase;

/// <summary>Purchases in one calendar period: transactions per buying customer (one row of <see cref="RepurchaseResult.Periods"/>).</summary>
public sealed class PurchaseFrequency
{
    internal PurchaseFrequency(DateOnly start, long customers, long purchases)
    {
        Start = start;
        Customers = customers;
        Purchases = purchases;
    }

    /// <summary>First day of the period.</summary>
    public DateOnly Start { get; }

    /// <summary>Distinct customers who bought in the period (≥ 1).</summary>
    public long Customers { get; }

    /// <summary>Transactions in the period.</summary>
    public long Purchases { get; }

    /// <summary>Purchases / customers (≥ 1).</summary>
    public double Frequency => (double)Purchases / Customers;

    /// <summary>"2025-03-01: 412 customers, 460 purchases (1.12 per customer)", invariant culture.</summary>
    public override string ToString() =>
        $"{InvariantText.Date(Start)}: {InvariantText.Count(Customers)} customers, {InvariantText.Count(Purchases)} purchases ({InvariantText.Number(Frequency, "0.00")} per customer)";
}
