using System.Text;
using System.Text.Json;

namespace TrustMetrics.Cli.Tests;

/// <summary>Runs the real command tree in-process against string writers, with CSV fixtures in a temporary folder.</summary>
public sealed class CliRunner : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("trustmetrics-cli-").FullName;

    public sealed record Run(int ExitCode, string Output, string Error)
    {
        public JsonElement Json() => JsonDocument.Parse(Output).RootElement;
    }

    /// <summary>Writes a fixture file; <paramref name="bom"/> prepends the UTF-8 byte-order mark.</summary>
    public string File(string name, string content, bool bom = false)
    {
        string path = Path.Combine(folder, name);
        System.IO.File.WriteAllText(path, content, new UTF8Encoding(bom));
        return path;
    }

    public string PathOf(string name) => Path.Combine(folder, name);

    public static Run Invoke(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = TrustMetricsCli.Run(args, new CliContext(output, error, IsTerminal: false));
        return new Run(code, output.ToString(), error.ToString());
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
