using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using TrustMetrics.Cli.Input;
using TrustMetrics.Cli.Output;
using TrustMetrics.Monitoring;

namespace TrustMetrics.Cli.Monitoring;

/// <summary>
/// <c>trustmetrics monitor</c>: replays a time-ordered file through the anytime-valid monitors and change detectors of
/// <c>TrustMetrics.Monitoring</c>, per group, and prints each alert as it would have fired (docs/monitoring.md).
/// </summary>
internal static class MonitorCommand
{
    /// <summary>Drop the CUSUM is tuned for, as a share of the value range (NPS: 10 points; CSAT 1–5: 0.2; a rate: 5 points).</summary>
    internal const double CusumDropShare = 0.05;

    public static Command Create(CliContext context)
    {
        var input = new Option<FileInfo>("--input", "-i") { Description = "CSV file with a header row.", Required = true };
        var time = new Option<string>("--time") { Description = "Timestamp column (ISO 8601 date or date-time; yyyy-MM months are read as their first day).", Required = true };
        var metric = new Option<string>("--metric") { Description = "nps (0–10 scores), csat (a 1–5/1–7/0–10 scale mean) or rate (0/1, true/false).", Required = true };
        metric.AcceptOnlyFromAmong("nps", "csat", "rate");
        var column = new Option<string>("--column", "-c") { Description = "The score column.", Required = true };
        var group = new Option<string?>("--group", "-g") { Description = "Run the monitors per value of this column (channel, segment, …)." };
        var alpha = new Option<double>("--alpha") { Description = "Error rate of the anytime-valid alerts over the whole horizon, in (0, 1).", DefaultValueFactory = _ => 0.05 };
        var arl = new Option<double>("--arl") { Description = "ARL₀ of CUSUM and GLR: expected observations of a group to a false alarm.", DefaultValueFactory = _ => 1_000_000 };
        var baselineUntil = new Option<string?>("--baseline-until") { Description = "Last date of the baseline period (default: the first fifth of the time range)." };
        var compare = new Option<bool>("--compare-groups") { Description = "Also compare every pair of groups (alerts 'A|B': A below B)." };
        var overall = new Option<bool>("--overall") { Description = "With --group, also monitor all rows together (group 'All')." };
        var format = new Option<string>("--format", "-f") { Description = "Output format: text or json.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Write the result to this file instead of standard output." };
        alpha.Validators.Add(r =>
        {
            double a = r.GetValueOrDefault<double>();
            if (!(a > 0 && a < 1))
            {
                r.AddError($"--alpha must lie strictly between 0 and 1; got {a.ToString(CultureInfo.InvariantCulture)}.");
            }
        });
        arl.Validators.Add(r =>
        {
            double a = r.GetValueOrDefault<double>();
            if (!(a >= 2 && a <= 1e12))
            {
                r.AddError($"--arl must be a number of observations in [2, 1e12]; got {a.ToString(CultureInfo.InvariantCulture)}.");
            }
        });

        var command = new Command("monitor", "Replay a time-ordered file through anytime-valid monitors (confidence sequences, baseline and group comparisons) and CUSUM/GLR change detectors; print each alert as it would have fired.")
        {
            input, time, metric, column, group, alpha, arl, baselineUntil, compare, overall, format, output,
        };
        command.SetAction(parse =>
        {
            var request = new MonitorRequest(parse.GetRequiredValue(input).ToString(), parse.GetRequiredValue(time), parse.GetRequiredValue(metric),
                parse.GetRequiredValue(column), parse.GetValue(group), parse.GetValue(alpha), parse.GetValue(arl), parse.GetValue(baselineUntil),
                parse.GetValue(compare), parse.GetValue(overall));
            return CommandOutput.Run(() => Render(MonitorRun.Execute(request)), parse.GetValue(format) == "json" ? OutputFormat.Json : OutputFormat.Text,
                parse.GetValue(output), context);
        });
        return command;
    }

