using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using TrustMetrics.Cli.Input;
using TrustMetrics.Cli.Output;
using TrustMetrics.Survival;

namespace TrustMetrics.Cli.Survival;

/// <summary>
/// <c>trustmetrics cox</c>: Cox proportional-hazards regression (who churns and why) as R <c>coxph</c>: hazard ratios with
/// intervals, likelihood-ratio/Wald/score tests, concordance and the proportional-hazards test; optionally a scoring file with
/// each customer's linear predictor and predicted survival at horizons. JSON field names are a public contract (docs/cox.md).
/// </summary>
internal static class CoxCommand
{
    public static Command Create(CliContext context)
    {
        var common = new CommonOptions();
        var duration = new Option<string>("--duration") { Description = "Column with the time observed (the stop time of each (start, stop] row with --start).", Required = true };
        var churned = new Option<string>("--event") { Description = "Column with 1 (churned at that time) or 0 (censored).", Required = true };
        var start = new Option<string?>("--start") { Description = "Column with each row's start time (counting-process rows: time-varying covariates, delayed entry)." };
        var covariates = new Option<string>("--covariates") { Description = "Comma-separated covariate columns.", Required = true };
        var categorical = new Option<string?>("--categorical") { Description = "Comma-separated subset of --covariates to treat as categories (treatment contrasts against the first sorted level)." };
        var strata = new Option<string?>("--strata") { Description = "Column whose values get their own baseline hazard." };
        var weight = new Option<string?>("--weight") { Description = "Column of case weights (> 0)." };
        var cluster = new Option<string?>("--cluster") { Description = "Column identifying the customer a row belongs to: robust (sandwich) SE grouped by it." };
        var id = new Option<string?>("--id") { Description = "Customer id column: counted in 'customers' and written to the --score file." };
        var ties = new Option<string>("--ties") { Description = "Tie handling: efron (default, as R) or breslow.", DefaultValueFactory = _ => "efron" };
        ties.AcceptOnlyFromAmong("efron", "breslow");
        var score = new Option<FileInfo?>("--score") { Description = "Write a CSV with each customer's linear predictor and survival at --horizon (with interval)." };
        var horizon = new Option<string?>("--horizon") { Description = "Comma-separated horizons for --score and --holdout, e.g. 12,24." };
        var holdout = new Option<FileInfo?>("--holdout") { Description = "CSV of held-out customers (same columns): Brier score at --horizon, integrated Brier score and decile calibration at the largest horizon." };
        var landmark = CoxHoldout.LandmarkOption();

        var command = new Command("cox", "Cox proportional-hazards regression: hazard ratios, tests, concordance, proportional-hazards check, per-customer survival.");
        command.Add(common.Input);
        command.Add(duration);
        command.Add(churned);
        command.Add(start);
        command.Add(covariates);
        command.Add(categorical);
        command.Add(strata);
        command.Add(weight);
        command.Add(cluster);
        command.Add(id);
        command.Add(ties);
        command.Add(common.Confidence);
        command.Add(common.Format);
        command.Add(common.Output);
        command.Add(score);
        command.Add(horizon);
        command.Add(holdout);
        command.Add(landmark);
        command.SetAction(parse =>
        {
            var request = new Request(parse.GetRequiredValue(common.Input).ToString(), parse.GetRequiredValue(duration), parse.GetRequiredValue(churned),
                parse.GetValue(start), List(parse.GetRequiredValue(covariates)), List(parse.GetValue(categorical)), parse.GetValue(strata), parse.GetValue(weight),
                parse.GetValue(cluster), parse.GetValue(id), parse.GetValue(ties) == "breslow" ? CoxTies.Breslow : CoxTies.Efron, parse.GetValue(common.Confidence),
                parse.GetValue(score), Horizons(parse.GetValue(horizon)), parse.GetValue(holdout), parse.GetValue(landmark));
            return CommandOutput.Run(() => Execute(request), common.ParseFormat(parse), parse.GetValue(common.Output), context);
        });
        return command;
    }

    private sealed record Request(string Input, string Duration, string Event, string? Start, string[] Covariates, string[] Categorical, string? Strata,
        string? Weight, string? Cluster, string? Id, CoxTies Ties, double Confidence, FileInfo? Score, double[] Horizons, FileInfo? Holdout, double? Landmark);

