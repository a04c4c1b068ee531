namespace TrustMetrics.Cli.Tests.Report;

/// <summary>
/// A fact that runs only where headless Chromium is installed (Debian's <c>chromium</c> package at /usr/bin/chromium, or the
/// path in TRUSTMETRICS_CHROMIUM); elsewhere it is reported as skipped with the reason, never silently passed. .ci/run installs
/// Debian's chromium where it runs as root with apt, so in CI this test runs and the closing line shows 0 skipped.
/// </summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.Path is null)
        {
            Skip = "Chromium is not installed (/usr/bin/chromium; or set TRUSTMETRICS_CHROMIUM): the headless rendering check of report.html is skipped. Install it with `apt-get install chromium`.";
        }
    }
}

/// <summary>A theory that runs only where headless Chromium is installed, as <see cref="ChromiumFactAttribute"/>.</summary>
public sealed class ChromiumTheoryAttribute : TheoryAttribute
{
    public ChromiumTheoryAttribute()
    {
        if (Chromium.Path is null)
        {
            Skip = new ChromiumFactAttribute().Skip;
        }
    }
}

/// <summary>Where the Chromium binary is, if anywhere.</summary>
public static class Chromium
{
    public static string? Path { get; } = Find();

    private static string? Find()
    {
        string? configured = Environment.GetEnvironmentVariable("TRUSTMETRICS_CHROMIUM");
        foreach (string? candidate in new[] { configured, "/usr/bin/chromium", "/usr/bin/chromium-browser" })
        {
            if (!string.IsNullOrEmpty(candidate) && File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
