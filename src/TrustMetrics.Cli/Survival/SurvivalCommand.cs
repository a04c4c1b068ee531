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

    private static readonly Dictionary<string, SurvivalIntervalMethod> Methods = new(StringComparer.OrdinalIgnoreCase)
    {
        ["log-log"] = SurvivalIntervalMethod.LogLog,
        ["log"] = SurvivalIntervalMethod.Log,
        ["plain"] = SurvivalIntervalMethod.Plain,
    };

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

        var command = new Command("survival", "Kaplan–Meier survival curve (time to churn) with Greenwood intervals, median and, with --group, the log-rank test.");
        command.Add(common.Input);
        command.Add(duration);
        command.Add(churned);
        command.Add(common.Group);
        command.Add(ci);
        command.Add(horizon);
        command.Add(common.Confidence);
        command.Add(common.Format);
        command.Add(common.Output);
        command.SetAction(parse =>
        {
            var request = new Request(parse.GetRequiredValue(common.Input).ToString(), parse.GetRequiredValue(duration), parse.GetRequiredValue(churned),
                parse.GetValue(common.Group), Methods[parse.GetValue(ci)!], parse.GetValue(horizon), parse.GetValue(common.Confidence));
            return CommandOutput.Run(() => Execute(request), common.ParseFormat(parse), parse.GetValue(common.Output), context);
        });
        return command;
    }

    private sealed record Request(string Input, string Duration, string Event, string? Group, SurvivalIntervalMethod Method, double? Horizon, double Confidence);

    private static CommandOutput.Result Execute(Request request)
    {
        var source = SurveySource.FromFile(request.Input);
        using var table = CsvTable.Open(source);
        int durationColumn = table.Column(request.Duration);
        int eventColumn = table.Column(request.Event);
        int? groupColumn = request.Group is null ? null : table.Column(request.Group);
        var limit = request.Group is null ? null : new GroupLimit(table, request.Group);

        var subjects = new List<(string Group, double Duration, bool Event)>();
        while (table.Read())
        {
            double time = ScoreParser.Duration(table, durationColumn, request.Duration);
            bool churned = ScoreParser.EventFlag(table, eventColumn, request.Event);
            string group = groupColumn is int g ? table.Field(g) : string.Empty;
            limit?.See(group);
            subjects.Add((group.Length == 0 ? GroupedTallies<int>.BlankGroup : group, time, churned));
        }

        if (subjects.Count == 0)
        {
            throw new InputException($"{source.DisplayName}: the file has a header but no data rows.");
        }

        var analyzer = new SurvivalAnalyzer(new TrustMetricsOptions { ConfidenceLevel = request.Confidence });
        var overall = analyzer.KaplanMeier(SurvivalTally.FromDurations(subjects.Select(s => (s.Duration, s.Event))), request.Confidence, request.Method);
        var comparison = groupColumn is null ? null : analyzer.KaplanMeierByGroup(subjects, request.Confidence, request.Method);

        return new CommandOutput.Result(Document(source, request, overall, comparison), json => WriteJson(json, source, request, overall, comparison));
    }

    private static void WriteJson(Utf8JsonWriter json, SurveySource source, Request request, KaplanMeierResult overall, SurvivalComparison<string>? comparison)
    {
        json.WriteStartObject();
        json.WriteString("metric", "kaplan-meier");
        json.WriteString("source", source.DisplayName);
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
                json.WriteStartArray("groups");
                foreach (var g in logRank.Groups)
                {
                    json.WriteStartObject();
                    json.WriteString("group", g.Group);
                    json.WriteNumber("n", g.Count);
                    json.WriteNumber("observed", g.Observed);
                    json.WriteNumber("expected", g.Expected);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }
        }

        json.WriteEndObject();
    }

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

        json.WriteStartArray("table");
        foreach (var point in result.Table)
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

    private static Document Document(SurveySource source, Request request, KaplanMeierResult overall, SurvivalComparison<string>? comparison)
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
            tables.Add(new Table("Log-rank test", [request.Group!, "n", "Observed", "Expected"],
                logRank.Groups.Select(g => (IReadOnlyList<string>)[g.Group, Formatting.Count(g.Count), Formatting.Count(g.Observed), Formatting.Number(g.Expected, 2)]).ToList(),
                [$"χ² = {Formatting.Number(logRank.ChiSquare, 3)} on {logRank.DegreesOfFreedom} df, p = {Formatting.PValue(logRank.PValue)}"]));
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
            [$"Source: {source.DisplayName}, duration '{request.Duration}', event '{request.Event}'",
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
