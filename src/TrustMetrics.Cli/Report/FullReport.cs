using System.Text.Json;
using TrustMetrics.Cli.Input;
using TrustMetrics.Cli.Output;

namespace TrustMetrics.Cli.Report;

/// <summary>
/// <c>trustmetrics report</c> end to end: build every section whose inputs are present, write the folder, and return the
/// terminal result (the survey report as before, plus a table of sections and the folder's path).
/// </summary>
internal static class FullReport
{
    /// <summary>What the report command was asked for beyond the survey settings.</summary>
    internal sealed record Request(IReadOnlyDictionary<string, string?> Files, string? Output, string Language, IReadOnlyList<IReportSectionBuilder> Builders);

    public static CommandOutput.Result Run(ReportCommand.Settings settings, Request request, CliContext context)
    {
        var inputs = ReportInputs.From(request.Files);
        var labels = ReportLabels.For(request.Language);
        var now = DateTimeOffset.Now;
        var sections = context.IsTerminal && !Console.IsErrorRedirected
            ? SpectreProgress.Run(SpectreProgress.ConsoleFor(context.Error), progress => Build(inputs, settings, labels, request.Builders, progress))
            : Build(inputs, settings, labels, request.Builders, SilentProgress.Instance);

        var model = new ReportModel(labels, now, settings.Confidence, inputs.IsSample,
            ReportInputs.Names.Select(name => new ReportInputRow(name, inputs[name]?.DisplayName,
                request.Builders.Where(b => b.Inputs.Contains(name)).Select(b => b.Id).Where(id => sections.Sections.Any(s => s.Id == id)).ToList())).ToList(),
            sections.Sections, sections.Notes, sections.Monitors)
        {
            Monitored = sections.Monitored,
        };
        string folder = request.Output is { } output ? Path.GetFullPath(output, context.Directory) : ReportFolder.NewDefault(context.Directory, now);
        ReportFolder.Write(folder, model);

        string written = labels.Format("report.written", folder);
        var notes = model.Notes.Select(n => labels.Format("report.note", n.Title, n.Reason)).ToList();
        // The terminal leads with the key findings and one plain line per section (lines, not a wide table: nothing wraps in a
        // 100-column terminal but long sentences), then the survey tables as before.
        string language = labels.Language;
        var lines = new List<string> { KeyFindings.Heading(language) + ":" };
        lines.AddRange(model.KeyFindings.Count == 0 ? [KeyFindings.None(language, model.Confidence, model.Comparisons)]
            : model.KeyFindings.Take(KeyFindings.Shown).Select(f => $"  {f.Rank}. {f.Sentence}"));
        if (model.KeyFindings.Count > KeyFindings.Shown)
        {
            lines.Add("  " + KeyFindings.More(language, model.KeyFindings.Count - KeyFindings.Shown));
        }

        lines.Add(labels["report.sections"] + ":");
        lines.AddRange(model.Sections.Select(s => $"  {s.Title}: {s.Headline}"));
        Document document;
        var lead = sections.Sections.Select(s => s.Lead).FirstOrDefault(l => l is not null);
        if (lead is not null)
        {
            var surveyDocument = lead.Document;
            document = surveyDocument with { Summary = [.. lines, .. surveyDocument.Summary, .. notes, written] };
        }
        else
        {
            document = new Document(labels["report.title"], [.. lines, .. notes, written], []);
        }

        void Extra(Utf8JsonWriter json)
        {
            json.WriteString("reportFolder", folder);
            json.WriteStartArray("sections");
            foreach (var section in model.Sections)
            {
                json.WriteStartObject();
                json.WriteString("id", section.Id);
                json.WriteString("source", section.Source);
                json.WriteString("headline", section.Headline);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            JsonReport.WriteKeyFindings(json, model);
            JsonReport.WriteNotes(json, model.Notes);
        }

        return new CommandOutput.Result(document, json =>
        {
            if (lead is not null)
            {
                lead.WriteJson(json, Extra);
            }
            else
            {
                json.WriteStartObject();
                json.WriteString("metric", "report");
                Extra(json);
                json.WriteEndObject();
            }
        });
    }

    private static (List<ReportSection> Sections, IReadOnlyList<ReportNote> Notes, IReadOnlyList<MonitorFinding>? Monitors, bool Monitored) Build(ReportInputs inputs, ReportCommand.Settings settings,
        ReportLabels labels, IReadOnlyList<IReportSectionBuilder> builders, IReportProgress progress)
    {
        var context = new ReportContext(inputs, settings, labels, progress);
        var sections = builders.Where(b => b.Inputs.All(inputs.Has)).Select(b => b.Build(context)).OfType<ReportSection>().ToList();
        if (sections.Count == 0)
        {
            throw new InputException("no input to report on" + (context.Notes.Count > 0 ? ": " + string.Join(" ", context.Notes.Select(n => n.Reason)) : "."));
        }

        // With timestamps in the survey, its answers also go through the monitors (docs/monitoring.md): their alerts join the key findings.
        var monitors = ReportMonitors.Run(context, sections);
        return (sections, context.Notes, monitors, monitors is not null);
    }
}
