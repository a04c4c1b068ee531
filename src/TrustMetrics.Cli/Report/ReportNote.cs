namespace TrustMetrics.Cli.Report;

/// <summary>
/// Why a section, or a part of one, is not in the report (missing columns, an undefined analysis): shown under the inputs and
/// in report.json, never an error. <paramref name="Title"/> follows the report language; the reason is English (it names columns).
/// </summary>
internal sealed record ReportNote(string Section, string Title, string Reason);
