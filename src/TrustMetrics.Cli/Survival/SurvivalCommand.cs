using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using TrustMetrics.Cli.Input;
using TrustMetrics.Cli.Output;
using TrustMetrics.Cli.Report;
using TrustMetrics.Survival;

namespace TrustMetrics.Cli.Survival;

/// <summary>
/// <c>trustmetrics survival</c>: Kaplan–Meier survival (time to churn) from a duration and an event column, optionally per
/// group with the log-rank test between the groups.
/// </summary>
internal static class SurvivalCommand
{
    private const int MaxTableRowsInText = 40;

    private static readonly Dictionary<string, SurvivalIntervalMethod> Methods = CoreNames.Map<SurvivalIntervalMethod>(SurvivalIntervals.Name);

    public static Command Create(CliContext context)
    {
        var common = new CommonOptions();
        var duration = new Option<string>("--duration") { Description = "Column with each customer's time observed (≥ 0, any unit).", Required = true };
        var churned = new Option<string>("--event") { Description = "Column with 1 (churned) or 0 (still active, censored); true/false also accepted.", Required = true };
        var ci = new Option<string>("--ci") { Description = "Pointwise interval: log-log (default, as lifelines and SAS), log (R's default) or plain.", DefaultValueFactory = _ => "log-log" };
        ci.AcceptOnlyFromAmong([.. Methods.Keys]);
        var horizon = new Option<double?>("--horizon") { Description = "Also report the restricted mean survival time up to this time." };
        horizon.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double?>() is double h && !(double.IsFinite(h) && h > 0))
            {
                result.AddError("--horizon must be a positive number.");
            }
        });

        var start = new Option<string?>("--start") { Description = "Column with each customer's entry time (delayed entry / left truncation, R's Surv(start, stop, event)); --duration is then the exit time on the same clock, > start." };
        var weights = new Option<string?>("--weights") { Description = "Weights of the test between groups: logrank (default) or fh:RHO,GAMMA (Fleming–Harrington G(ρ, γ); fh:1,0 = Peto–Peto, fh:0,1 weights late differences)." };
        weights.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } text && ParseWeights(text) is null)
            {
                result.AddError($"--weights '{text}' is not logrank or fh:RHO,GAMMA with RHO and GAMMA finite numbers ≥ 0 (e.g. fh:0,1).");
            }
        });
        var pairwise = new Option<bool>("--pairwise") { Description = "With --group: also test every pair of groups, p-values Holm-adjusted." };
        var cause = new Option<string?>("--cause") { Description = "Column with the cause of churn for churned rows (e.g. voluntary, payment): competing risks — cumulative incidence per cause (Aalen–Johansen) and, with --group, Gray's test per cause." };

        var command = new Command("survival", "Kaplan–Meier survival curve (time to churn) with Greenwood intervals, median and, with --group, the log-rank test.");
        command.Add(common.Input);
        command.Add(duration);
        command.Add(churned);
        command.Add(start);
        command.Add(common.Group);
        command.Add(weights);
        command.Add(pairwise);
        command.Add(cause);
        command.Add(ci);
        command.Add(horizon);
        command.Add(common.Confidence);
        command.Add(common.Format);
        command.Add(common.Output);
        command.SetAction(parse =>
        {
            var request = new Request(parse.GetRequiredValue(common.Input).ToString(), parse.GetRequiredValue(duration), parse.GetRequiredValue(churned),
                parse.GetValue(common.Group), Methods[parse.GetValue(ci)!], parse.GetValue(horizon), parse.GetValue(common.Confidence),
                parse.GetValue(start), ParseWeights(parse.GetValue(weights) ?? "logrank")!, parse.GetValue(pairwise), parse.GetValue(cause));
            return CommandOutput.Run(() => Execute(request), common.ParseFormat(parse), parse.GetValue(common.Output), context);
        });
        return command;
    }

    private sealed record Request(string Input, string Duration, string Event, string? Group, SurvivalIntervalMethod Method, double? Horizon, double Confidence,
        string? Start, LogRankWeights Weights, bool Pairwise, string? Cause);

    /// <summary>The analyses beyond the curves: pairwise tests, and with --cause the competing-risks results.</summary>
    private sealed record Extras(PairwiseLogRankResult<string>? Pairwise, CumulativeIncidenceResult? Incidence,
        List<(string Group, CumulativeIncidenceResult Result)> GroupIncidence, List<GrayTestResult<string>> GrayTests);

    /// <summary>"logrank" or "fh:RHO,GAMMA" (finite, ≥ 0); null when the text is neither.</summary>
    internal static LogRankWeights? ParseWeights(string text)
    {
        if (text.Equals("logrank", StringComparison.OrdinalIgnoreCase) || text.Equals("log-rank", StringComparison.OrdinalIgnoreCase))
        {
            return LogRankWeights.LogRank;
        }

        if (!text.StartsWith("fh:", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var parts = text[3..].Split(',');
        return parts.Length == 2
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double rho)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double gamma)
            && rho >= 0 && gamma >= 0 && double.IsFinite(rho) && double.IsFinite(gamma)
            ? new LogRankWeights(rho, gamma)
            : null;
    }

    private static CommandOutput.Result Execute(Request request)
    {
        if (request.Pairwise && request.Group is null)
        {
            throw new CommandLineException("--pairwise compares groups: give --group COL too.");
        }

        var source = SurveySource.FromFile(request.Input);
        using var table = CsvTable.Open(source);
        int durationColumn = table.Column(request.Duration);
        int eventColumn = table.Column(request.Event);
        int? groupColumn = request.Group is null ? null : table.Column(request.Group);
        int? startColumn = request.Start is null ? null : table.Column(request.Start);
        int? causeColumn = request.Cause is null ? null : table.Column(request.Cause);
        var limit = request.Group is null ? null : new GroupLimit(table, request.Group);

        // Rows stream into per-group tallies (SurvivalTallies): nothing per row is kept beyond a bounded chunk. Without groups,
        // entry times or causes, a plain comma-separated file is tallied straight from its bytes on both cores (SurvivalFastReader).
        var tallies = new SurvivalTallies(startColumn is not null, causeColumn is not null);
        var fast = groupColumn is null && startColumn is null && causeColumn is null
            ? SurvivalFastReader.TryRead(source, table.Columns, durationColumn, eventColumn)
            : null;
        while (fast is null && table.Read())
        {
            double time = ScoreParser.Duration(table, durationColumn, request.Duration);
            bool churned = ScoreParser.EventFlag(table, eventColumn, request.Event);
            double entry = 0;
            if (startColumn is int sc)
            {
                entry = ScoreParser.Duration(table, sc, request.Start!);
                if (!(time > entry))
                {
                    throw InputException.AtCell(source.DisplayName, table.Line, request.Duration, table.Field(durationColumn),
                        $"is not after the entry time {table.Field(sc)} in '{request.Start}': with --start the exit (--duration) must be later than the entry (R's Surv(start, stop) needs stop > start).");
                }
            }

            string? why = null;
            if (causeColumn is int cc && churned)
            {
                why = table.Field(cc);
                if (why.Length == 0)
                {
                    throw InputException.AtCell(source.DisplayName, table.Line, request.Cause!, why, "is empty for a churned row: name the cause of every churn (e.g. voluntary, payment).");
                }
            }

            var group = groupColumn is int g ? table.FieldSpan(g) : [];
            if (group.IsEmpty)
            {
                group = GroupedTallies<int>.BlankGroup;
            }

            if (tallies.Add(group, entry, time, churned, why))
            {
                limit?.Check(tallies.GroupCount, group.ToString());
            }
        }

        if (fast is null && tallies.Count == 0)
        {
            throw new InputException($"{source.DisplayName}: the file has a header but no data rows.");
        }

        var analyzer = new SurvivalAnalyzer(new TrustMetricsOptions { ConfidenceLevel = request.Confidence });
        var groupTallies = fast is null ? tallies.Tallies() : [KeyValuePair.Create(GroupedTallies<int>.BlankGroup, fast)];
        var whole = groupTallies.Aggregate(SurvivalTally.Empty, (sum, t) => sum + t.Value);
        var overall = analyzer.KaplanMeier(whole, request.Confidence, request.Method);
        SurvivalComparison<string>? comparison = null;
        PairwiseLogRankResult<string>? pairs = null;
        if (groupColumn is not null)
        {
            var curves = groupTallies.Select(t => new Grouping.GroupResult<string, KaplanMeierResult>(t.Key, analyzer.KaplanMeier(t.Value, request.Confidence, request.Method))).ToArray();
            comparison = new SurvivalComparison<string>(curves, groupTallies.Count >= 2 ? analyzer.LogRank(groupTallies, request.Weights) : null);
            if (request.Pairwise)
            {
                pairs = groupTallies.Count >= 2 ? analyzer.PairwiseLogRank(groupTallies, request.Weights)
                    : throw new InputException($"--pairwise needs at least two groups in '{request.Group}'; found {groupTallies.Count}.");
            }
        }

        var extras = new Extras(pairs, null, [], []);
        if (request.Cause is not null)
        {
            if (request.Start is not null)
            {
                throw new CommandLineException("--cause with --start is not supported: competing-risks estimates here are for right-censored data (no delayed entry).");
            }

            var riskTallies = tallies.RiskTallies();
            var wholeRisks = riskTallies.Aggregate(CompetingRisksTally.Empty, (sum, t) => sum + t.Value);
            if (wholeRisks.Causes.Count == 0)
            {
                throw new InputException($"{source.DisplayName}: --cause given but no row churned, so there is no cause to estimate.");
            }

            extras = extras with { Incidence = analyzer.CumulativeIncidence(wholeRisks, request.Confidence, request.Method) };
            if (groupColumn is not null)
            {
                extras.GroupIncidence.AddRange(riskTallies.Select(t => (t.Key, analyzer.CumulativeIncidence(t.Value, request.Confidence, request.Method))));
                if (riskTallies.Count >= 2)
                {
                    extras.GrayTests.AddRange(wholeRisks.Causes.Select(c => analyzer.GrayTest(riskTallies, c)));
                }
            }
        }

        return new CommandOutput.Result(Document(source, request, overall, comparison, extras), json => WriteJson(json, source, request, overall, comparison, extras));
    }

    private static void WriteJson(Utf8JsonWriter json, SurveySource source, Request request, KaplanMeierResult overall, SurvivalComparison<string>? comparison,
        Extras extras)
    {
        json.WriteStartObject();
        json.WriteString("metric", "kaplan-meier");
        json.WriteString("source", source.DisplayName);
        if (request.Start is not null)
        {
            json.WriteString("start", request.Start);
        }

        WriteCurve(json, overall, request.Horizon);
        if (comparison is not null)
        {
            json.WriteString("groupBy", request.Group);
            json.WriteStartArray("groups");
            foreach (var group in comparison.Groups)
            {
                json.WriteStartObject();
                json.WriteString("group", group.Group);
                WriteCurve(json, group.Result, request.Horizon);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            if (comparison.LogRank is { } logRank)
            {
                json.WriteStartObject("logRank");
                MetricJson.Number(json, "chiSquare", logRank.ChiSquare);
                json.WriteNumber("df", logRank.DegreesOfFreedom);
                json.WriteNumber("pValue", logRank.PValue);
                json.WriteStartObject("weights");
                json.WriteNumber("rho", logRank.Weights.Rho);
                json.WriteNumber("gamma", logRank.Weights.Gamma);
                json.WriteEndObject();
                json.WriteStartArray("groups");
                foreach (var g in logRank.Groups)
                {
                    json.WriteStartObject();
                    json.WriteString("group", g.Group);
                    json.WriteNumber("n", g.Count);
                    json.WriteNumber("observed", g.Observed);
                    json.WriteNumber("expected", g.Expected);
                    json.WriteNumber("score", g.Score);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            if (extras.Pairwise is { } pairwise)
            {
                json.WriteStartObject("pairwise");
                json.WriteString("adjustment", pairwise.Adjustment);
                json.WriteStartArray("pairs");
                foreach (var pair in pairwise.Pairs)
                {
                    json.WriteStartObject();
                    json.WriteString("first", pair.First);
                    json.WriteString("second", pair.Second);
                    MetricJson.Number(json, "chiSquare", pair.ChiSquare);
                    json.WriteNumber("df", pair.Test.DegreesOfFreedom);
                    json.WriteNumber("pValue", pair.PValue);
                    json.WriteNumber("adjustedPValue", pair.AdjustedPValue);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }
        }

        if (extras.Incidence is { } incidence)
        {
            json.WriteStartObject("competingRisks");
            json.WriteString("causeColumn", request.Cause);
            WriteIncidence(json, incidence);
            if (extras.GroupIncidence.Count > 0)
            {
                json.WriteStartArray("groups");
                foreach (var (group, result) in extras.GroupIncidence)
                {
                    json.WriteStartObject();
                    json.WriteString("group", group);
                    WriteIncidence(json, result);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            if (extras.GrayTests.Count > 0)
            {
                json.WriteStartArray("grayTests");
                foreach (var test in extras.GrayTests)
                {
                    json.WriteStartObject();
                    json.WriteString("cause", test.Cause);
                    MetricJson.Number(json, "chiSquare", test.ChiSquare);
                    json.WriteNumber("df", test.DegreesOfFreedom);
                    json.WriteNumber("pValue", test.PValue);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void WriteIncidence(Utf8JsonWriter json, CumulativeIncidenceResult result)
    {
        json.WriteStartArray("causes");
        foreach (var curve in result.Curves)
        {
            json.WriteStartObject();
            json.WriteString("cause", curve.Cause);
            json.WriteNumber("events", curve.Table.Sum(p => p.Events));
            json.WriteStartArray("table");
            foreach (var point in curve.Table)
            {
                json.WriteStartObject();
                json.WriteNumber("time", point.Time);
                json.WriteNumber("atRisk", point.AtRisk);
                json.WriteNumber("events", point.Events);
                json.WriteNumber("incidence", point.Incidence);
                MetricJson.Number(json, "standardError", point.StandardError);
                MetricJson.Number(json, "lower", point.Lower);
                MetricJson.Number(json, "upper", point.Upper);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>The members of a Kaplan–Meier table row in --format json, in order (a public contract: the writer below spells them too).</summary>
    private static readonly string[] TableMembers = ["time", "atRisk", "events", "censored", "survival", "standardError", "lower", "upper"];

    private static void WriteCurve(Utf8JsonWriter json, KaplanMeierResult result, double? horizon)
    {
        json.WriteNumber("n", result.Count);
        json.WriteNumber("events", result.EventCount);
        json.WriteNumber("censored", result.CensoredCount);
        var median = result.Median;
        json.WriteStartObject("median");
        MetricJson.Number(json, "time", median.Time);
        MetricJson.Number(json, "lower", median.Lower);
        MetricJson.Number(json, "upper", median.Upper);
        json.WriteNumber("level", median.Level);
        json.WriteString("method", MethodName(median.Method));
        json.WriteEndObject();
        if (horizon is double h)
        {
            var rmst = result.RestrictedMean(h);
            json.WriteStartObject("restrictedMean");
            json.WriteNumber("horizon", h);
            MetricJson.Number(json, "value", rmst.Value);
            MetricJson.Number(json, "standardError", rmst.StandardError);
            MetricJson.Interval(json, "confidenceInterval", rmst.Interval);
            json.WriteEndObject();
        }

        // The table (one row per distinct time: 731,991 rows, 186 MB on a million subjects) is formatted in blocks straight into
        // the output, on two threads when there are many rows (JsonRows); the same bytes as the writer below.
        var table = result.Table;
        if (JsonRows.TryWriteArray(json, "table", TableMembers, table.Count, (int i, ref JsonRows.Row row) =>
        {
            var point = table[i];
            row.Number(point.Time);
            row.Integer(point.AtRisk);
            row.Integer(point.Events);
            row.Integer(point.Censored);
            row.Number(point.Survival);
            row.Number(point.StandardError);
            row.Number(point.Lower);
            row.Number(point.Upper);
        }))
        {
            return;
        }

        json.WriteStartArray("table");
        foreach (var point in table)
        {
            json.WriteStartObject();
            json.WriteNumber("time", point.Time);
            json.WriteNumber("atRisk", point.AtRisk);
            json.WriteNumber("events", point.Events);
            json.WriteNumber("censored", point.Censored);
            json.WriteNumber("survival", point.Survival);
            MetricJson.Number(json, "standardError", point.StandardError);
            MetricJson.Number(json, "lower", point.Lower);
            MetricJson.Number(json, "upper", point.Upper);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static string MethodName(SurvivalIntervalMethod method) => Methods.First(pair => pair.Value == method).Key;

    private static Document Document(SurveySource source, Request request, KaplanMeierResult overall, SurvivalComparison<string>? comparison, Extras extras)
    {
        string level = Formatting.Level(request.Confidence);
        var curves = new List<(string Label, KaplanMeierResult Result)> { ("All", overall) };
        if (comparison is not null)
        {
            curves.AddRange(comparison.Groups.Select(g => (g.Group, g.Result)));
        }

        var summaryRows = curves.Select(c => (IReadOnlyList<string>)
        [
            c.Label, Formatting.Count(c.Result.Count), Formatting.Count(c.Result.EventCount), Formatting.Count(c.Result.CensoredCount),
            c.Result.Median.Time is double m ? Formatting.Number(m, 2) : "not reached",
            $"[{Bound(c.Result.Median.Lower)}, {Bound(c.Result.Median.Upper)}]",
            .. request.Horizon is double h ? new[] { Formatting.Number(c.Result.RestrictedMean(h).Value, 2) } : [],
        ]).ToList();
        var tables = new List<Table>
        {
            new(request.Group is null ? "Survival" : $"Survival by {request.Group}",
                [request.Group ?? "Sample", "n", "Churned", "Censored", "Median", $"{level} CI (median)",
                 .. request.Horizon is double hz ? new[] { $"RMST to {Formatting.Number(hz, 2)}" } : []],
                summaryRows, []),
        };

        if (comparison?.LogRank is { } logRank)
        {
            string title = logRank.Weights.IsLogRank ? "Log-rank test" : $"Weighted log-rank test: {logRank.Weights}";
            tables.Add(new Table(title, [request.Group!, "n", "Observed", "Expected", "Score (O − E, weighted)"],
                logRank.Groups.Select(g => (IReadOnlyList<string>)[g.Group, Formatting.Count(g.Count), Formatting.Count(g.Observed), Formatting.Number(g.Expected, 2), Formatting.Number(g.Score, 2)]).ToList(),
                [$"χ² = {Formatting.Number(logRank.ChiSquare, 3)} on {logRank.DegreesOfFreedom} df, {Formatting.PClause(logRank.PValue)}"]));
        }

        if (extras.Pairwise is { } pairwise)
        {
            tables.Add(new Table($"Pairwise tests by {request.Group} ({pairwise.Weights}, Holm-adjusted)", ["Pair", "χ²", "df", "p", "Holm p"],
                pairwise.Pairs.Select(p => (IReadOnlyList<string>)[$"{p.First} vs {p.Second}", Formatting.Number(p.ChiSquare, 3), Formatting.Count(p.Test.DegreesOfFreedom),
                    Formatting.PValue(p.PValue), Formatting.PValue(p.AdjustedPValue)]).ToList(),
                ["Holm's step-down adjustment keeps the chance of any false difference among all pairs at most α."]));
        }

        if (extras.Incidence is { } incidence)
        {
            var columns = new List<string> { "Group" };
            foreach (var curve in incidence.Curves)
            {
                columns.Add($"Churned: {curve.Cause}");
                columns.Add($"{level} CI");
            }

            var sets = new List<(string Label, CumulativeIncidenceResult Result)> { ("All", incidence) };
            sets.AddRange(extras.GroupIncidence);
            double end = incidence.Tally.Times[^1];
            var rows = sets.Select(set =>
            {
                var cells = new List<string> { set.Label };
                foreach (var curve in incidence.Curves)
                {
                    var estimate = set.Result.Curves.FirstOrDefault(c => c.Cause == curve.Cause)?.EstimateAt(end);
                    cells.Add(estimate is null ? "0" : Formatting.Number(estimate.Value, 4));
                    cells.Add(estimate is null ? "–" : $"[{Formatting.Number(estimate.Interval.Lower, 4)}, {Formatting.Number(estimate.Interval.Upper, 4)}]");
                }

                return (IReadOnlyList<string>)cells;
            }).ToList();
            tables.Add(new Table($"Competing risks: cumulative incidence by cause at {Formatting.Number(end, 2)} (Aalen–Johansen)", columns, rows,
                extras.GrayTests.Select(t => $"Gray's test, {t.Cause}: χ² = {Formatting.Number(t.ChiSquare, 3)} on {t.DegreesOfFreedom} df, {Formatting.PClause(t.PValue)}").ToList()));
        }

        foreach (var (label, result) in curves)
        {
            var rows = Sample(result.Table, MaxTableRowsInText);
            tables.Add(new Table($"Kaplan–Meier table: {label}", ["Time", "At risk", "Churned", "Censored", "Survival", "SE", $"{level} CI"],
                rows.Select(p => (IReadOnlyList<string>)
                [
                    Formatting.Number(p.Time, 2), Formatting.Count(p.AtRisk), Formatting.Count(p.Events), Formatting.Count(p.Censored),
                    Formatting.Number(p.Survival, 4), Formatting.Number(p.StandardError, 4), $"[{Formatting.Number(p.Lower, 4)}, {Formatting.Number(p.Upper, 4)}]",
                ]).ToList(),
                rows.Count < result.Table.Count ? [$"Showing {rows.Count} of {result.Table.Count} rows; --format json has them all."] : []));
        }

        return new Document("Kaplan–Meier survival (time to churn)",
            [$"Source: {source.DisplayName}, duration '{request.Duration}', event '{request.Event}'"
                + (request.Start is null ? "" : $", entry '{request.Start}' (delayed entry: at risk from entry to exit)"),
             $"Pointwise intervals: {MethodName(request.Method)} (Greenwood variance), level {level}"],
            tables);
    }

    private static string Bound(double? value) => value is double v && double.IsFinite(v) ? Formatting.Number(v, 2) : "–";

    /// <summary>At most <paramref name="max"/> rows spread evenly over the table, always keeping the first and last.</summary>
    private static List<SurvivalPoint> Sample(IReadOnlyList<SurvivalPoint> table, int max)
    {
        if (table.Count <= max)
        {
            return [.. table];
        }

        return Enumerable.Range(0, max).Select(i => table[(int)Math.Round(i * (table.Count - 1) / (double)(max - 1))]).Distinct().ToList();
    }
}
