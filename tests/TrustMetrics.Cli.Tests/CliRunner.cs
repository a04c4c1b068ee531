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

    public string Folder => folder;

    /// <summary>
    /// Runs the command tree with a throw-away working folder (so <c>report</c>'s default output folder lands there, not in the
    /// test's bin folder), deleted afterwards.
    /// </summary>
    public static Run Invoke(params string[] args)
    {
        string scratch = Directory.CreateTempSubdirectory("trustmetrics-cli-run-").FullName;
        try
        {
            return InvokeIn(scratch, args);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    /// <summary>Runs the command tree with <paramref name="workingDirectory"/> as the folder for default outputs.</summary>
    public static Run InvokeIn(string workingDirectory, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = TrustMetricsCli.Run(args, new CliContext(output, error, IsTerminal: false, workingDirectory));
        return new Run(code, output.ToString(), error.ToString());
    }

    /// <summary>Writes one file of the embedded sample company into the fixture folder and returns its path.</summary>
    public string Sample(string file)
    {
        using var reader = global::TrustMetrics.Cli.Input.SurveySource.Embedded(file, file).Open();
        return File(file, reader.ReadToEnd());
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