    private static string[] List(string? text) =>
        text is null ? [] : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static double[] Horizons(string? text)
    {
        var values = new List<double>();
        foreach (string part in List(text))
        {
            if (!Numbers.TryParse(part, out double h) || !(h > 0))
            {
                throw new CommandLineException($"--horizon: '{part}' is not a positive number.");
            }

            values.Add(h);
        }

        return [.. values];
    }

    private static CommandOutput.Result Execute(Request request)
    {
        foreach (string c in request.Categorical)
        {
            if (!request.Covariates.Contains(c, StringComparer.Ordinal))
            {
                throw new CommandLineException($"--categorical names '{c}', which is not one of --covariates ({string.Join(", ", request.Covariates)}).");
            }
        }

        if (request.Score is not null && request.Horizons.Length == 0)
        {
            throw new CommandLineException("--score needs --horizon (for example --horizon 12,24).");
        }

        CoxHoldout.Validate(request.Holdout is not null, request.Horizons, request.Start, request.Landmark);

        var phases = Phases.FromEnvironment();
        var source = SurveySource.FromFile(request.Input);
        using var table = CsvTable.Open(source);
        int stopColumn = table.Column(request.Duration);
        int eventColumn = table.Column(request.Event);
        int? startColumn = request.Start is null ? null : table.Column(request.Start);
        int? weightColumn = request.Weight is null ? null : table.Column(request.Weight);
        int? strataColumn = request.Strata is null ? null : table.Column(request.Strata);
        int? clusterColumn = request.Cluster is null ? null : table.Column(request.Cluster);
        int? idColumn = request.Id is null ? null : table.Column(request.Id);
        var columns = request.Covariates.Select(table.Column).ToArray();
        bool[] isCategorical = request.Covariates.Select(c => request.Categorical.Contains(c, StringComparer.Ordinal)).ToArray();

        // Only numbers and a 0/1 event: the byte-level fast paths (same rules; they hand back to the table on anything unusual).
        // Without --score, straight into the sorted layout of the fit (no column copy); with it, the input columns are kept.
        bool plain = strataColumn is null && clusterColumn is null && idColumn is null && !isCategorical.Any(c => c);
        var placed = plain && request.Score is null
            ? CoxColumns.TryReadSorted(source, table.Columns, request.Covariates, stopColumn, startColumn, weightColumn, columns, eventColumn)
            : null;
        CoxData data;
        var termGroups = new List<KeyValuePair<string, int[]>>();
        var levelSets = new string[]?[columns.Length];
        var design = new List<double[]>();
        var strataText = new List<string>();
        var ids = new List<string>();
        if (placed is not null)
        {
            data = placed;
            for (int j = 0; j < columns.Length; j++) termGroups.Add(new(request.Covariates[j], [j]));
            phases.Mark("read+data");
        }
        else
        {
            data = ReadData(request, source, table, phases, plain, stopColumn, eventColumn, startColumn, weightColumn, strataColumn, clusterColumn, idColumn,
                columns, isCategorical, termGroups, levelSets, design, strataText, ids);
        }

        var fit = new CoxRegression().Fit(data, new CoxFitOptions(request.Ties, request.Confidence));
        phases.Mark("fit");

        // Concordance and the PH test are independent: run them at once so each fills the other's serial stretches.
        var concordanceTask = Task.Run(() => fit.Concordance(data));
        var ph = fit.ProportionalHazardsTest(data, termGroups);
        var concordance = concordanceTask.GetAwaiter().GetResult();
        phases.Mark("concordance+zph");
        int? customers = idColumn is null ? null : ids.Distinct(StringComparer.Ordinal).Count();
        if (request.Score is not null)
        {
            WriteScores(request, fit, data, design, strataText, ids);
        }

        var holdout = request.Holdout is null ? null
            : CoxHoldout.Evaluate(request.Holdout.ToString(), request.Duration, request.Event, request.Start, request.Strata, strataText, request.Id ?? request.Cluster,
                request.Covariates, levelSets, request.Horizons, request.Landmark, request.Confidence, fit, data);
        return new CommandOutput.Result(Document(source, request, fit, concordance, ph, holdout), json => WriteJson(json, fit, concordance, ph, customers, holdout));
    }

