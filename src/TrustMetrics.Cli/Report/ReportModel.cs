namespace TrustMetrics.Cli.Report;

/// <summary>One input of the report: its name, where it came from (null = not given) and the sections that read it.</summary>
internal sealed record ReportInputRow(string Name, string? Source, IReadOnlyList<string> Sections);

/// <summary>The whole report, ready to render: the same model feeds report.md, report.json and report.html.</summary>
internal sealed record ReportModel(ReportLabels Labels, DateTimeOffset Generated, double Confidence, bool IsSample, IReadOnlyList<ReportInputRow> Inputs,
    IReadOnlyList<ReportSection> Sections, IReadOnlyList<ReportNote> Notes)
{
    /// <summary>The tool's version, as the package has it.</summary>
    public static string Version { get; } = typeof(ReportModel).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    public string Subtitle => Labels.Format("report.subtitle", Labels[IsSample ? "report.sample" : "report.userFiles"],
        Generated.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture), Output.Formatting.Level(Confidence));
}
