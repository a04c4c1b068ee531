using System.Text;
using TrustMetrics.Cli.Output;

namespace TrustMetrics.Cli.Report;

/// <summary>report.md: headings, inputs, then per section its summary, chart images (charts/*.svg beside it) and tables.</summary>
internal static class MarkdownReport
{
    public static string Render(ReportModel model)
    {
        var labels = model.Labels;
        var text = new StringBuilder();
        text.Append("# ").AppendLine(labels["report.title"]).AppendLine();
        text.AppendLine(model.Subtitle).AppendLine();
        AppendFindings(text, model);
        MarkdownRenderer.AppendTable(text, InputsTable(model), "##");
        foreach (string note in NoteLines(model))
        {
            text.AppendLine().Append("> ").AppendLine(note);
        }

        foreach (var section in model.Sections)
        {
            // Explicit anchors: the key findings link to the section and chart ids, as in report.html.
            text.AppendLine().Append("<a id=\"").Append(section.Id).AppendLine("\"></a>").AppendLine();
            text.Append("## ").AppendLine(section.Title).AppendLine();
            text.Append("**").Append(section.Headline).AppendLine("**").AppendLine();
            foreach (string line in section.Summary)
            {
                text.Append("- ").AppendLine(line);
            }

            foreach (var chart in section.Charts)
            {
                text.AppendLine().Append("<a id=\"chart-").Append(chart.Id).AppendLine("\"></a>").AppendLine();
                text.Append("![").Append(chart.Title.Replace("]", ")", StringComparison.Ordinal)).Append("](charts/").Append(chart.Id).AppendLine(".svg)");
            }

            foreach (var table in section.Tables)
            {
                text.AppendLine();
                MarkdownRenderer.AppendTable(text, table, "###");
            }
        }

        text.AppendLine().AppendLine(labels.Format("report.footer", ReportModel.Version));
        return text.ToString();
    }

    /// <summary>"## Key findings" and a numbered list: sentence, link to the chart or section, adjusted p in italics.</summary>
    private static void AppendFindings(StringBuilder text, ReportModel model)
    {
        string language = model.Labels.Language;
        text.Append("## ").AppendLine(KeyFindings.Heading(language)).AppendLine();
        if (model.KeyFindings.Count == 0)
        {
            text.AppendLine(KeyFindings.None(language, model.Confidence, model.Comparisons));
        }

        foreach (var finding in model.KeyFindings.Take(KeyFindings.Shown))
        {
            text.Append(finding.Rank).Append(". ").Append(finding.Sentence).Append(" [").Append(KeyFindings.SeeSection(language)).Append("](#").Append(finding.Change.Anchor)
                .Append(") — *").Append(finding.Detail).AppendLine("*");
        }

        if (model.KeyFindings.Count > KeyFindings.Shown)
        {
            text.AppendLine().AppendLine(KeyFindings.More(language, model.KeyFindings.Count - KeyFindings.Shown));
        }

        text.AppendLine().Append("> ").Append(KeyFindings.Note(language, model.Confidence));
        if (model.Monitored)
        {
            text.Append(' ').Append(KeyFindings.MonitorNote(language));
        }

        text.AppendLine().AppendLine();
    }

    /// <summary>One line per skipped section or part: "Trust index skipped: …".</summary>
    public static IEnumerable<string> NoteLines(ReportModel model) => model.Notes.Select(n => model.Labels.Format("report.note", n.Title, n.Reason));

    /// <summary>The inputs table shared by every format: data, source, the sections that read it.</summary>
    public static Table InputsTable(ReportModel model)
    {
        var labels = model.Labels;
        return new Table(labels["report.inputs"], [labels["col.data"], labels["col.source"], labels["col.sections"]],
            model.Inputs.Where(i => i.Source is not null).Select(i => (IReadOnlyList<string>)[i.Name, i.Source!,
                i.Sections.Count == 0 ? labels["report.notAnalysed"] : string.Join(", ", i.Sections)]).ToList(), []);
    }
}
