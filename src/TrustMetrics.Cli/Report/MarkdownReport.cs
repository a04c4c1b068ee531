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
        MarkdownRenderer.AppendTable(text, InputsTable(model), "##");
        foreach (string note in NoteLines(model))
        {
            text.AppendLine().Append("> ").AppendLine(note);
        }

        foreach (var section in model.Sections)
        {
            text.AppendLine().Append("## ").AppendLine(section.Title).AppendLine();
            foreach (string line in section.Summary)
            {
                text.Append("- ").AppendLine(line);
            }

            foreach (var chart in section.Charts)
            {
                text.AppendLine().Append("![").Append(chart.Title.Replace("]", ")", StringComparison.Ordinal)).Append("](charts/").Append(chart.Id).AppendLine(".svg)");
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
