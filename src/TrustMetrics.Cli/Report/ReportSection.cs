using TrustMetrics.Cli.Output;

namespace TrustMetrics.Cli.Report;

/// <summary>A chart of a section: a file-safe id (charts/ID.svg), its title and the self-contained SVG markup.</summary>
internal sealed record ReportChart(string Id, string Title, string Svg);

/// <summary>
/// What one metric family contributes to the report: human tables (already formatted and labelled), charts, tidy data tables
/// (every number, for report.json and data/*.csv) and a one-line headline for the terminal summary. A section may also lead the
/// terminal output (<see cref="Lead"/>): the survey section does, so `trustmetrics report` prints the survey report first.
/// </summary>
internal sealed record ReportSection(
    string Id,
    string Title,
    string Source,
    string Headline,
    IReadOnlyList<string> Summary,
    IReadOnlyList<ReportChart> Charts,
    IReadOnlyList<Table> Tables,
    IReadOnlyList<DataTable> Data)
{
    /// <summary>What the terminal shows for this section instead of its headline row alone (null for most sections).</summary>
    public ReportLead? Lead { get; init; }

    /// <summary>
    /// Every period-over-period comparison the section ran, with its p adjusted over the section's family: the key findings keep
    /// those that survive (empty for sections without changes over time).
    /// </summary>
    public IReadOnlyList<ChangeCandidate> Changes { get; init; } = [];
}

/// <summary>
/// The terminal form of the section that leads <c>trustmetrics report</c>'s standard output: its document, and its JSON object
/// writer, which calls the report's extra fields (folder, sections, notes) inside that object.
/// </summary>
internal sealed record ReportLead(Document Document, Action<System.Text.Json.Utf8JsonWriter, Action<System.Text.Json.Utf8JsonWriter>> WriteJson);

/// <summary>Group names every section shares.</summary>
internal static class ReportGroups
{
    /// <summary>The row of a breakdown that stands for every respondent, customer or ticket (the "By" and "Group" of the overall row).</summary>
    public const string All = "All";
}
