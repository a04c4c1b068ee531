using TrustMetrics.Presentation;

namespace TrustMetrics.Clv;

/// <summary>
/// One row of the calibration table (lifetimes' <c>plot_calibration_purchases_vs_holdout_purchases</c>, Fader, Hardie &amp; Lee
/// 2005 Figure 4): the customers with calibration frequency x = <see cref="Frequency"/> (or ≥ it for the tail bin), their mean
/// predicted and mean actual holdout purchases. Built by <see cref="HoldoutEvaluator"/>; immutable.
/// </summary>
public sealed class CalibrationBin
{
    internal CalibrationBin(long frequency, bool isTail, long customers, double predicted, double actual)
    {
        Frequency = frequency;
        IsTail = isTail;
        Customers = customers;
        Predicted = predicted;
        Actual = actual;
    }

    /// <summary>The calibration frequency of the bin; the tail bin holds every customer with at least this frequency.</summary>
    public long Frequency { get; }

    /// <summary>True for the last bin, which groups frequencies ≥ <see cref="Frequency"/>.</summary>
    public bool IsTail { get; }

    /// <summary>Customers in the bin (≥ 1: empty bins are left out).</summary>
    public long Customers { get; }

    /// <summary>Mean predicted holdout purchases of the bin's customers.</summary>
    public double Predicted { get; }

    /// <summary>Mean actual holdout purchases of the bin's customers.</summary>
    public double Actual { get; }

    /// <summary>"x = 7+: 12 customers, predicted 5.1, actual 4.8" (invariant culture).</summary>
    public override string ToString() =>
        $"x = {Frequency}{(IsTail ? "+" : "")}: {InvariantText.Count(Customers)} customers, predicted {InvariantText.Significant(Predicted)}, actual {InvariantText.Significant(Actual)}";
}
