using System.Text;
using TrustMetrics.Cli.Output;
using TrustMetrics.Cli.Report.Svg;

namespace TrustMetrics.Cli.Report;

/// <summary>
/// report.html: one self-contained page (inline CSS and SVG; no script, font, image or network request), UTF-8 with the
/// language declared. The markup is well-formed XML apart from the doctype (void elements self-closed, only the five XML
/// entities), so tests parse it with System.Xml.
/// </summary>
internal static class HtmlReport
{
    /// <summary>Tables with more rows than this fold into a details element (the cohort table, long Kaplan–Meier listings).</summary>
    public const int FoldRows = 14;

    private const string Style = """
        :root { --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg: #f6f8fa; --accent: #0072B2; }
        * { box-sizing: border-box; }
        body { margin: 0; padding: 24px 32px 48px; color: var(--ink); background: #ffffff;
               font: 14px/1.5 system-ui, -apple-system, "Segoe UI", "Noto Sans CJK KR", "Noto Sans KR", "Apple SD Gothic Neo", "Malgun Gothic", Roboto, sans-serif; }
        header { border-bottom: 3px solid var(--accent); margin-bottom: 16px; }
        h1 { font-size: 26px; margin: 0 0 4px; }
        h2 { font-size: 20px; margin: 32px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
        h3 { font-size: 15px; margin: 20px 0 6px; }
        .subtitle, .note, footer { color: var(--muted); }
        nav ul { display: flex; flex-wrap: wrap; gap: 6px 18px; padding: 0; list-style: none; margin: 4px 0 0; }
        nav a, a { color: var(--accent); text-decoration: none; }
        .headline { font-weight: 600; margin: 4px 0; }
        ul.summary { margin: 4px 0 8px; padding-left: 20px; color: var(--muted); }
        .charts { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 16px; margin: 12px 0; }
        @media (max-width: 900px) { .charts { grid-template-columns: minmax(0, 1fr); } }
        figure { margin: 0; border: 1px solid var(--line); border-radius: 6px; padding: 6px; background: #ffffff; }
        svg.chart { width: 100%; height: auto; display: block; font-family: inherit; }
        .table-wrap { overflow-x: auto; }
        table { border-collapse: collapse; margin: 4px 0; font-size: 13px; font-variant-numeric: tabular-nums; }
        th, td { border: 1px solid var(--line); padding: 3px 8px; }
        th { background: var(--bg); text-align: left; font-weight: 600; }
        td.num { text-align: right; white-space: nowrap; }
        section.findings { background: #f3f8fc; border: 1px solid #b6d4ea; border-radius: 8px; padding: 4px 20px 10px; margin: 8px 0 16px; }
        section.findings h2 { border-bottom: none; margin-top: 12px; }
        ol.findings { margin: 4px 0 8px; padding-left: 24px; }
        ol.findings li { margin: 6px 0; padding-left: 6px; font-size: 15px; }
        ol.findings li.open::marker, ol.findings li.recovered::marker { color: #D55E00; font-weight: 700; }
        ol.findings li.favourable::marker { color: #009E73; font-weight: 700; }
        ol.findings .detail { color: var(--muted); font-size: 12px; white-space: nowrap; }
        details { margin: 8px 0; }
        summary { cursor: pointer; font-weight: 600; }
        footer { margin-top: 40px; font-size: 12px; }
        """;

