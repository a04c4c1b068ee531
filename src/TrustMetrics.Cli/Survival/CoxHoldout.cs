using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using TrustMetrics.Cli.Input;
using TrustMetrics.Cli.Output;
using TrustMetrics.Survival;

namespace TrustMetrics.Cli.Survival;

/// <summary>
/// <c>trustmetrics cox --holdout FILE</c>: the fitted model scored on held-out customers — IPCW Brier score at each --horizon,
/// integrated Brier score up to the largest horizon, and calibration by deciles of predicted risk at the largest horizon
/// (docs/cox.md, "Prediction accuracy on a holdout"). With --strata each holdout row uses its own stratum's baseline; with --start
/// the holdout is scored at --landmark (customers grouped by --id, else --cluster, else one per row).
/// </summary>
internal sealed class CoxHoldout
{
    private CoxHoldout(IReadOnlyList<CoxBrierScore> brier, double? integrated, double horizon, IReadOnlyList<CoxCalibrationGroup> calibration, int rows,
        double? landmark)
    {
        Brier = brier;
        Integrated = integrated;
        Horizon = horizon;
        Calibration = calibration;
        Rows = rows;
        Landmark = landmark;
    }

    public IReadOnlyList<CoxBrierScore> Brier { get; }

    public double? Integrated { get; }

    public double Horizon { get; }

    public IReadOnlyList<CoxCalibrationGroup> Calibration { get; }

    public int Rows { get; }

    public double? Landmark { get; }

    /// <summary>The --landmark option: the time at which a (start, stop] holdout is scored.</summary>
    public static Option<double?> LandmarkOption() => new("--landmark")
    {
        Description = "With --start and --holdout: score the customers under observation at this time, predicting from it (conditional Brier score).",
    };

    /// <summary>Option checks for --holdout (before any reading).</summary>
    public static void Validate(bool holdout, double[] horizons, string? start, double? landmark)
    {
        if (!holdout)
        {
            if (landmark is not null) throw new CommandLineException("--landmark is for --holdout.");
            return;
        }

        if (horizons.Length == 0) throw new CommandLineException("--holdout needs --horizon (for example --horizon 26,52).");
        if (start is not null && landmark is null)
        {
            throw new CommandLineException("--holdout with --start needs --landmark: (start, stop] customers (time-varying covariates, delayed entry) are scored "
                + "from a landmark time on, among those under observation then (docs/cox.md); from time 0 the Brier score is undefined.");
        }

        if (landmark is { } s && (!double.IsFinite(s) || horizons.Any(h => h <= s)))
        {
            throw new CommandLineException($"--landmark {s.ToString("G6", CultureInfo.InvariantCulture)}: must be finite and below every --horizon.");
        }
    }

    /// <summary>Reads the holdout with the training's columns, categorical levels and strata and scores the fit on it.</summary>
    /// <param name="path">The holdout file.</param>
    /// <param name="durationName">--duration.</param>
    /// <param name="eventName">--event.</param>
    /// <param name="startName">--start, or null.</param>
    /// <param name="strataName">--strata, or null.</param>
    /// <param name="strataLevels">The training's stratum values (any order; coded by their sorted position, as the training).</param>
    /// <param name="customerName">The column grouping (start, stop] rows into customers (--id, else --cluster), or null.</param>
    /// <param name="covariates">--covariates.</param>
    /// <param name="levels">Categorical levels per covariate (null: numeric).</param>
    /// <param name="horizons">--horizon.</param>
    /// <param name="landmark">--landmark, or null.</param>
    /// <param name="confidence">--confidence.</param>
    /// <param name="fit">The fit.</param>
    /// <param name="training">The training data.</param>
    public static CoxHoldout Evaluate(string path, string durationName, string eventName, string? startName, string? strataName, IEnumerable<string> strataLevels,
        string? customerName, string[] covariates, string[]?[] levels, double[] horizons, double? landmark, double confidence, CoxFit fit, CoxData training)
    {
        var source = SurveySource.FromFile(path);
        using var table = CsvTable.Open(source);
        int stopColumn = table.Column(durationName);
        int eventColumn = table.Column(eventName);
        int? startColumn = startName is null ? null : table.Column(startName);
        int? strataColumn = strataName is null ? null : table.Column(strataName);
        int? customerColumn = startName is null || customerName is null ? null : table.Column(customerName);
        var strataCode = strataLevels.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select((v, i) => (v, i))
            .ToDictionary(t => t.v, t => t.i, StringComparer.Ordinal);
        var customerCode = new Dictionary<string, int>(StringComparer.Ordinal);
        var columns = covariates.Select(table.Column).ToArray();
        var stop = new List<double>();
        var start = new List<double>();
        var events = new List<bool>();
        var strata = new List<int>();
        var customers = new List<int>();
        var design = new List<double>[fit.Terms.Count];
        for (int k = 0; k < design.Length; k++) design[k] = [];
        while (table.Read())
        {
            stop.Add(Numbers.Cell(table, stopColumn, durationName));
            events.Add(ScoreParser.EventFlag(table, eventColumn, eventName));
            if (startColumn is int sc) start.Add(Numbers.Cell(table, sc, startName!));
            if (strataColumn is int stc)
            {
                string value = table.Field(stc);
                if (!strataCode.TryGetValue(value, out int code))
                {
                    throw new InputException($"{source.DisplayName}: '{strataName}' has the stratum '{value}', unseen in the training data: it has no baseline hazard.");
                }

                strata.Add(code);
            }

            if (customerColumn is int cc)
            {
                string value = table.Field(cc);
                if (!customerCode.TryGetValue(value, out int code)) customerCode[value] = code = customerCode.Count;
                customers.Add(code);
            }

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

        var holdout = CoxData.Create(fit.Terms, design.Select(d => d.ToArray()).ToArray(), [.. stop], [.. events],
            start: startColumn is null ? null : [.. start], strata: strataColumn is null ? null : [.. strata],
            clusters: customerColumn is null ? null : [.. customers]);
        double tau = horizons.Max();
        if (stop.Count < 10)
        {
            throw new InputException($"{source.DisplayName}: the holdout has {stop.Count} rows; the decile calibration needs at least 10.");
        }

        var brier = fit.BrierScores(training, holdout, horizons, landmark);
        var calibration = fit.Calibration(training, holdout, tau, 10, confidence, landmark);
        int scored = calibration.Sum(g => g.Customers);
        return new CoxHoldout(brier, fit.IntegratedBrierScore(training, holdout, tau, landmark), tau, calibration, scored, landmark);
    }

    public void WriteJson(Utf8JsonWriter json)
    {
        json.WriteStartObject("holdout");
        json.WriteNumber("n", Rows);
        MetricJson.Number(json, "landmark", Landmark);
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
        string at = Landmark is { } s ? $", customers followed at {s.ToString("G6", CultureInfo.InvariantCulture)}" : "";
        yield return new Table($"Holdout Brier score (IPCW, {Formatting.Count(Rows)} customers{at})", ["Time", "Brier"],
            Brier.Select(b => (IReadOnlyList<string>)[b.Time.ToString("G6", CultureInfo.InvariantCulture), b.Score is { } s ? Formatting.Number(s, 4) : "–"]).ToList(),
            [$"Integrated Brier score {(Landmark is { } from ? $"from {from.ToString("G6", CultureInfo.InvariantCulture)} " : "")}to {h}: {(Integrated is { } i ? Formatting.Number(i, 4) : "–")} (0 = perfect; always predicting 50 % gives 0.25)"]);
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