    private static CommandOutput.Result Render(MonitorReport report)
    {
        var summary = new List<string>
        {
            $"Source: {report.Source}, {report.Metric} of '{report.Column}' over {Formatting.Count(report.Rows)} responses ({Formatting.Count(report.Skipped)} blank cells skipped)",
            $"Baseline: responses up to {Stamp(report.BaselineUntil)}; anytime α = {report.Alpha.ToString("G", CultureInfo.InvariantCulture)}, CUSUM/GLR ARL₀ = {report.Arl.ToString("G", CultureInfo.InvariantCulture)} observations per group",
            report.Alerts.Count == 0 ? "No alert fired." : $"{report.Alerts.Count} alert{(report.Alerts.Count == 1 ? "" : "s")} fired.",
        };
        int d = report.Decimals;
        var alertRows = report.Alerts.Select(a => (IReadOnlyList<string>)
        [
            Stamp(a.Time), a.Group, a.Detector, Formatting.Number(a.Estimate, d), $"[{Formatting.Number(a.Lower, d)}, {Formatting.Number(a.Upper, d)}]",
            a.ChangeTime is DateTime c ? Stamp(c) : "–", Formatting.Signed(a.ChangeSize, d),
            a.ChangeLower is double cl && a.ChangeUpper is double cu ? $"[{Formatting.Signed(cl, d)}, {Formatting.Signed(cu, d)}]" : "–",
            a.BaselineMean is double bm ? Formatting.Number(bm, d) : "–",
        ]).ToList();
        var groupRows = report.Groups.Select(g => (IReadOnlyList<string>)
            [g.Group, Formatting.Count(g.Count), Formatting.Number(g.Estimate, d), $"[{Formatting.Number(g.Lower, d)}, {Formatting.Number(g.Upper, d)}]"]).ToList();
        var tables = new List<Table>
        {
            new("Alerts", ["Time", "Group", "Detector", "Estimate", "Confidence sequence", "Change time", "Change size", $"Change {Formatting.Level(1 - report.Alpha)} interval", "Baseline"], alertRows,
            [
                "Change interval: anytime-valid interval (α/2 per side) of the mean of the answers since the change (cusum/glr: from the change time to the alarm; anytime-baseline: since the baseline) minus the baseline mean; for cusum/glr descriptive, as the change time is chosen from the data. Baseline: the group's baseline mean.",
                "cusum / glr thresholds account for the baseline being estimated (Gandy & Kvaløy 2013): ARL₀ reached with probability 0.9 over the baseline sample.",
                "Estimate and confidence sequence: the group's responses since the baseline (anytime-compare: the difference A − B over all responses).",
                "anytime-baseline: below the baseline (two confidence sequences, α over the whole horizon); change size = mean since the baseline − baseline mean.",
                "anytime-compare: group A below group B ('A|B'). cusum / glr: a drop detected; change time = estimated change point, change size = mean since it − baseline mean.",
            ]),
            new("Final confidence sequences", ["Group", "n", "Estimate", $"Anytime {Formatting.Level(1 - report.Alpha)} CS"], groupRows,
                [report.Metric == "nps" ? "NPS in points (−100..100); normal-mixture confidence sequence (Howard et al. 2021), valid at every n." : "Normal-mixture confidence sequence (Howard et al. 2021), valid at every n."]),
        };

        void WriteJson(Utf8JsonWriter json)
        {
            json.WriteStartObject();
            json.WriteStartArray("alerts");
            foreach (var a in report.Alerts)
            {
                json.WriteStartObject();
                json.WriteString("time", Stamp(a.Time));
                json.WriteString("group", a.Group);
                json.WriteString("metric", report.Metric);
                json.WriteString("detector", a.Detector);
                json.WriteNumber("estimate", a.Estimate);
                json.WriteNumber("lower", a.Lower);
                json.WriteNumber("upper", a.Upper);
                if (a.ChangeTime is DateTime c)
                {
                    json.WriteString("changeTime", Stamp(c));
                }
                else
                {
                    json.WriteNull("changeTime");
                }

                json.WriteNumber("changeSize", a.ChangeSize);
                // Added fields (the issue's fields above keep their names): the change interval and the baseline mean.
                WriteOptional(json, "changeLower", a.ChangeLower);
                WriteOptional(json, "changeUpper", a.ChangeUpper);
                WriteOptional(json, "baseline", a.BaselineMean);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("groups");
            foreach (var g in report.Groups)
            {
                json.WriteStartObject();
                json.WriteString("group", g.Group);
                json.WriteNumber("n", g.Count);
                json.WriteStartObject("final");
                json.WriteNumber("estimate", g.Estimate);
                json.WriteNumber("lower", g.Lower);
                json.WriteNumber("upper", g.Upper);
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return new CommandOutput.Result(new Document($"Monitoring: {report.Metric}", summary, tables), WriteJson);
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, double? value)
    {
        if (value is double v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    /// <summary>ISO 8601: a date when the time is midnight, else a UTC date-time.</summary>
    internal static string Stamp(DateTime t) => t.TimeOfDay == TimeSpan.Zero
        ? t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
        : t.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