    public static string Render(ReportModel model)
    {
        var labels = model.Labels;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n");
        html.Append("<html lang=\"").Append(labels.Language).Append("\">\n<head>\n<meta charset=\"utf-8\" />\n");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n");
        html.Append("<title>").Append(E(labels["report.title"])).Append("</title>\n<style>\n").Append(Style).Append("\n</style>\n</head>\n<body>\n");
        html.Append("<header>\n<h1>").Append(E(labels["report.title"])).Append("</h1>\n<p class=\"subtitle\">").Append(E(model.Subtitle)).Append("</p>\n");
        html.Append("<nav><ul>");
        html.Append("<li><a href=\"#key-findings\">").Append(E(KeyFindings.Heading(labels.Language))).Append("</a></li>");
        foreach (var section in model.Sections)
        {
            html.Append("<li><a href=\"#").Append(E(section.Id)).Append("\">").Append(E(section.Title)).Append("</a></li>");
        }

        html.Append("</ul></nav>\n</header>\n<main>\n");
        AppendFindings(html, model);
        html.Append("<section id=\"inputs\">\n");
        AppendTable(html, MarkdownReport.InputsTable(model), "h2");
        foreach (string note in MarkdownReport.NoteLines(model))
        {
            html.Append("<p class=\"note\">").Append(E(note)).Append("</p>\n");
        }

        html.Append("</section>\n");
        foreach (var section in model.Sections)
        {
            html.Append("<section id=\"").Append(E(section.Id)).Append("\">\n<h2>").Append(E(section.Title)).Append("</h2>\n");
            html.Append("<p class=\"headline\">").Append(E(section.Headline)).Append("</p>\n");
            if (section.Summary.Count > 0)
            {
                html.Append("<ul class=\"summary\">");
                foreach (string line in section.Summary)
                {
                    html.Append("<li>").Append(E(line)).Append("</li>");
                }

                html.Append("</ul>\n");
            }

            if (section.Charts.Count > 0)
            {
                html.Append("<div class=\"charts\">\n");
                foreach (var chart in section.Charts)
                {
                    html.Append("<figure id=\"chart-").Append(E(chart.Id)).Append("\">").Append(chart.Svg).Append("</figure>\n");
                }

                html.Append("</div>\n");
            }

            foreach (var table in section.Tables)
            {
                AppendTable(html, table, "h3");
            }

            html.Append("</section>\n");
        }

        html.Append("</main>\n<footer>").Append(E(labels.Format("report.footer", ReportModel.Version))).Append("</footer>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>The key findings block: one list item per finding, the sentence, a link to its chart or section, the adjusted p.</summary>
    private static void AppendFindings(StringBuilder html, ReportModel model)
    {
        string language = model.Labels.Language;
        html.Append("<section id=\"key-findings\" class=\"findings\">\n<h2>").Append(E(KeyFindings.Heading(language))).Append("</h2>\n");
        if (model.KeyFindings.Count == 0)
        {
            html.Append("<p>").Append(E(KeyFindings.None(language, model.Confidence, model.Comparisons))).Append("</p>\n");
        }
        else
        {
            html.Append("<ol class=\"findings\">\n");
            foreach (var finding in model.KeyFindings.Take(KeyFindings.Shown))
            {
                html.Append("<li class=\"").Append(finding.Tier.ToString().ToLowerInvariant()).Append("\">").Append(E(finding.Sentence))
                    .Append(" <a href=\"#").Append(E(finding.Change.Anchor)).Append("\">").Append(E(KeyFindings.SeeSection(language))).Append(" →</a> ")
                    .Append("<span class=\"detail\">").Append(E(finding.Detail)).Append("</span></li>\n");
            }

            html.Append("</ol>\n");
            if (model.KeyFindings.Count > KeyFindings.Shown)
            {
                html.Append("<p class=\"note\">").Append(E(KeyFindings.More(language, model.KeyFindings.Count - KeyFindings.Shown))).Append("</p>\n");
            }
        }

        html.Append("<p class=\"note\">").Append(E(KeyFindings.Note(language, model.Confidence)));
        if (model.Monitored)
        {
            html.Append(' ').Append(E(KeyFindings.MonitorNote(language)));
        }

        html.Append("</p>\n</section>\n");
    }

    private static void AppendTable(StringBuilder html, Table table, string heading)
    {
        bool fold = table.Rows.Count > FoldRows;
        if (fold)
        {
            html.Append("<details><summary>").Append(E(table.Title)).Append(" (").Append(table.Rows.Count).Append(")</summary>\n");
        }
        else
        {
            html.Append('<').Append(heading).Append('>').Append(E(table.Title)).Append("</").Append(heading).Append(">\n");
        }

        html.Append("<div class=\"table-wrap\"><table>\n<thead><tr>");
        foreach (string header in table.Headers)
        {
            html.Append("<th>").Append(E(header)).Append("</th>");
        }

        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in table.Rows)
        {
            html.Append("<tr>");
            for (int i = 0; i < row.Count; i++)
            {
                html.Append(table.IsNumeric(i) && LooksNumeric(row[i]) ? "<td class=\"num\">" : "<td>").Append(E(row[i])).Append("</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody>\n</table></div>\n");
        foreach (string note in table.Notes)
        {
            html.Append("<p class=\"note\">").Append(E(note)).Append("</p>\n");
        }

        if (fold)
        {
            html.Append("</details>\n");
        }
    }

    private static string E(string text) => SvgWriter.Escape(text);

    // Numbers, intervals and p-values align right; words (sources, verdicts, "not reached") stay left.
    private static bool LooksNumeric(string cell) => cell.Length == 0 || char.IsAsciiDigit(cell[0]) || cell[0] is '-' or '+' or '[' or '<' or '–' or '−';
}
