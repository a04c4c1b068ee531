namespace TrustMetrics.Cli.Report;

/// <summary>One input of the report: its name, where it came from (null = not given) and the sections that read it.</summary>
internal sealed record ReportInputRow(string Name, string? Source, IReadOnlyList<string> Sections);

/// <summary>The whole report, ready to render: the same model feeds report.md, report.json and report.html.</summary>
internal sealed record ReportModel(ReportLabels Labels, DateTimeOffset Generated, double Confidence, bool IsSample, IReadOnlyList<ReportInputRow> Inputs,
    IReadOnlyList<ReportSection> Sections, IReadOnlyList<ReportNote> Notes, IReadOnlyList<MonitorFinding>? Monitors = null)
{
    /// <summary>The key findings in rank order: the surviving changes of every section and the monitors' alerts (<see cref="Report.KeyFindings"/>).</summary>
    public IReadOnlyList<KeyFinding> KeyFindings { get; } = Report.KeyFindings.Select(Sections.SelectMany(s => s.Changes), Confidence, Labels.Language, Monitors);

    /// <summary>Every alert of the report's monitors (<see cref="ReportMonitors"/>), in firing order per series; empty when no input has timestamps.</summary>
    public IReadOnlyList<MonitorFinding> MonitorAlerts => Monitors ?? [];

    /// <summary>True when the monitors ran (the survey's period column holds timestamps).</summary>
    public bool Monitored { get; init; }

    /// <summary>How many period-over-period comparisons the sections ran in all (the key findings' denominator).</summary>
    public int Comparisons => Sections.Sum(s => s.Changes.Count);

    /// <summary>The tool's version, as the package has it.</summary>
    public static string Version { get; } = typeof(ReportModel).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    public string Subtitle => Labels.Format("report.subtitle", Labels[IsSample ? "report.sample" : "report.userFiles"],
        Generated.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture), Output.Formatting.Level(Confidence));
}
