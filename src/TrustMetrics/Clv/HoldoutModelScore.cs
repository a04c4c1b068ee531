using System.Collections.ObjectModel;
using TrustMetrics.Presentation;

namespace TrustMetrics.Clv;

/// <summary>
/// The scorecard row of one fitted model or naive baseline: its name, the fitted parameters with log-likelihood, AIC = 2k − 2LL and
/// BIC = k·ln n − 2LL (n customers; null for the baselines), the holdout accuracy, the calibration table and the tracking curve
/// (empty for the baselines) and the likelihood-ratio test against the NBD model (null for the baselines). Built by
/// <see cref="HoldoutEvaluator"/>; immutable.
/// </summary>
public sealed class HoldoutModelScore
{
    private readonly CalibrationBin[] bins;
    private readonly TrackingPoint[] tracking;

    internal HoldoutModelScore(string model, string displayName, IReadOnlyDictionary<string, double> parameters, double? logLikelihood, double? aic, double? bic,
        HoldoutAccuracy holdout, CalibrationBin[] bins, TrackingPoint[] tracking, NestedModelTest? againstNbd, bool? converged)
    {
        Model = model;
        DisplayName = displayName;
        Parameters = new ReadOnlyDictionary<string, double>(new Dictionary<string, double>(parameters, StringComparer.Ordinal));
        LogLikelihood = logLikelihood;
        Aic = aic;
        Bic = bic;
        Holdout = holdout;
        this.bins = bins;
        this.tracking = tracking;
        AgainstNbd = againstNbd;
        Converged = converged;
    }

    /// <summary>Model id: "bgnbd", "mbgnbd", "paretonbd", or the baselines "own-rate" (each customer repeats x/T) and "population-rate" (everyone Σx/ΣT).</summary>
    public string Model { get; }

    /// <summary>Name as the papers write it ("BG/NBD", "own rate x/T", …).</summary>
    public string DisplayName { get; }

    /// <summary>Fitted parameters by lowercase name ("r", "alpha", "a", "b"); for the population baseline its rate ("rate"); empty for the own-rate baseline.</summary>
    public IReadOnlyDictionary<string, double> Parameters { get; }

    /// <summary>Total calibration log-likelihood in the data's time unit; null for the baselines.</summary>
    public double? LogLikelihood { get; }

    /// <summary>AIC = 2k − 2LL; null for the baselines.</summary>
    public double? Aic { get; }

    /// <summary>BIC = k·ln n − 2LL with n the number of customers; null for the baselines.</summary>
    public double? Bic { get; }

    /// <summary>Whether the fit converged; null for the baselines.</summary>
    public bool? Converged { get; }

    /// <summary>Per-customer accuracy of the holdout predictions.</summary>
    public HoldoutAccuracy Holdout { get; }

    /// <summary>Mean predicted vs mean actual holdout purchases by calibration frequency (empty bins left out; the last bin groups the tail).</summary>
    public IReadOnlyList<CalibrationBin> CalibrationBins => bins;

    /// <summary>Expected vs actual cumulative repeat purchases per period over calibration and holdout; empty for the baselines.</summary>
    public IReadOnlyList<TrackingPoint> Tracking => tracking;

    /// <summary>Likelihood-ratio test against the NBD model without drop-out; null for the baselines.</summary>
    public NestedModelTest? AgainstNbd { get; }

    /// <summary>"BG/NBD: MAE …, RMSE …" (invariant culture).</summary>
    public override string ToString() => $"{DisplayName}: {Holdout}" + (LogLikelihood is { } ll ? $", LL {InvariantText.Number(ll, "F3")}" : "");
}
