namespace TrustMetrics.Cli;

/// <summary>Where a command writes, so tests can run the real commands against string writers.</summary>
/// <param name="Output">Standard output.</param>
/// <param name="Error">Standard error.</param>
/// <param name="IsTerminal">True when Output is an interactive terminal (colour and progress bars allowed).</param>
/// <param name="WorkingDirectory">Where relative default outputs go (the report folder); null = the process's current directory.</param>
internal sealed record CliContext(TextWriter Output, TextWriter Error, bool IsTerminal, string? WorkingDirectory = null)
{
    public string Directory => WorkingDirectory ?? Environment.CurrentDirectory;

    public static CliContext ForConsole() => new(Console.Out, Console.Error, !Console.IsOutputRedirected);
}
