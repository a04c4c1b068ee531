using TrustMetrics.Churn;
using TrustMetrics.Cli.Input;
using TrustMetrics.Cli.Output;
using TrustMetrics.Cli.Report;

namespace TrustMetrics.Cli.Churn;

/// <summary>
/// customers.csv: one subscription per row — <c>start</c> (yyyy-MM-dd), <c>end</c> (exclusive churn date; blank = active), and
/// optionally <c>customer_id</c> (unique) and <c>segment</c>. Read once per section with the same checks as <c>trustmetrics churn</c>.
/// </summary>
internal sealed record CustomerRecords(SurveySource Source, IReadOnlyList<CustomerRecords.Record> Records, bool HasSegment)
{
    /// <summary>One customer's span and segment ("(blank)" for an empty cell, "All" when the file has no segment column).</summary>
    internal sealed record Record(CustomerSpan Span, string Segment);

    /// <summary>The customers input of this report, read once.</summary>
    public static CustomerRecords For(ReportContext context) =>
        context.Shared(ReportInputs.Customers, () => Read(context.Inputs[ReportInputs.Customers]!, context.Progress));

    public static CustomerRecords Read(SurveySource source, IReportProgress progress)
    {
        using var step = progress.Start($"Reading {source.DisplayName}", "rows");
        using var table = CsvTable.Open(source);
        int start = table.Column("start");
        int end = table.Column("end");
        int? id = Optional(table, "customer_id");
        int? segment = Optional(table, "segment");
        var seen = new Dictionary<string, long>(StringComparer.Ordinal);
        var records = new List<Record>();
        while (table.Read())
        {
            var from = Dates.Date(table, start, "start", allowBlank: false)!.Value;
            var to = Dates.Date(table, end, "end", allowBlank: true);
            if (to is { } e && e < from)
            {
                throw new InputException($"{source.DisplayName}, line {table.Line}: the end date {e:yyyy-MM-dd} (column 'end') is before the start date {from:yyyy-MM-dd} (column 'start').");
            }

            if (id is int ic && !seen.TryAdd(table.Field(ic), table.Line))
            {
                throw new InputException($"{source.DisplayName}, line {table.Line}, column 'customer_id': customer '{table.Field(ic)}' already appeared on line {seen[table.Field(ic)]}; give one start/end span per customer.");
            }

            string group = segment is int s ? table.Field(s) : ReportGroups.All;
            records.Add(new Record(new CustomerSpan(from, to), group.Length == 0 ? GroupedTallies<int>.BlankGroup : group));
            if ((records.Count & 0xFFFF) == 0)
            {
                step.Report(records.Count);
            }
        }

        step.Report(records.Count);
        if (records.Count == 0)
        {
            throw new InputException($"{source.DisplayName}: the file has a header but no data rows.");
        }

        return new CustomerRecords(source, records, segment is not null);
    }

    private static int? Optional(CsvTable table, string name) =>
        table.Columns.Any(c => string.Equals(c.Trim(), name, StringComparison.OrdinalIgnoreCase)) ? table.Column(name) : null;
}
