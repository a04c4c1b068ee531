using TrustMetrics.Cli.Input;
using TrustMetrics.Cli.Output;
using TrustMetrics.Cli.Report;
using TrustMetrics.Service;

namespace TrustMetrics.Cli.Service;

/// <summary>
/// Reads support tickets (one row per ticket: opened, first response, resolved, optional first-contact flag and label columns) with
/// the checks of <c>trustmetrics service</c>; shared by that command and the report's service section.
/// </summary>
internal static class TicketInput
{
    /// <summary>
    /// One ticket, the values of the requested label columns ("(blank)" for an empty cell) and, when asked for, the month it was
    /// opened as written in the file (yyyy-MM of the local time, before any conversion to UTC).
    /// </summary>
    public sealed record Row(string[] Labels, SupportTicket Ticket, string? OpenedMonth);

    /// <summary>The column names of a ticket file.</summary>
    public sealed record Columns(string Opened, string FirstResponse, string Resolved, string? FirstContact);

    public static List<Row> Read(SurveySource source, Columns names, IReadOnlyList<string> labelColumns, bool openedMonth = false)
    {
        var rows = new List<Row>();
        using var table = CsvTable.Open(source);
        int openedColumn = table.Column(names.Opened), responseColumn = table.Column(names.FirstResponse), resolvedColumn = table.Column(names.Resolved);
        int? contactColumn = names.FirstContact is null ? null : table.Column(names.FirstContact);
        int[] labelIndices = labelColumns.Select(table.Column).ToArray();
        var limits = labelColumns.Select(c => new GroupLimit(table, c)).ToArray();
        while (table.Read())
        {
            var openedAt = Dates.Moment(table, openedColumn, names.Opened, allowBlank: false)!.Value;
            var answered = Dates.Moment(table, responseColumn, names.FirstResponse, allowBlank: true);
            var done = Dates.Moment(table, resolvedColumn, names.Resolved, allowBlank: true);
            bool? first = contactColumn is int cc ? Flag(table, cc, names.FirstContact!) : null;
            if (answered < openedAt)
            {
                throw InputException.AtCell(source.DisplayName, table.Line, names.FirstResponse, table.Field(responseColumn), $"is before the opening time {table.Field(openedColumn)}.");
            }

            if (done < openedAt)
            {
                throw InputException.AtCell(source.DisplayName, table.Line, names.Resolved, table.Field(resolvedColumn), $"is before the opening time {table.Field(openedColumn)}.");
            }

            if (first == true && done is null)
            {
                throw InputException.AtCell(source.DisplayName, table.Line, names.FirstContact!, table.Field(contactColumn!.Value),
                    $"says resolved on first contact, but '{names.Resolved}' is blank (not resolved).");
            }

            var labels = new string[labelIndices.Length];
            for (int i = 0; i < labels.Length; i++)
            {
                string label = table.Field(labelIndices[i]);
                labels[i] = label.Length == 0 ? GroupedTallies<int>.BlankGroup : label;
                limits[i].See(labels[i]);
            }

            rows.Add(new Row(labels, new SupportTicket(openedAt, answered, done, first), openedMonth ? table.FieldSpan(openedColumn)[..7].ToString() : null));
        }

        if (rows.Count == 0)
        {
            throw new InputException($"{source.DisplayName}: the file has a header but no tickets.");
        }

        return rows;
    }

    /// <summary>The latest timestamp of a ticket: the default as-of moment is the latest over the whole file.</summary>
    public static DateTime Latest(SupportTicket t)
    {
        var latest = t.Opened;
        if (t.FirstResponse is DateTime r && r > latest)
        {
            latest = r;
        }

        return t.Resolved is DateTime d && d > latest ? d : latest;
    }

    private static bool? Flag(CsvTable table, int column, string name)
    {
        var text = table.FieldSpan(column);
        if (text.IsEmpty)
        {
            return null;
        }

        foreach (var yes in (string[])["1", "true", "yes", "y"])
        {
            if (text.Equals(yes, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        foreach (var no in (string[])["0", "false", "no", "n"])
        {
            if (text.Equals(no, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        throw InputException.AtCell(table.Source.DisplayName, table.Line, name, text.ToString(), "is not a first-contact flag (1/0, true/false, yes/no, or blank).");
    }
}
