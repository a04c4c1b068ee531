using System.Text;
using System.Text.Json;
using TrustMetrics.Cli.Input;
using TrustMetrics.Cli.Output;

namespace TrustMetrics.Cli.Output;

/// <summary>
/// Runs a command body and writes its result. Everything is computed and rendered in memory first, so a failure leaves
/// neither partial standard output nor a partial --output file. Exit codes: 0 success, 2 bad input data.
/// </summary>
internal static class CommandOutput
{
    public const int Success = ExitCodes.Success;
    public const int InputError = ExitCodes.Data;

    /// <summary>A rendered result: the human document and the JSON writer callback.</summary>
    public sealed record Result(Document Document, Action<Utf8JsonWriter> WriteJson);

    public static int Run(Func<Result> body, OutputFormat format, FileInfo? output, CliContext context)
    {
        Result result;
        try
        {
            result = body();
        }
        catch (InputException e)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return InputError;
        }

        bool colour = output is null && context.IsTerminal;
        string text = format switch
        {
            OutputFormat.Json => Json(result.WriteJson),
            OutputFormat.Markdown => MarkdownRenderer.Render(result.Document),
            _ => Text(result.Document, colour),
        };

        if (output is null)
        {
            context.Output.Write(text);
        }
        else
        {
            WriteAtomically(output.FullName, text);
        }

        return Success;
    }

    private static string Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(json);
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + Environment.NewLine;
    }

    private static string Text(Document document, bool colour)
    {
        using var writer = new StringWriter();
        TextRenderer.Render(document, TextRenderer.ConsoleFor(writer, colour));
        return writer.ToString();
    }

    // Write beside the target and rename, so readers never see a half-written file.
    private static void WriteAtomically(string path, string text)
    {
        string temporary = path + ".tmp-" + Environment.ProcessId;
        File.WriteAllText(temporary, text, new UTF8Encoding(false));
        File.Move(temporary, path, overwrite: true);
    }
}
