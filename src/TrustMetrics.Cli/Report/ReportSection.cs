using TrustMetrics.Cli.Output;

namespace TrustMetrics.Cli.Report;

/// <summary>A chart of a section: a file-safe id (charts/ID.svg), its title and the self-contained SVG markup.</summary>
internal sealed record ReportChart(string Id, string Title, string Svg);

/// <summary>
/// What one metric family contributes to the report: human tables (already formatted and labelled), charts, tidy data tables
/// (every number, for report.json and data/*.csv) and a one-line headline for the terminal summary.
/// </summary>
internal sealed record ReportSection(
    string Id,
    string Title,
    string Source,
    string Headline,
    IReadOnlyList<string> Summary,
    IReadOnlyList<ReportChart> Charts,
    IReadOnlyList<Table> Tables,
    IReadOnlyList<DataTable> Data);
