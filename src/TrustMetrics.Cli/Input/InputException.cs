namespace TrustMetrics.Cli.Input;

/// <summary>
/// Bad input data: a missing file or column, a malformed row, a value that is not a valid score. The message names the
/// file, line, column and value; the command exits with code 2 and writes no output.
/// </summary>
internal sealed class InputException(string message) : Exception(message)
{
    public static InputException AtCell(string file, long line, string column, string value, string problem) =>
        new($"{file}, line {line}, column '{column}': '{value}' {problem}");
}
