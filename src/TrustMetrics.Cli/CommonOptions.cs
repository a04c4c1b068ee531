using System.CommandLine;
using TrustMetrics.Cli.Output;

namespace TrustMetrics.Cli;

/// <summary>The options every metric command shares, defined once so names and help text agree.</summary>
internal sealed class CommonOptions
{
    public Option<FileInfo> Input { get; } = new("--input", "-i")
    {
        Description = "CSV file with a header row (comma, semicolon or tab; UTF-8 with or without BOM).",
        Required = true,
    };

    public Option<string> Column { get; } = new("--column", "-c")
    {
        Description = "Name of the score column.",
        Required = true,
    };

    public Option<string?> Group { get; } = new("--group", "-g")
    {
        Description = "Name of a column to break the metric down by (segment, channel, month, …).",
    };

    public Option<double> Confidence { get; } = new("--confidence")
    {
        Description = "Confidence level of the intervals, strictly between 0 and 1.",
        DefaultValueFactory = _ => 0.95,
    };

    public Option<string> Format { get; } = new("--format", "-f")
    {
        Description = "Output format: text, json or markdown.",
        DefaultValueFactory = _ => "text",
    };

    public Option<FileInfo?> Output { get; } = new("--output", "-o")
    {
        Description = "Write the result to this file instead of standard output (written only when the command succeeds).",
    };

    public CommonOptions()
    {
        Format.AcceptOnlyFromAmong("text", "json", "markdown");
        Confidence.Validators.Add(result =>
        {
            double level = result.GetValueOrDefault<double>();
            if (!(level > 0 && level < 1))
            {
                result.AddError($"--confidence must lie strictly between 0 and 1 (for example 0.95); got {level.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
            }
        });
    }

    public void AddTo(Command command)
    {
        command.Add(Input);
        command.Add(Column);
        command.Add(Group);
        command.Add(Confidence);
        command.Add(Format);
        command.Add(Output);
    }

    public OutputFormat ParseFormat(ParseResult parse) => parse.GetValue(Format) switch
    {
        "json" => OutputFormat.Json,
        "markdown" => OutputFormat.Markdown,
        _ => OutputFormat.Text,
    };
}
