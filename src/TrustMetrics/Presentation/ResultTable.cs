using System.Text;

namespace TrustMetrics.Presentation;

/// <summary>
/// The one table builder behind every result's <c>ToHtml()</c> and <c>ToMarkdown()</c>: a caption, a header row, rows of
/// already-formatted text cells and optional notes. HTML output is one well-formed <c>&lt;div&gt;</c> (parseable as XML) with
/// every text HTML-escaped; markdown output is a pipe table with every cell escaped. Both use "\n" line endings, so the text
/// is the same on every platform and culture (cells are formatted by <see cref="InvariantText"/>).
/// </summary>
internal sealed class ResultTable
{
    /// <summary>Longest table a result renders; longer step tables show their first rows and say where the rest is.</summary>
    public const int MaxRows = 40;

    private readonly string[] headers;
    private readonly List<string[]> rows = [];
    private readonly List<string> notes = [];

    /// <summary>A table with <paramref name="caption"/> and the given column headers.</summary>
    public ResultTable(string caption, params string[] headers)
    {
        Caption = caption;
        this.headers = headers;
    }

    /// <summary>The caption (an HTML <c>&lt;caption&gt;</c>, a bold markdown line).</summary>
    public string Caption { get; }

    /// <summary>The column headers.</summary>
    public IReadOnlyList<string> Headers => headers;

    /// <summary>The rows, each with one cell per header.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Rows => rows;

    /// <summary>The lines printed under the table.</summary>
    public IReadOnlyList<string> Notes => notes;

    /// <summary>Adds a row; it must have one cell per header (a layout bug otherwise, hence no argument exception).</summary>
    public ResultTable Row(params string[] cells)
    {
        if (cells.Length != headers.Length)
        {
            throw new InvalidOperationException($"A row of '{Caption}' has {cells.Length} cells for {headers.Length} columns.");
        }

        rows.Add(cells);
        return this;
    }

    /// <summary>Adds a line of text printed under the table.</summary>
    public ResultTable Note(string text)
    {
        notes.Add(text);
        return this;
    }

    /// <summary>The note under a shortened table: "Showing the first 40 of 163 rows; all rows are in Table."</summary>
    public static string Truncated(int shown, int total, string property) =>
        $"Showing the first {InvariantText.Count(shown)} of {InvariantText.Count(total)} rows; all rows are in {property}.";

    /// <summary>
    /// <c>&lt;div class="trustmetrics"&gt;&lt;table&gt;…&lt;/table&gt;&lt;p&gt;note&lt;/p&gt;…&lt;/div&gt;</c>, escaped, one root element.
    /// </summary>
    public string ToHtml()
    {
        var html = new StringBuilder();
        html.Append("<div class=\"trustmetrics\">\n<table>\n<caption>").Append(Html(Caption)).Append("</caption>\n<thead><tr>");
        foreach (string header in headers)
        {
            html.Append("<th>").Append(Html(header)).Append("</th>");
        }

        html.Append("</tr></thead>\n<tbody>\n");
        foreach (string[] row in rows)
        {
            html.Append("<tr>");
            foreach (string cell in row)
            {
                html.Append("<td>").Append(Html(cell)).Append("</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
        foreach (string note in notes)
        {
            html.Append("<p>").Append(Html(note)).Append("</p>\n");
        }

        return html.Append("</div>").ToString();
    }

    /// <summary>A bold caption line, a blank line, the pipe table (first column left-aligned, the rest right-aligned), then the notes.</summary>
    public string ToMarkdown()
    {
        var md = new StringBuilder();
        md.Append("**").Append(Markdown(Caption)).Append("**\n\n");
        AppendMarkdownRow(md, headers);
        md.Append('|');
        for (int i = 0; i < headers.Length; i++)
        {
            md.Append(i == 0 ? "---|" : "---:|");
        }

        md.Append('\n');
        foreach (string[] row in rows)
        {
            AppendMarkdownRow(md, row);
        }

        foreach (string note in notes)
        {
            md.Append('\n').Append(Markdown(note)).Append('\n');
        }

        return md.ToString();
    }

    /// <summary>Escapes the five characters XML and HTML give meaning to; everything else passes through as UTF-16 text.</summary>
    public static string Html(string text)
    {
        var escaped = new StringBuilder(text.Length + 8);
        foreach (char c in text)
        {
            escaped.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => null,
            } ?? c.ToString());
        }

        return escaped.ToString();
    }

    /// <summary>
    /// Escapes the characters that would break a pipe table or start markdown formatting (backslash-escaped, as CommonMark
    /// allows for any ASCII punctuation) and folds line breaks into spaces.
    /// </summary>
    public static string Markdown(string text)
    {
        var escaped = new StringBuilder(text.Length + 8);
        foreach (char c in text)
        {
            switch (c)
            {
                case '\\' or '|' or '*' or '_' or '`' or '<' or '>' or '[' or ']' or '#':
                    escaped.Append('\\').Append(c);
                    break;
                case '\r':
                    break;
                case '\n':
                    escaped.Append(' ');
                    break;
                default:
                    escaped.Append(c);
                    break;
            }
        }

        return escaped.ToString();
    }

    private static void AppendMarkdownRow(StringBuilder md, IEnumerable<string> cells)
    {
        md.Append('|');
        foreach (string cell in cells)
        {
            md.Append(' ').Append(Markdown(cell)).Append(" |");
        }

        md.Append('\n');
    }
}
