using Spectre.Console;
using Spectre.Console.Rendering;

namespace TrustMetrics.Cli.Report;

/// <summary>
/// Progress bars on an interactive terminal (Spectre.Console): one task per long step with the count done and the rate.
/// Only used when standard output is a terminal; redirected output and tests get <see cref="SilentProgress"/>.
/// </summary>
internal sealed class SpectreProgress(ProgressContext context, System.Collections.Concurrent.ConcurrentDictionary<int, string> units) : IReportProgress
{
    /// <summary>Runs <paramref name="work"/> with progress bars drawn on <paramref name="console"/>.</summary>
    public static T Run<T>(IAnsiConsole console, Func<IReportProgress, T> work)
    {
        T result = default!;
        var units = new System.Collections.Concurrent.ConcurrentDictionary<int, string>();
        console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new CountColumn(units), new ElapsedTimeColumn(), new SpinnerColumn())
            .Start(ctx => result = work(new SpectreProgress(ctx, units)));
        return result;
    }

    /// <summary>An interactive ANSI console on <paramref name="writer"/> (standard error: standard output stays the report's).</summary>
    public static IAnsiConsole ConsoleFor(TextWriter writer) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(writer),
        Ansi = AnsiSupport.Detect,
        ColorSystem = ColorSystemSupport.Detect,
        Interactive = InteractionSupport.Yes,
    });

    public IReportProgressStep Start(string description, string unit)
    {
        var task = context.AddTask(Markup.Escape(description), autoStart: true, maxValue: 1);
        task.IsIndeterminate = true;
        units[task.Id] = unit;
        return new Step(task);
    }

    private sealed class Step(ProgressTask task) : IReportProgressStep
    {
        public void Report(long done)
        {
            task.MaxValue = Math.Max(task.MaxValue, done);
            task.Value = done;
        }

        public void Dispose()
        {
            task.IsIndeterminate = false;
            task.MaxValue = Math.Max(1, task.Value);
            task.Value = task.MaxValue;
            task.StopTask();
        }
    }

    /// <summary>"12,345 rows · 40,000/s": the count so far and Spectre's running rate.</summary>
    private sealed class CountColumn(System.Collections.Concurrent.ConcurrentDictionary<int, string> units) : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime)
        {
            string unit = units.GetValueOrDefault(task.Id, string.Empty);
            string rate = task.Speed is double speed && speed > 0 ? $" · {speed:N0}/s" : string.Empty;
            return new Text(FormattableString.Invariant($"{task.Value:N0} {unit}{rate}"), new Style(Color.Grey));
        }
    }
}
