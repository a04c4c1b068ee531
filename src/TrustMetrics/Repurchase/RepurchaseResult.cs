using Microsoft.DotNet.Interactive.Formatting;
using TrustMetrics.Estimation;
using TrustMetrics.Presentation;
using TrustMetrics.Service;

namespace TrustMetrics.Repurchase;

/// <summary>
/// Repurchase behaviour of a set of customers: the repeat-purchase rate (customers with purchases in at least two distinct periods
/// of the summarizer's unit / all customers, Wilson interval), the distribution of the gaps between consecutive purchase periods
/// (exact type-7 percentiles), overall purchases per customer, and purchases per buying customer in each calendar period.
/// Rendered as a measure/value table by <see cref="ResultFormatter"/> (the per-period frequencies stay in <see cref="Periods"/>).
/// </summary>
[TypeFormatterSource(typeof(NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed class RepurchaseResult : ITabularResult
{
    private readonly PurchaseFrequency[] periods;

    internal RepurchaseResult(long customers, long repeatCustomers, Estimate repeatRate, long transactions, DurationSummary? interPurchaseIntervals, PurchaseFrequency[] periods)
    {
        Customers = customers;
        RepeatCustomers = repeatCustomers;
        RepeatRate = repeatRate;
        Transactions = transactions;
        InterPurchaseIntervals = interPurchaseIntervals;
        this.periods = periods;
    }

    /// <summary>Customers with at least one purchase.</summary>
    public long Customers { get; }

    /// <summary>Customers with at least two purchase periods (CLV frequency ≥ 1).</summary>
    public long RepeatCustomers { get; }

    /// <summary>RepeatCustomers / Customers, with its interval.</summary>
    public Estimate RepeatRate { get; }

    /// <summary>All transactions kept.</summary>
    public long Transactions { get; }

    /// <summary>Gaps between consecutive purchase periods of every customer; null when nobody bought twice.</summary>
    public DurationSummary? InterPurchaseIntervals { get; }

    /// <summary>Purchases per buying customer per calendar period, in time order (periods without purchases are left out).</summary>
    public IReadOnlyList<PurchaseFrequency> Periods => periods;

    /// <summary>Transactions / customers over the whole window.</summary>
    public double PurchasesPerCustomer => (double)Transactions / Customers;

    /// <summary>"2,357 customers: repeat rate 40.2% [38.2%, 42.2%], 2.94 purchases per customer, median gap 91 d", invariant culture.</summary>
    public override string ToString() =>
        $"{InvariantText.Count(Customers)} customers: repeat rate {InvariantText.Percent(RepeatRate.Value)} [{InvariantText.PercentBounds(RepeatRate.Interval).Replace(" to ", ", ", StringComparison.Ordinal)}], " +
        $"{InvariantText.Number(PurchasesPerCustomer, "0.00")} purchases per customer" +
        (InterPurchaseIntervals?.Find(0.5) is { } median
            ? $", median gap {InvariantText.Duration(median)}"
            : "");

    ResultTable ITabularResult.ToTable()
    {
        var table = new ResultTable("Repurchase", "measure", "value", InvariantText.IntervalHeader(RepeatRate.Interval))
            .Row("customers", InvariantText.Count(Customers), "–")
            .Row("repeat customers", InvariantText.Count(RepeatCustomers), "–")
            .Row("repeat rate", InvariantText.Percent(RepeatRate.Value), InvariantText.PercentBounds(RepeatRate.Interval))
            .Row("transactions", InvariantText.Count(Transactions), "–")
            .Row("purchases per customer", InvariantText.Number(PurchasesPerCustomer, "0.00"), "–");
        if (InterPurchaseIntervals is { } gaps)
        {
            table.Row($"gap between purchases, mean (n = {InvariantText.Count(gaps.Count)})", InvariantText.Duration(gaps.Mean), "–");
            foreach (var p in gaps.Percentiles)
            {
                table.Row($"gap between purchases, {InvariantText.PercentileLabel(p.Probability)}", InvariantText.Duration(p.Value), "–");
            }
        }

        table.Note($"Repeat rate: {RepeatRate.Interval.Method} interval; a repeat customer bought in at least two distinct periods.");
        return Periods.Count == 0
            ? table
            : table.Note($"Purchases per buying customer for {InvariantText.Count(Periods.Count)} periods " +
                $"({InvariantText.Date(Periods[0].Start)} to {InvariantText.Date(Periods[^1].Start)}) are in Periods.");
    }
}
