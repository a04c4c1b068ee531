namespace TrustMetrics.Clv;

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
