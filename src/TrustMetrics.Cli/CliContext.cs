namespace TrustMetrics.Cli;

/// <summary>Where a command writes, so tests can run the real commands against string writers.</summary>
/// <param name="Output">Standard output.</param>
/// <param name="Error">Standard error.</param>
/// <param name="IsTerminal">True when Output is an interactive terminal (colour allowed).</param>
internal sealed record CliContext(TextWriter Output, TextWriter Error, bool IsTerminal)
{
    public static CliContext ForConsole() => new(Console.Out, Console.Error, !Console.IsOutputRedirected);
}
