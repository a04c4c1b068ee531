using TrustMetrics.Presentation;

namespace TrustMetrics.Clv;

/// <summary>
/// One customer's recency–frequency–monetary summary (lifetimes' <c>summary_data_from_transaction_data</c> row):
/// <c>frequency</c> = distinct purchase periods − 1, <c>recency</c> = last − first purchase period, <c>T</c> = observation
/// end − first purchase period (both in periods ÷ multiplier), <c>monetary_value</c> = mean of the period sums of the
/// repeat periods (0 when frequency = 0). Built by <see cref="TransactionSummarizer{TKey}"/>; immutable.
/// </summary>
/// <typeparam name="TKey">Customer identifier type.</typeparam>
public sealed class CustomerSummary<TKey>
{
    internal CustomerSummary(TKey customerId, long frequency, double recency, double t, double monetaryValue)
    {
        CustomerId = customerId;
        History = new PurchaseHistory(frequency, recency, t);
        MonetaryValue = monetaryValue;
    }

    /// <summary>The customer.</summary>
    public TKey CustomerId { get; }

    /// <summary>Number of repeat purchase periods x.</summary>
    public long Frequency => History.Frequency;

    /// <summary>Time of the last purchase after the first, t_x.</summary>
    public double Recency => History.Recency;

    /// <summary>Time from the first purchase to the observation end.</summary>
    public double T => History.T;

    /// <summary>Mean spend per repeat purchase period; 0 without repeat purchases.</summary>
    public double MonetaryValue { get; }

    /// <summary>The (frequency, recency, T) triple the purchase models need.</summary>
    public PurchaseHistory History { get; }

    /// <summary>"customer 1: frequency 3, recency 49.3, T 78, monetary value 26.73", invariant culture (times in the summarizer's unit).</summary>
    public override string ToString() =>
        $"customer {InvariantText.Key(CustomerId)}: frequency {InvariantText.Count(Frequency)}, recency {InvariantText.Number(Recency, "0.##")}, " +
        $"T {InvariantText.Number(T, "0.##")}, monetary value {InvariantText.Number(MonetaryValue, "0.00")}";
}
