using TrustMetrics.Churn;
using TrustMetrics.Cli.Input;
using TrustMetrics.Cli.Output;
using TrustMetrics.Cli.Report;

namespace TrustMetrics.Cli.Churn;

/// <summary>
/// The one customers reader, shared by <c>trustmetrics churn</c> and the report's churn and survival sections: one subscription
/// per row — a start date, an end date (exclusive churn date; blank = active), optionally a unique customer id and a segment.
/// </summary>
internal sealed record CustomerRecords(SurveySource Source, IReadOnlyList<CustomerRecords.Record> Records, bool HasSegment)
{
    /// <summary>One customer's span and segment ("(blank)" for an empty cell, "All" when the file has no segment column).</summary>
    internal sealed record Record(CustomerSpan Span, string Segment);

    /// <summary>The column names; <paramref name="IdRequired"/> when the user named the id column (then it must exist).</summary>
    internal sealed record Columns(string Start, string End, string? Id, bool IdRequired, string? Segment);

    /// <summary>The report's customers.csv: start, end, and customer_id and segment when present.</summary>
    internal static readonly Columns ReportColumns = new("start", "end", "customer_id", IdRequired: false, "segment");

    /// <summary>The customers input of this report, read once.</summary>
    public static CustomerRecords For(ReportContext context) =>
        context.Shared(ReportInputs.Customers, () => Read(context.Inputs[ReportInputs.Customers]!, ReportColumns, context.Progress));

    public static CustomerRecords Read(SurveySource source, Columns names, IReportProgress progress)
    {
        using var step = progress.Start($"Reading {source.DisplayName}", "rows");
        using var table = CsvTable.Open(source);
        int start = table.Column(names.Start);
        int end = table.Column(names.End);
        int? id = names.Id is null ? null : names.IdRequired ? table.Column(names.Id) : Optional(table, names.Id);
        int? segment = names.Segment is null ? null : Optional(table, names.Segment);
        var seen = new Dictionary<string, long>(StringComparer.Ordinal);
        var records = new List<Record>();
        while (table.Read())
        {
            var from = Dates.Date(table, start, names.Start, allowBlank: false)!.Value;
            var to = Dates.Date(table, end, names.End, allowBlank: true);
            if (to is { } e && e < from)
            {
                throw new InputException($"{source.DisplayName}, line {table.Line}: the end date {e:yyyy-MM-dd} (column '{names.End}') is before the start date {from:yyyy-MM-dd} (column '{names.Start}').");
            }

            if (id is int ic && !seen.TryAdd(table.Field(ic), table.Line))
            {
                throw new InputException($"{source.DisplayName}, line {table.Line}, column '{names.Id}': customer '{table.Field(ic)}' already appeared on line {seen[table.Field(ic)]}; give one start/end span per customer.");
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

    private static int? Optional(CsvTable table, string name) => table.HasColumn(name) ? table.Column(name) : null;
}
