using TrustMetrics.Cli.Input;

namespace TrustMetrics.Cli.Input;

/// <summary>Header checks before a section reads a file: which of the columns it needs or can use are there.</summary>
internal static class SectionInput
{
    /// <summary>The file's column names (the header row only is read).</summary>
    public static IReadOnlyList<string> Header(SurveySource source)
    {
        using var table = CsvTable.Open(source);
        return [.. table.Columns];
    }

    /// <summary>True when a column matches <paramref name="name"/> as <see cref="CsvTable.Column"/> would find it (trimmed, any case).</summary>
    public static bool Has(IReadOnlyList<string> header, string name) =>
        header.Any(c => string.Equals(c.Trim(), name.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The columns of <paramref name="names"/> the file lacks.</summary>
    public static List<string> Missing(IReadOnlyList<string> header, params string[] names) => names.Where(n => !Has(header, n)).ToList();

    /// <summary>"'a', 'b'" for notes.</summary>
    public static string List(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));
}
