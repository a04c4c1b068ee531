using Spectre.Console;
using Spectre.Console.Rendering;
using SpectreTable = Spectre.Console.Table;

namespace TrustMetrics.Cli.Output;

/// <summary>Renders a <see cref="Document"/> as terminal tables with Spectre.Console (colour only on a real terminal).</summary>
internal static class TextRenderer
{
    public static void Render(Document document, IAnsiConsole console)
    {
        console.Write(new Rule($"[bold]{Markup.Escape(document.Heading)}[/]").LeftJustified());
        foreach (string line in document.Summary)
        {
            console.MarkupLine(Markup.Escape(line));
        }

        foreach (var source in document.Tables)
        {
            var table = new SpectreTable().Border(TableBorder.Rounded).Title($"[bold]{Markup.Escape(source.Title)}[/]");
            for (int i = 0; i < source.Headers.Count; i++)
            {
                var column = new TableColumn(Markup.Escape(source.Headers[i]));
                table.AddColumn(source.IsNumeric(i) ? column.RightAligned() : column);
            }

            foreach (var row in source.Rows)
            {
                table.AddRow(row.Select(cell => (IRenderable)new Text(cell)).ToArray());
            }

            console.WriteLine();
            console.Write(table);
            foreach (string note in source.Notes)
            {
                console.MarkupLine($"[grey]{Markup.Escape(note)}[/]");
            }
        }
    }

    /// <summary>A console writing to <paramref name="writer"/>; ANSI colour only when <paramref name="terminal"/> says it is a real terminal.</summary>
    public static IAnsiConsole ConsoleFor(TextWriter writer, bool terminal)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        if (!terminal)
        {
            // Redirected output has no terminal width; keep tables on one line each rather than wrapping at 80.
            console.Profile.Width = 160;
        }

        return console;
    }
}
