using TrustMetrics.Presentation;

namespace TrustMetrics.Clv;

/// <summary>
/// How well one model (or baseline) predicted each customer's holdout purchase count y_i from the calibration data, with ŷ_i the
/// prediction E[Y(t*) | x, t_x, T] and p_i = P(at least one holdout purchase | history): MAE = mean |ŷ − y|, RMSE = √mean (ŷ − y)²,
/// bias = mean (ŷ − y) (positive = over-prediction), Brier = mean (p − 1[y ≥ 1])², top-decile lift = share of active customers
/// among the 10 % with the highest p ÷ overall share (customers tied at the cut-off enter with an equal fraction, i.e. the lift
/// expected under random tie-breaking), totals Σŷ and Σy, and the mean absolute percentage error of the cumulative tracking curve
/// over the holdout periods. Built by <see cref="HoldoutEvaluator"/>; immutable.
/// </summary>
public sealed class HoldoutAccuracy
{
    internal HoldoutAccuracy(double mae, double rmse, double bias, double brier, double? topDecileLift, double predictedTotal, long actualTotal, double? trackingMape)
    {
        MeanAbsoluteError = mae;
        RootMeanSquaredError = rmse;
        Bias = bias;
        BrierScore = brier;
        TopDecileLift = topDecileLift;
        PredictedTotal = predictedTotal;
        ActualTotal = actualTotal;
        TrackingMape = trackingMape;
    }

    /// <summary>Mean absolute error of the per-customer holdout count, mean |ŷ_i − y_i|.</summary>
    public double MeanAbsoluteError { get; }

    /// <summary>Root mean squared error of the per-customer holdout count, √(mean (ŷ_i − y_i)²).</summary>
    public double RootMeanSquaredError { get; }

    /// <summary>Mean error mean (ŷ_i − y_i): predicted − actual, positive when the model over-predicts.</summary>
    public double Bias { get; }

    /// <summary>Brier score mean (p_i − 1[y_i ≥ 1])² of P(at least one holdout purchase); 0 is perfect.</summary>
    public double BrierScore { get; }

    /// <summary>Top-decile lift of P(at least one holdout purchase); null when nobody bought in the holdout (the overall share is 0).</summary>
    public double? TopDecileLift { get; }

    /// <summary>Σ ŷ_i, the predicted holdout total.</summary>
    public double PredictedTotal { get; }

    /// <summary>Σ y_i, the actual holdout total.</summary>
    public long ActualTotal { get; }

    /// <summary>Mean of |expected − actual| ÷ actual of the cumulative repeat purchases over the tracking points in the holdout; null for the baselines (no tracking curve) or when an actual value there is 0.</summary>
    public double? TrackingMape { get; }

    /// <summary>"MAE 0.65, RMSE 1.4, bias -0.097, Brier 0.12, lift 3.9, predicted 1,653.4 vs actual 1,882" (invariant culture).</summary>
    public override string ToString() =>
        $"MAE {InvariantText.Significant(MeanAbsoluteError)}, RMSE {InvariantText.Significant(RootMeanSquaredError)}, bias {InvariantText.Significant(Bias)}, " +
        $"Brier {InvariantText.Significant(BrierScore)}, lift {InvariantText.Optional(TopDecileLift, "0.###")}, " +
        $"predicted {InvariantText.Number(PredictedTotal, "N1")} vs actual {InvariantText.Count(ActualTotal)}";
}
