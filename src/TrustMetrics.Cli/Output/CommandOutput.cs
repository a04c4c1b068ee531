using System.Text;
using System.Text.Json;
using TrustMetrics.Cli.Input;
using TrustMetrics.Cli.Output;

namespace TrustMetrics.Cli.Output;

/// <summary>
/// Runs a command body and writes its result. Everything is computed first, so a failure leaves neither partial standard
/// output nor a partial --output file (files are written atomically by OutputFile). JSON is streamed in 64 KB blocks to the
/// file or to standard output (<see cref="JsonSink"/>), never held whole in memory. Exit codes: 0 success; failures go to <see cref="ExitCodes"/> (1 command line, 2 data).
/// </summary>
internal static class CommandOutput
{
    public const int Success = ExitCodes.Success;

    /// <summary>A rendered result: the human document and the JSON writer callback.</summary>
    public sealed record Result(Document Document, Action<Utf8JsonWriter> WriteJson);

    public static int Run(Func<Result> body, OutputFormat format, FileInfo? output, CliContext context)
    {
        // Errors (InputException and the rest) go up to TrustMetricsCli.Run, the one place that turns them into exit codes.
        var result = body();

        if (output is null)
        {
            if (format == OutputFormat.Json)
            {
                WriteJson(new JsonSink(context.Output), result.WriteJson);
                context.Output.Write(Environment.NewLine);
                return Success;
            }

            bool colour = context.IsTerminal;
            context.Output.Write(format == OutputFormat.Markdown ? MarkdownRenderer.Render(result.Document) : Text(result.Document, colour));
            return Success;
        }

        if (format == OutputFormat.Json)
        {
            // Streamed to the (temporary) file in 64 KB blocks: the JSON is never held in memory as a whole.
            OutputFile.Write(output.ToString(), stream =>
            {
                WriteJson(new JsonSink(stream), result.WriteJson);
                stream.Write(Encoding.UTF8.GetBytes(Environment.NewLine));
            });
        }
        else
        {
            OutputFile.WriteText(output.ToString(), format == OutputFormat.Markdown ? MarkdownRenderer.Render(result.Document) : Text(result.Document, colour: false));
        }

        return Success;
    }

    private static readonly JsonWriterOptions JsonOptions = new() { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes a document through <paramref name="sink"/> (streamed in blocks; see <see cref="JsonSink"/>).</summary>
    public static void WriteJson(JsonSink sink, Action<Utf8JsonWriter> write)
    {
        using (var json = new Utf8JsonWriter(sink, JsonOptions))
        using (sink.Bind(json))
        {
            write(json);
        }

        sink.Complete();
    }

    private static string Text(Document document, bool colour)
    {
        using var writer = new StringWriter();
        TextRenderer.Render(document, TextRenderer.ConsoleFor(writer, colour));
        return writer.ToString();
    }
}
