using TrustMetrics.Cli.Input;

namespace TrustMetrics.Cli;

/// <summary>
/// The one map from outcome to exit code: 0 success, 1 invalid command line (System.CommandLine's parse errors and the option
/// checks commands make before reading), 2 bad data or a file that cannot be read or written. Every failure prints one line on
/// standard error (the message names file, line, column and value where there is one); the full exception, with its stack
/// trace, only with <c>--verbose</c>.
/// </summary>
internal static class ExitCodes
{
    /// <summary>The command ran and wrote its result.</summary>
    public const int Success = 0;

    /// <summary>The command line is invalid: unknown option, missing required option, value outside its allowed set, options that cannot be combined (<see cref="CommandLineException"/>).</summary>
    public const int CommandLine = 1;

    /// <summary>The data is bad (file, line, column, value) or a file cannot be read or written.</summary>
    public const int Data = 2;

    /// <summary>Reports <paramref name="exception"/> as one line (and in full with <paramref name="verbose"/>) and returns its exit code.</summary>
    public static int Report(Exception exception, TextWriter error, bool verbose)
    {
        string message = exception switch
        {
            InputException e => e.Message,
            FileNotFoundException e => $"{e.FileName ?? "input"}: file not found.",
            DirectoryNotFoundException e => $"folder not found: {e.Message}",
            UnauthorizedAccessException e => $"access denied: {e.Message}",
            IOException e => $"cannot read or write a file: {e.Message}",
            ArgumentException e => $"the data cannot be analysed: {e.Message}",
            InvalidOperationException e => $"the data cannot be analysed: {e.Message}",
            _ => $"unexpected {exception.GetType().Name}: {exception.Message} (a defect of trustmetrics: rerun with --verbose and report it)",
        };
        error.WriteLine("error: " + OneLine(message));
        if (verbose)
        {
            error.WriteLine(exception.ToString());
        }

        return exception is CommandLineException ? CommandLine : Data;
    }

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