    /// <summary>
    /// The reading of every other case: the input columns (the columnar fast path or the table), then the design matrix and
    /// <see cref="CoxData.Create"/>.
    /// </summary>
    private static CoxData ReadData(Request request, SurveySource source, CsvTable table, Phases phases, bool plain, int stopColumn, int eventColumn,
        int? startColumn, int? weightColumn, int? strataColumn, int? clusterColumn, int? idColumn, int[] columns, bool[] isCategorical,
        List<KeyValuePair<string, int[]>> termGroups, string[]?[] levelSets, List<double[]> design, List<string> strataText, List<string> ids)
    {
        double[] stopValues;
        double[]? startValues = null, weightValues = null;
        bool[] eventValues;
        var numericValues = new double[columns.Length][];
        var clusterText = new List<string>();
        var text = request.Covariates.Select(_ => new List<string>()).ToArray();

        var fast = plain
            ? CoxColumns.TryRead(source, table.Columns,
                [stopColumn, .. startColumn is int s0 ? [s0] : Array.Empty<int>(), .. weightColumn is int w0 ? [w0] : Array.Empty<int>(), .. columns], eventColumn)
            : null;
        if (fast is var (numbers, flags))
        {
            int k = 0;
            stopValues = numbers[k++];
            if (startColumn is not null) startValues = numbers[k++];
            if (weightColumn is not null) weightValues = numbers[k++];
            for (int j = 0; j < columns.Length; j++) numericValues[j] = numbers[k++];
            eventValues = flags;
        }
        else
        {
            var stop = new List<double>();
            var start = new List<double>();
            var events = new List<bool>();
            var weights = new List<double>();
            var numeric = request.Covariates.Select(_ => new List<double>()).ToArray();
            while (table.Read())
            {
                stop.Add(Numbers.Cell(table, stopColumn, request.Duration));
                events.Add(ScoreParser.EventFlag(table, eventColumn, request.Event));
                if (startColumn is int sc) start.Add(Numbers.Cell(table, sc, request.Start!));
                if (weightColumn is int wc) weights.Add(Numbers.Cell(table, wc, request.Weight!));
                if (strataColumn is int stc) strataText.Add(table.Field(stc));
                if (clusterColumn is int cc) clusterText.Add(table.Field(cc));
                if (idColumn is int ic) ids.Add(table.Field(ic));
                for (int j = 0; j < columns.Length; j++)
                {
                    if (isCategorical[j]) text[j].Add(table.Field(columns[j]));
                    else numeric[j].Add(Numbers.Cell(table, columns[j], request.Covariates[j]));
                }
            }

            stopValues = [.. stop];
            eventValues = [.. events];
            if (startColumn is not null) startValues = [.. start];
            if (weightColumn is not null) weightValues = [.. weights];
            for (int j = 0; j < columns.Length; j++) if (!isCategorical[j]) numericValues[j] = [.. numeric[j]];
        }

        phases.Mark("read");
        if (stopValues.Length == 0)
        {
            throw new InputException($"{source.DisplayName}: the file has a header but no data rows.");
        }

        // Design matrix: numeric columns as they are, categorical ones as treatment contrasts "name=level" (first sorted level = reference).
        var names = new List<string>();
        for (int j = 0; j < columns.Length; j++)
        {
            if (!isCategorical[j])
            {
                termGroups.Add(new(request.Covariates[j], [design.Count]));
                names.Add(request.Covariates[j]);
                design.Add(numericValues[j]);
                continue;
            }

            var levels = text[j].Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
            if (levels.Length < 2)
            {
                throw new InputException($"The categorical covariate '{request.Covariates[j]}' has only one level ('{levels.FirstOrDefault()}').");
            }

            levelSets[j] = levels;
            var indices = new List<int>();
            foreach (string level in levels.Skip(1))
            {
                indices.Add(design.Count);
                names.Add($"{request.Covariates[j]}={level}");
                design.Add(text[j].Select(v => v == level ? 1.0 : 0.0).ToArray());
            }

            termGroups.Add(new(request.Covariates[j], [.. indices]));
        }

        int[]? Codes(List<string> values) => values.Count == 0 ? null : Coded(values);
        var data = CoxData.Create(names, design, stopValues, eventValues, start: startValues,
            weights: weightValues, strata: Codes(strataText), clusters: Codes(clusterText));
        phases.Mark("data");
        if (request.Score is null)
        {
            // The input columns are no longer needed (CoxData holds its own sorted copy): let the collector reuse their memory.
            Array.Clear(numericValues);
            design.Clear();
        }

        return data;
    }

