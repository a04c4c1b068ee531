namespace TrustMetrics.Cli.Report;

/// <summary>Progress of the report's long steps (reading big files, model fits); silent unless the output is a terminal.</summary>
internal interface IReportProgress
{
    /// <summary>Starts a step; <paramref name="unit"/> names what is counted (rows, customers); the step ends when disposed.</summary>
    IReportProgressStep Start(string description, string unit);
}

/// <summary>One running step: report the count done so far.</summary>
internal interface IReportProgressStep : IDisposable
{
    void Report(long done);
}

/// <summary>No progress at all: redirected output, tests.</summary>
internal sealed class SilentProgress : IReportProgress, IReportProgressStep
{
    public static SilentProgress Instance { get; } = new();

    public IReportProgressStep Start(string description, string unit) => this;

    public void Report(long done)
    {
    }

    public void Dispose()
    {
    }
}
