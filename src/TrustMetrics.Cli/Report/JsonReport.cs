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
                WriteNullable(json, "source", input.Source);
                WriteStrings(json, "sections", input.Sections);
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
                WriteStrings(json, "tables", section.Data.Select(t => t.Name));
                WriteStrings(json, "charts", section.Charts.Select(c => "charts/" + c.Id + ".svg"));
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
            WriteSeries(json, c.Section, c.Anchor, c.Metric, c.Measure, c.By, c.By is null ? ReportGroups.All : c.Group);
            WriteChange(json, c);
            json.WriteString("unit", UnitName(c.Unit));
            json.WriteBoolean("higherIsBetter", c.HigherIsBetter);
            json.WriteNumber("level", c.Level);
            json.WriteNumber("comparisons", c.Comparisons);
            json.WriteString("correction", "holm");
            json.WriteString("sentence", finding.Sentence);
            json.WriteString("detail", finding.Detail);
            json.WriteString("source", finding.Source);
            WriteObjectOrNull(json, "recovery", finding.Recovery, r => WriteChange(json, r));
            WriteObjectOrNull(json, "monitor", finding.Monitor, episode =>
            {
                WriteAlert(json, episode.Lead);
                WriteStrings(json, "detectors", episode.Detectors);
            });

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
            WriteSeries(json, alert.Section, alert.Anchor, alert.Metric, alert.Measure, alert.By, alert.Group);
            json.WriteString("unit", UnitName(alert.Unit));
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
        WriteNullable(json, "changeTime", a.ChangeTime is DateTime change ? Monitoring.MonitorCommand.Stamp(change) : null);

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

    /// <summary>The keys that name a series, shared by key findings and monitor alerts: section, anchor, metric, measure, by, group.</summary>
    private static void WriteSeries(Utf8JsonWriter json, string section, string anchor, string metric, string? measure, string? by, string group)
    {
        json.WriteString("section", section);
        json.WriteString("anchor", "#" + anchor);
        json.WriteString("metric", metric);
        WriteNullable(json, "measure", measure);
        WriteNullable(json, "by", by);
        json.WriteString("group", group);
    }

    private static string UnitName(FindingUnit unit) =>
        unit switch { FindingUnit.Points => "points", FindingUnit.PercentagePoints => "percentagePoints", _ => "stars" };

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (string value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    private static void WriteObjectOrNull<T>(Utf8JsonWriter json, string name, T? value, Action<T> body)
        where T : class
    {
        if (value is null)
        {
            json.WriteNull(name);
            return;
        }

        json.WriteStartObject(name);
        body(value);
        json.WriteEndObject();
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
