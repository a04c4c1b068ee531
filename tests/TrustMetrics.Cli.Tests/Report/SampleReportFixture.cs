namespace TrustMetrics.Cli.Tests.Report;

/// <summary>The report on the embedded sample, written once per test class that reads it (the sample report takes seconds).</summary>
public sealed class SampleReportFixture : IDisposable
{
    public SampleReportFixture()
    {
        Folder = Path.Combine(Directory.CreateTempSubdirectory("trustmetrics-sample-report-").FullName, "report");
        var run = CliRunner.Invoke("report", "--output", Folder);
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException("the sample report failed: " + run.Error);
        }
    }

    /// <summary>The report folder (report.html, report.md, report.json, data/, charts/).</summary>
    public string Folder { get; }

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(Folder)!, recursive: true);
}
