using TrustMetrics.Presentation;

namespace TrustMetrics.Clv;

/// <summary>
/// One customer's calibration summary and holdout outcome (lifetimes' <c>calibration_and_holdout_data</c> row):
/// holdout frequency = number of distinct purchase periods after the calibration end (the first holdout purchase is counted),
/// holdout monetary value = plain mean over the holdout transactions, duration = periods from calibration end to observation end.
/// Built by <see cref="TransactionSummarizer{TKey}.SummarizeCalibrationHoldout"/>; immutable.
/// </summary>
/// <typeparam name="TKey">Customer identifier type.</typeparam>
public sealed class CalibrationHoldoutSummary<TKey>
{
    internal CalibrationHoldoutSummary(CustomerSummary<TKey> calibration, long frequencyHoldout, double monetaryValueHoldout, double durationHoldout)
    {
        Calibration = calibration;
        FrequencyHoldout = frequencyHoldout;
        MonetaryValueHoldout = monetaryValueHoldout;
        DurationHoldout = durationHoldout;
    }

    /// <summary>The summary of the transactions up to and including the calibration end.</summary>
    public CustomerSummary<TKey> Calibration { get; }

    /// <summary>Distinct purchase periods in the holdout window.</summary>
    public long FrequencyHoldout { get; }

    /// <summary>Mean amount of the holdout transactions; 0 when there are none.</summary>
    public double MonetaryValueHoldout { get; }

    /// <summary>Length of the holdout window in periods ÷ multiplier.</summary>
    public double DurationHoldout { get; }

    /// <summary>The calibration summary followed by "; holdout: frequency 2, monetary value 31.50, duration 39", invariant culture.</summary>
    public override string ToString() =>
        $"{Calibration}; holdout: frequency {InvariantText.Count(FrequencyHoldout)}, monetary value {InvariantText.Number(MonetaryValueHoldout, "0.00")}, " +
        $"duration {InvariantText.Number(DurationHoldout, "0.##")}";
}