    /// <summary>Phase timings on standard error when TRUSTMETRICS_PHASES=1 (for profiling the whole process; off by default).</summary>
    private sealed class Phases
    {
        private readonly System.Diagnostics.Stopwatch? watch;
        private TimeSpan cpu;

        private Phases(bool on)
        {
            watch = on ? System.Diagnostics.Stopwatch.StartNew() : null;
            cpu = on ? System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime : default;
        }

        public static Phases FromEnvironment() => new(Environment.GetEnvironmentVariable("TRUSTMETRICS_PHASES") == "1");

        public void Mark(string phase)
        {
            if (watch is null) return;
            var process = System.Diagnostics.Process.GetCurrentProcess();
            var now = process.TotalProcessorTime;
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"phase {phase,-12} {watch.Elapsed.TotalMilliseconds,6:0} ms wall {(now - cpu).TotalMilliseconds,6:0} ms cpu (process {(DateTime.Now - process.StartTime).TotalMilliseconds:0} ms wall {now.TotalMilliseconds:0} ms cpu, peak {process.PeakWorkingSet64 >> 20} MB)"));
            cpu = now;
            watch.Restart();
        }
    }

    private static int[] Coded(List<string> values)
    {
        var levels = values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select((v, i) => (v, i)).ToDictionary(t => t.v, t => t.i, StringComparer.Ordinal);
        return values.Select(v => levels[v]).ToArray();
    }

    private static void WriteScores(Request request, CoxFit fit, CoxData data, List<double[]> design, List<string> strataText, List<string> ids)
    {
        int n = design[0].Length, p = design.Count;
        // One line per customer: with --id the last row (largest stop time) of each id, otherwise every row.
        var rows = Enumerable.Range(0, n).ToArray();
        if (ids.Count > 0)
        {
            var last = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int i = 0; i < n; i++) last[ids[i]] = i;
            rows = [.. last.Values.Order()];
        }

        var strataCodes = strataText.Count == 0 ? null : Coded(strataText);
        var profiles = rows.Select(i => Enumerable.Range(0, p).Select(j => design[j][i]).ToArray()).ToArray();
        var predictions = CoxFitAnalyses.PredictMany(fit, data, profiles, rows.Select(i => strataCodes?[i]).ToArray(), request.Horizons);
        var csv = new StringBuilder();
        if (ids.Count > 0) csv.Append("id,");
        csv.Append("linear_predictor");
        foreach (double h in request.Horizons)
        {
            string t = h.ToString("R", CultureInfo.InvariantCulture);
            csv.Append($",survival_{t},lower_{t},upper_{t}");
        }

        csv.Append('\n');
        for (int k = 0; k < rows.Length; k++)
        {
            if (ids.Count > 0) csv.Append(ids[rows[k]]).Append(',');
            csv.Append(fit.LinearPredictor(profiles[k]).ToString("R", CultureInfo.InvariantCulture));
            foreach (var point in predictions[k])
            {
                csv.Append(',').Append(point.Survival.ToString("R", CultureInfo.InvariantCulture))
                   .Append(',').Append(point.Lower.ToString("R", CultureInfo.InvariantCulture))
                   .Append(',').Append(point.Upper.ToString("R", CultureInfo.InvariantCulture));
            }

            csv.Append('\n');
        }

        File.WriteAllText(request.Score!.FullName, csv.ToString());
    }

    private static void Test(Utf8JsonWriter json, string name, CoxTest test)
    {
        json.WriteStartObject(name);
        MetricJson.Number(json, "statistic", test.Statistic);
        json.WriteNumber("df", test.DegreesOfFreedom);
        MetricJson.Number(json, "p", test.PValue);
        json.WriteEndObject();
    }

    private static void WriteJson(Utf8JsonWriter json, CoxFit fit, CoxConcordance concordance, CoxProportionalHazardsTest ph, int? customers, CoxHoldout? holdout)
    {
        json.WriteStartObject();
        json.WriteString("model", "cox");
        json.WriteNumber("n", fit.RowCount);
        if (customers is int c) json.WriteNumber("customers", c);
        json.WriteNumber("events", fit.EventCount);
        json.WriteString("ties", fit.Ties == CoxTies.Efron ? "efron" : "breslow");
        json.WriteStartArray("coefficients");
        foreach (var k in fit.Coefficients)
        {
            json.WriteStartObject();
            json.WriteString("term", k.Term);
            MetricJson.Number(json, "coef", k.Coefficient);
            MetricJson.Number(json, "se", k.StandardError);
            MetricJson.Number(json, "robustSe", k.RobustStandardError);
            MetricJson.Number(json, "z", k.Z);
            MetricJson.Number(json, "p", k.PValue);
            MetricJson.Number(json, "hazardRatio", k.HazardRatio);
            MetricJson.Number(json, "lower", k.Lower);
            MetricJson.Number(json, "upper", k.Upper);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartObject("logLikelihood");
        MetricJson.Number(json, "null", fit.NullLogLikelihood);
        MetricJson.Number(json, "model", fit.LogLikelihood);
        json.WriteEndObject();
        json.WriteStartObject("tests");
        Test(json, "likelihoodRatio", fit.LikelihoodRatioTest);
        Test(json, "wald", fit.WaldTest);
        Test(json, "score", fit.ScoreTest);
        json.WriteEndObject();
        json.WriteStartObject("concordance");
        MetricJson.Number(json, "value", concordance.Value);
        MetricJson.Number(json, "se", concordance.StandardError);
        json.WriteEndObject();
        json.WriteStartObject("phTest");
        json.WriteStartArray("terms");
        for (int t = 0; t < ph.Terms.Count; t++)
        {
            json.WriteStartObject();
            json.WriteString("term", ph.Terms[t]);
            MetricJson.Number(json, "chisq", ph.Tests[t].Statistic);
            json.WriteNumber("df", ph.Tests[t].DegreesOfFreedom);
            MetricJson.Number(json, "p", ph.Tests[t].PValue);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartObject("global");
        MetricJson.Number(json, "chisq", ph.Global.Statistic);
        json.WriteNumber("df", ph.Global.DegreesOfFreedom);
        MetricJson.Number(json, "p", ph.Global.PValue);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteBoolean("converged", fit.Convergence.Converged);
        json.WriteNumber("iterations", fit.Convergence.Iterations);
        holdout?.WriteJson(json);
        json.WriteEndObject();
    }

    private static Document Document(SurveySource source, Request request, CoxFit fit, CoxConcordance concordance, CoxProportionalHazardsTest ph, CoxHoldout? holdout)
    {
        string level = Formatting.Level(request.Confidence);
        var rows = fit.Coefficients.Select(k => (IReadOnlyList<string>)
        [
            k.Term, Formatting.Number(k.Coefficient, 4), Formatting.Number(k.HazardRatio, 3), Formatting.Number(k.RobustStandardError ?? k.StandardError, 4),
            Formatting.Number(k.Z, 2), Formatting.PValue(k.PValue), $"[{Formatting.Number(k.Lower, 3)}, {Formatting.Number(k.Upper, 3)}]",
        ]).ToList();
        var tables = new List<Table>
        {
            new("Hazard ratios", ["Term", "coef", "HR", fit.IsRobust ? "robust SE" : "SE", "z", "p", $"{level} CI (HR)"], rows,
                fit.Coefficients.Any(k => k.MayBeInfinite) ? [fit.Convergence.Message] : []),
            new("Proportional-hazards test (cox.zph, km)", ["Term", "χ²", "df", "p"],
                ph.Terms.Select((t, i) => (IReadOnlyList<string>)[t, Formatting.Number(ph.Tests[i].Statistic, 3), ph.Tests[i].DegreesOfFreedom.ToString(CultureInfo.InvariantCulture), Formatting.PValue(ph.Tests[i].PValue)])
                    .Append(["GLOBAL", Formatting.Number(ph.Global.Statistic, 3), ph.Global.DegreesOfFreedom.ToString(CultureInfo.InvariantCulture), Formatting.PValue(ph.Global.PValue)]).ToList(),
                []),
        };
        if (holdout is not null) tables.AddRange(holdout.Tables(request.Confidence));
        return new Document("Cox proportional hazards (who churns and why)",
        [
            $"Source: {source.DisplayName}; n = {Formatting.Count(fit.RowCount)}, events = {Formatting.Count(fit.EventCount)}, ties {(fit.Ties == CoxTies.Efron ? "efron" : "breslow")}",
            $"Likelihood ratio {fit.LikelihoodRatioTest}; Wald {fit.WaldTest}; score {fit.ScoreTest}",
            $"Concordance {concordance}; {fit.Convergence}",
        ], tables);
    }
}
