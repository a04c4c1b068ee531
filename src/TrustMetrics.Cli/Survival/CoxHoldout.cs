using System.Globalization;
using System.Text.Json;
using TrustMetrics.Cli.Input;
using TrustMetrics.Cli.Output;
using TrustMetrics.Survival;

namespace TrustMetrics.Cli.Survival;

/// <summary>
/// <c>trustmetrics cox --holdout FILE</c>: the fitted model scored on held-out customers — IPCW Brier score at each --horizon,
/// integrated Brier score up to the largest horizon, and calibration by deciles of predicted risk at the largest horizon
/// (docs/cox.md, "Prediction accuracy on a holdout").
/// </summary>
internal sealed class CoxHoldout
{
    private CoxHoldout(IReadOnlyList<CoxBrierScore> brier, double? integrated, double horizon, IReadOnlyList<CoxCalibrationGroup> calibration, int rows)
    {
        Brier = brier;
        Integrated = integrated;
        Horizon = horizon;
        Calibration = calibration;
        Rows = rows;
    }

    public IReadOnlyList<CoxBrierScore> Brier { get; }

    public double? Integrated { get; }

    public double Horizon { get; }

    public IReadOnlyList<CoxCalibrationGroup> Calibration { get; }

    public int Rows { get; }

    /// <summary>Reads the holdout with the training's columns and categorical levels and scores the fit on it.</summary>
    public static CoxHoldout Evaluate(string path, string durationName, string eventName, string[] covariates, string[]?[] levels, double[] horizons,
        double confidence, CoxFit fit, CoxData training)
    {
        var source = SurveySource.FromFile(path);
        using var table = CsvTable.Open(source);
        int stopColumn = table.Column(durationName);
        int eventColumn = table.Column(eventName);
        var columns = covariates.Select(table.Column).ToArray();
        var stop = new List<double>();
        var events = new List<bool>();
        var design = new List<double>[fit.Terms.Count];
        for (int k = 0; k < design.Length; k++) design[k] = [];
        while (table.Read())
        {
            stop.Add(Numbers.Cell(table, stopColumn, durationName));
            events.Add(ScoreParser.EventFlag(table, eventColumn, eventName));
            int term = 0;
            for (int j = 0; j < columns.Length; j++)
            {
                if (levels[j] is not { } known)
                {
                    design[term++].Add(Numbers.Cell(table, columns[j], covariates[j]));
                    continue;
                }

                string value = table.Field(columns[j]);
                if (!known.Contains(value, StringComparer.Ordinal))
                {
                    throw new InputException($"{source.DisplayName}: '{covariates[j]}' has the level '{value}', unseen in the training data ({string.Join(", ", known)}).");
                }

                foreach (string level in known.Skip(1)) design[term++].Add(value == level ? 1.0 : 0.0);
            }
        }

        if (stop.Count == 0)
        {
            throw new InputException($"{source.DisplayName}: the holdout has a header but no data rows.");
        }

        if (!events.Contains(true))
        {
            throw new InputException($"{source.DisplayName}: the holdout has no event; the Brier score needs at least one.");
        }

        var holdout = CoxData.Create(fit.Terms, design.Select(d => d.ToArray()).ToArray(), [.. stop], [.. events]);
        double tau = horizons.Max();
        if (stop.Count < 10)
        {
            throw new InputException($"{source.DisplayName}: the holdout has {stop.Count} rows; the decile calibration needs at least 10.");
        }

        return new CoxHoldout(fit.BrierScores(training, holdout, horizons), fit.IntegratedBrierScore(training, holdout, tau), tau,
            fit.Calibration(training, holdout, tau, 10, confidence), stop.Count);
    }

    public void WriteJson(Utf8JsonWriter json)
    {
        json.WriteStartObject("holdout");
        json.WriteNumber("n", Rows);
        MetricJson.Number(json, "horizon", Horizon);
        json.WriteStartArray("brier");
        foreach (var b in Brier)
        {
            json.WriteStartObject();
            MetricJson.Number(json, "time", b.Time);
            MetricJson.Number(json, "score", b.Score);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        MetricJson.Number(json, "integratedBrier", Integrated);
        json.WriteStartArray("calibration");
        foreach (var g in Calibration)
        {
            json.WriteStartObject();
            json.WriteNumber("decile", g.Group);
            json.WriteNumber("customers", g.Customers);
            MetricJson.Number(json, "predicted", g.Predicted);
            MetricJson.Number(json, "observed", g.Observed);
            MetricJson.Number(json, "lower", g.Lower);
            MetricJson.Number(json, "upper", g.Upper);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    public IEnumerable<Table> Tables(double confidence)
    {
        string h = Horizon.ToString("G6", CultureInfo.InvariantCulture);
        yield return new Table($"Holdout Brier score (IPCW, {Formatting.Count(Rows)} rows)", ["Time", "Brier"],
            Brier.Select(b => (IReadOnlyList<string>)[b.Time.ToString("G6", CultureInfo.InvariantCulture), b.Score is { } s ? Formatting.Number(s, 4) : "–"]).ToList(),
            [$"Integrated Brier score to {h}: {(Integrated is { } i ? Formatting.Number(i, 4) : "–")} (0 = perfect; always predicting 50 % gives 0.25)"]);
        yield return new Table($"Holdout calibration at {h} (deciles of predicted risk)",
            ["Decile", "Customers", "Predicted", "Observed", $"{Formatting.Level(confidence)} CI"],
            Calibration.Select(g => (IReadOnlyList<string>)
            [
                g.Group.ToString(CultureInfo.InvariantCulture), Formatting.Count(g.Customers), Formatting.Number(g.Predicted, 3), Formatting.Number(g.Observed, 3),
                g.Lower is { } lo && g.Upper is { } up ? $"[{Formatting.Number(lo, 3)}, {Formatting.Number(up, 3)}]" : "–",
            ]).ToList(),
            []);
    }
}
