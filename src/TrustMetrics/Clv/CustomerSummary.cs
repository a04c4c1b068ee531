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
}

/// <summary>
/// One customer's calibration summary and holdout outcome (lifetimes' <c>calibration_and_holdout_data</c> row):
/// holdout frequency = number of distinct purchase periods after the calibration end (the first holdout purchase is counted),
/// holdout monetary value = plain mean over the holdout transactions, duration = periods from calibration end to observation end.
/// </summary>
/// <typeparam name="TKey">Customer identifier type.</typeparam>
/// <param name="Calibration">The summary of the transactions up to and including the calibration end.</param>
/// <param name="FrequencyHoldout">Distinct purchase periods in the holdout window.</param>
/// <param name="MonetaryValueHoldout">Mean amount of the holdout transactions; 0 when there are none.</param>
/// <param name="DurationHoldout">Length of the holdout window in periods ÷ multiplier.</param>
public readonly record struct CalibrationHoldoutSummary<TKey>(
    CustomerSummary<TKey> Calibration, long FrequencyHoldout, double MonetaryValueHoldout, double DurationHoldout);

/// <summary>
/// The sufficient statistics of the purchase models for one customer: x repeat purchases, the last at t_x, observed for T
/// (0 ≤ t_x ≤ T, t_x = 0 when x = 0).
/// </summary>
/// <param name="Frequency">Repeat purchases x ≥ 0.</param>
/// <param name="Recency">Time of the last repeat purchase t_x.</param>
/// <param name="T">Length of the observation since the first purchase.</param>
public readonly record struct PurchaseHistory(long Frequency, double Recency, double T);
