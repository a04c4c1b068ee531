using System.Globalization;
using System.Text;
using System.Text.Json;

namespace TrustMetrics.Cli.Report;

/// <summary>
/// report.json: metadata, inputs, sections (titles, headline, chart and table names) and <c>tables</c>: every data table as an
/// array of flat records (the same rows as data/NAME.csv). Per-customer tables are only in their CSV; <c>files</c> names them.
/// Keys are English whatever the language; titles follow the language.
/// </summary>
internal static class JsonReport
{
    public static string Render(ReportModel model)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("report", "trustmetrics");
            json.WriteString("version", ReportModel.Version);
            json.WriteString("generatedAt", model.Generated.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
            json.WriteString("language", model.Labels.Language);
            json.WriteNumber("confidenceLevel", model.Confidence);
            json.WriteBoolean("sample", model.IsSample);
            WriteKeyFindings(json, model);
            json.WriteStartArray("inputs");
            foreach (var input in model.Inputs)
            {
                json.WriteStartObject();
                json.WriteString("name", input.Name);
                if (input.Source is null)
                {
                    json.WriteNull("source");
                }
                else
                {
                    json.WriteString("source", input.Source);
                }

                json.WriteStartArray("sections");
                foreach (string section in input.Sections)
                {
                    json.WriteStringValue(section);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("sections");
            foreach (var section in model.Sections)
            {
                json.WriteStartObject();
                json.WriteString("id", section.Id);
                json.WriteString("title", section.Title);
                json.WriteString("source", section.Source);
                json.WriteString("headline", section.Headline);
                json.WriteStartArray("tables");
                foreach (var table in section.Data)
                {
                    json.WriteStringValue(table.Name);
                }

                json.WriteEndArray();
                json.WriteStartArray("charts");
                foreach (var chart in section.Charts)
                {
                    json.WriteStringValue("charts/" + chart.Id + ".svg");
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            WriteNotes(json, model.Notes);
            json.WriteStartObject("tables");
            foreach (var table in model.Sections.SelectMany(s => s.Data).Where(t => t.InJson))
            {
                table.WriteJson(json);
            }

            json.WriteEndObject();
            json.WriteStartObject("files");
            foreach (var table in model.Sections.SelectMany(s => s.Data))
            {
                json.WriteString(table.Name, "data/" + table.Name + ".csv");
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>
    /// <c>keyFindings</c>: every finding in rank order (the page shows the first <see cref="KeyFindings.Shown"/>), flat fields
    /// plus <c>recovery</c> (the significant change back in the next period, or null); <c>keyFindingsComparisons</c>: how many
    /// period-over-period comparisons the sections ran in all.
    /// </summary>
    public static void WriteKeyFindings(Utf8JsonWriter json, ReportModel model)
    {
        json.WriteNumber("keyFindingsComparisons", model.Comparisons);
        json.WriteStartArray("keyFindings");
        foreach (var finding in model.KeyFindings)
        {
            var c = finding.Change;
            json.WriteStartObject();
            json.WriteNumber("rank", finding.Rank);
            json.WriteString("tier", finding.Tier switch { FindingTier.Open => "open", FindingTier.Recovered => "recovered", _ => "favourable" });
            json.WriteString("section", c.Section);
            json.WriteString("anchor", "#" + c.Anchor);
            json.WriteString("metric", c.Metric);
            WriteNullable(json, "measure", c.Measure);
            WriteNullable(json, "by", c.By);
            json.WriteString("group", c.By is null ? ReportGroups.All : c.Group);
            WriteChange(json, c);
            json.WriteString("unit", c.Unit switch { FindingUnit.Points => "points", FindingUnit.PercentagePoints => "percentagePoints", _ => "stars" });
            json.WriteBoolean("higherIsBetter", c.HigherIsBetter);
            json.WriteNumber("level", c.Level);
            json.WriteNumber("comparisons", c.Comparisons);
            json.WriteString("correction", "holm");
            json.WriteString("sentence", finding.Sentence);
            json.WriteString("detail", finding.Detail);
            json.WriteString("source", finding.Source);
            if (finding.Recovery is { } r)
            {
                json.WriteStartObject("recovery");
                WriteChange(json, r);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("recovery");
            }

            if (finding.Monitor is { } episode)
            {
                json.WriteStartObject("monitor");
                WriteAlert(json, episode.Lead);
                json.WriteStartArray("detectors");
                foreach (string detector in episode.Detectors)
                {
                    json.WriteStringValue(detector);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("monitor");
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        WriteMonitorAlerts(json, model);
    }

    /// <summary>
    /// <c>monitored</c> (true when the monitors ran: the survey's period column holds timestamps) and <c>monitorAlerts</c>: every alert
    /// of the report's monitors (<see cref="ReportMonitors"/>), per series in firing order, with its series keys.
    /// </summary>
    public static void WriteMonitorAlerts(Utf8JsonWriter json, ReportModel model)
    {
        json.WriteBoolean("monitored", model.Monitored);
        json.WriteStartArray("monitorAlerts");
        var shown = new Dictionary<MonitorFinding, int>(ReferenceEqualityComparer.Instance);
        foreach (var finding in model.KeyFindings.Where(f => f.Monitor is not null))
        {
            foreach (var alert in finding.Monitor!.Alerts)
            {
                shown[alert] = finding.Rank;
            }
        }

        foreach (var alert in model.MonitorAlerts)
        {
            json.WriteStartObject();
            json.WriteString("section", alert.Section);
            json.WriteString("anchor", "#" + alert.Anchor);
            json.WriteString("metric", alert.Metric);
            WriteNullable(json, "measure", alert.Measure);
            WriteNullable(json, "by", alert.By);
            json.WriteString("group", alert.Group);
            json.WriteString("unit", alert.Unit switch { FindingUnit.Points => "points", FindingUnit.PercentagePoints => "percentagePoints", _ => "stars" });
            WriteAlert(json, alert);
            if (shown.TryGetValue(alert, out int rank))
            {
                json.WriteNumber("keyFindingRank", rank);
            }
            else
            {
                json.WriteNull("keyFindingRank");
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteAlert(Utf8JsonWriter json, MonitorFinding m)
    {
        var a = m.Alert;
        json.WriteString("detector", a.Detector);
        json.WriteString("time", Monitoring.MonitorCommand.Stamp(a.Time));
        if (a.ChangeTime is DateTime change)
        {
            json.WriteString("changeTime", Monitoring.MonitorCommand.Stamp(change));
        }
        else
        {
            json.WriteNull("changeTime");
        }

        Output.MetricJson.Number(json, "estimate", a.Estimate);
        Output.MetricJson.Number(json, "lower", a.Lower);
        Output.MetricJson.Number(json, "upper", a.Upper);
        Output.MetricJson.Number(json, "baseline", a.BaselineMean);
        Output.MetricJson.Number(json, "changeSize", a.ChangeSize);
        Output.MetricJson.Number(json, "changeLower", a.ChangeLower);
        Output.MetricJson.Number(json, "changeUpper", a.ChangeUpper);
        json.WriteString("baselineUntil", Monitoring.MonitorCommand.Stamp(m.BaselineUntil));
        json.WriteNumber("alpha", m.Alpha);
        json.WriteNumber("arl", m.Arl);
    }

    private static void WriteChange(Utf8JsonWriter json, ChangeCandidate c)
    {
        json.WriteString("from", c.From);
        json.WriteString("to", c.To);
        Output.MetricJson.Number(json, "before", c.Before);
        Output.MetricJson.Number(json, "after", c.After);
        Output.MetricJson.Number(json, "estimate", c.Estimate);
        Output.MetricJson.Number(json, "standardError", c.StandardError);
        Output.MetricJson.Number(json, "lower", c.Lower);
        Output.MetricJson.Number(json, "upper", c.Upper);
        Output.MetricJson.Number(json, "p", c.P);
        Output.MetricJson.Number(json, "adjustedP", c.AdjustedP);
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    /// <summary><c>notes</c>: sections or parts left out, <c>[{ section, reason }]</c> (English reasons; empty when nothing was skipped).</summary>
    public static void WriteNotes(Utf8JsonWriter json, IReadOnlyList<ReportNote> notes)
    {
        json.WriteStartArray("notes");
        foreach (var note in notes)
        {
            json.WriteStartObject();
            json.WriteString("section", note.Section);
            json.WriteString("reason", note.Reason);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
