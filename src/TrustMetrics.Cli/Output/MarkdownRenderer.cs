using System.Text;

namespace TrustMetrics.Cli.Output;

/// <summary>Renders a <see cref="Document"/> as GitHub-flavoured Markdown.</summary>
internal static class MarkdownRenderer
{
    public static string Render(Document document)
    {
        var text = new StringBuilder();
        text.Append("# ").AppendLine(Escape(document.Heading)).AppendLine();
        foreach (string line in document.Summary)
        {
            text.Append("- ").AppendLine(Escape(line));
        }

        foreach (var table in document.Tables)
        {
            text.AppendLine();
            AppendTable(text, table, "##");
        }

        return text.ToString();
    }

    /// <summary>One table under a heading of the given level (## or ###), then its notes.</summary>
    public static void AppendTable(StringBuilder text, Table table, string heading)
    {
        text.Append(heading).Append(' ').AppendLine(Escape(table.Title)).AppendLine();
        text.Append("| ").AppendJoin(" | ", table.Headers.Select(Escape)).AppendLine(" |");
        text.Append('|').AppendJoin('|', table.Headers.Select((_, i) => table.IsNumeric(i) ? "---:" : "---")).AppendLine("|");
        foreach (var row in table.Rows)
        {
            text.Append("| ").AppendJoin(" | ", row.Select(Escape)).AppendLine(" |");
        }

        foreach (string note in table.Notes)
        {
            text.AppendLine().AppendLine(Escape(note));
        }
    }

    // Pipes would split a cell; the rest of Markdown syntax is harmless in data values.
    private static string Escape(string cell) => cell.Replace("|", "\\|", StringComparison.Ordinal);
}
