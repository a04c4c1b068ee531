using Microsoft.DotNet.Interactive.Formatting;
using TrustMetrics.Presentation;

namespace TrustMetrics.Clv;

/// <summary>
/// The holdout scorecard: every model fitted on the calibration window and scored on the holdout window side by side with the two
/// naive baselines (own rate x/T; population rate Σx/ΣT). See <see cref="HoldoutEvaluator"/> for the definitions. Built by the
/// evaluator only; immutable. Render with <see cref="ResultFormatter"/>.
/// </summary>
[TypeFormatterSource(typeof(NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed class HoldoutScorecard : ITabularResult
{
    private readonly HoldoutModelScore[] models;
    private readonly HoldoutModelScore[] baselines;

    internal HoldoutScorecard(HoldoutPanel panel, HoldoutModelScore[] models, HoldoutModelScore[] baselines)
    {
        CalibrationEnd = panel.CalibrationEnd;
        HoldoutEnd = panel.ObservationEnd;
        HoldoutDuration = panel.HoldoutDuration;
        CalibrationLength = panel.CalibrationLength;
        CustomerCount = panel.CustomerCount;
        this.models = models;
        this.baselines = baselines;
    }

    /// <summary>End of the calibration window.</summary>
    public DateTime CalibrationEnd { get; }

    /// <summary>End of the holdout window.</summary>
    public DateTime HoldoutEnd { get; }

    /// <summary>Holdout length t* in model units.</summary>
    public double HoldoutDuration { get; }

    /// <summary>Tracking time at which the holdout begins (model units after the origin).</summary>
    public double CalibrationLength { get; }

    /// <summary>Customers scored.</summary>
    public int CustomerCount { get; }

    /// <summary>The fitted models, in the order asked for.</summary>
    public IReadOnlyList<HoldoutModelScore> Models => models;

    /// <summary>The naive baselines: own rate, then population rate.</summary>
    public IReadOnlyList<HoldoutModelScore> Baselines => baselines;

    /// <summary>"Holdout scorecard, 2,357 customers, holdout 39 units: BG/NBD MAE …; …" (invariant culture).</summary>
    public override string ToString() =>
        $"Holdout scorecard, {InvariantText.Count(CustomerCount)} customers, holdout {InvariantText.Number(HoldoutDuration, "0.###")} units: " +
        string.Join("; ", models.Concat(baselines).Select(m => $"{m.DisplayName} MAE {InvariantText.Significant(m.Holdout.MeanAbsoluteError)}"));

    ResultTable ITabularResult.ToTable()
    {
        var table = new ResultTable("Holdout scorecard", "model", "MAE", "RMSE", "bias", "Brier", "top-decile lift", "predicted", "actual", "LL", "AIC", "BIC");
        foreach (var m in models.Concat(baselines))
        {
            var h = m.Holdout;
            table.Row(m.DisplayName, InvariantText.Number(h.MeanAbsoluteError, "0.0000"), InvariantText.Number(h.RootMeanSquaredError, "0.0000"),
                InvariantText.Number(h.Bias, "0.0000"), InvariantText.Number(h.BrierScore, "0.0000"), InvariantText.Optional(h.TopDecileLift, "0.000"),
                InvariantText.Number(h.PredictedTotal, "0.0"), InvariantText.Count(h.ActualTotal), InvariantText.Optional(m.LogLikelihood, "0.000"),
                InvariantText.Optional(m.Aic, "0.0"), InvariantText.Optional(m.Bic, "0.0"));
        }

        table.Note($"{InvariantText.Count(CustomerCount)} customers fitted on the calibration window to {CalibrationEnd.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}, scored on the holdout to " +
            $"{HoldoutEnd.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)} ({InvariantText.Number(HoldoutDuration, "0.###")} time units). Bias = predicted − actual; Brier and lift score " +
            "P(at least one holdout purchase); AIC = 2k − 2LL, BIC = k·ln n − 2LL.");
        foreach (var m in models)
        {
            if (m.AgainstNbd is { } lr)
            {
                table.Note($"{m.DisplayName} {lr}.");
            }
        }

        return table;
    }
}
