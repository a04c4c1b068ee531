using TrustMetrics.Presentation;

namespace TrustMetrics.Clv;

/// <summary>
/// One customer's recency–frequency–monetary summary (lifetimes' <c>summary_data_from_transaction_data</c> row):
/// <c>frequency</c> = distinct purchase periods − 1, <c>recency</c> = last − first purchase period, <c>T</c> = observation
/// end − first purchase period (both in periods ÷ multiplier), <c>monetary_value</c> = mean of the period sums of the
/// repeat periods (0 when frequency = 0).
/// </summary>
/// <typeparam name="TKey">Customer identifier type.</typeparam>
/// <param name="CustomerId">The customer.</param>
/// <param name="Frequency">Number of repeat purchase periods x.</param>
/// <param name="Recency">Time of the last purchase after the first, t_x.</param>
/// <param name="T">Time from the first purchase to the observation end.</param>
/// <param name="MonetaryValue">Mean spend per repeat purchase period; 0 without repeat purchases.</param>
public readonly record struct CustomerSummary<TKey>(TKey CustomerId, long Frequency, double Recency, double T, double MonetaryValue)
{
    /// <summary>The (frequency, recency, T) triple the purchase models need.</summary>
    public PurchaseHistory History => new(Frequency, Recency, T);

    /// <summary>"customer 1: frequency 3, recency 49.3, T 78, monetary value 26.73", invariant culture (times in the summarizer's unit).</summary>
    public override string ToString() =>
        $"customer {InvariantText.Key(CustomerId)}: frequency {InvariantText.Count(Frequency)}, recency {InvariantText.Number(Recency, "0.##")}, " +
        $"T {InvariantText.Number(T, "0.##")}, monetary value {InvariantText.Number(MonetaryValue, "0.00")}";
}
