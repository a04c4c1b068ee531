namespace TrustMetrics.Cli.Input;

/// <summary>
/// Bad input data: a missing file or column, a malformed row, a value that is not a valid score. The message names the
/// file, line, column and value; the command exits with code 2 and writes no output.
/// </summary>
internal class InputException(string message) : Exception(message)
{
    public static InputException AtCell(string file, long line, string column, string value, string problem) =>
        new($"{file}, line {line}, column '{column}': '{value}' {problem}");
}

/// <summary>
/// An option value outside its range, or options that cannot be combined, found by the command itself after parsing (the checks
/// System.CommandLine cannot express): exit code 1, as a parse error. An <see cref="InputException"/>, so every place that handles
/// input errors handles it too; only the exit code differs (<see cref="ExitCodes"/>).
/// </summary>
internal sealed class CommandLineException(string message) : InputException(message);
