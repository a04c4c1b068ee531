using System.Globalization;
using System.Text;
using System.Text.Json;
using TrustMetrics.Cli.Output;

namespace TrustMetrics.Cli.Report;

/// <summary>
/// A tidy table: one row per observation, flat cells (text, whole numbers, numbers, booleans, null), column names in
/// lowerCamelCase English whatever the report language. It becomes an array of flat objects in report.json and a CSV file
/// in data/, so Python (pandas.json_normalize / read_csv), R and spreadsheets read it directly. Tables too large for a
/// readable report.json (one row per customer) set <see cref="InJson"/> false and live in their CSV only.
/// </summary>
internal sealed class DataTable
{
    private readonly List<object?[]> rows = [];

    public DataTable(string name, params string[] columns)
    {
        Name = name;
        Columns = columns;
    }

    /// <summary>The table's name: the report.json key and the CSV file name (data/NAME.csv).</summary>
    public string Name { get; }

    public IReadOnlyList<string> Columns { get; }

    public IReadOnlyList<object?[]> Rows => rows;

    /// <summary>False for per-customer tables: report.json then names the CSV file instead of inlining the rows.</summary>
    public bool InJson { get; init; } = true;

    public DataTable Add(params object?[] cells)
    {
        if (cells.Length != Columns.Count)
        {
            throw new ArgumentException($"Table {Name}: {cells.Length} cells for {Columns.Count} columns.", nameof(cells));
        }

        rows.Add(cells);
        return this;
    }

    public void WriteJson(Utf8JsonWriter json)
    {
        json.WriteStartArray(Name);
        foreach (var row in rows)
        {
            json.WriteStartObject();
            for (int i = 0; i < Columns.Count; i++)
            {
                WriteCell(json, Columns[i], row[i]);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>
    /// RFC 4180 CSV with a header row, "\n" line endings; numbers with at most 15 significant digits (R's <c>write.csv</c>), so
    /// binary noise such as 27.140000000000004 (a mean of cents) reads 27.14, and zero is "0", never "-0"; report.json keeps
    /// every bit. Null and non-finite numbers are empty.
    /// </summary>
    public string ToCsv()
    {
        var text = new StringBuilder();
        text.AppendJoin(',', Columns.Select(Quote)).Append('\n');
        foreach (var row in rows)
        {
            text.AppendJoin(',', row.Select(cell => Quote(CsvCell(cell)))).Append('\n');
        }

        return text.ToString();
    }

    private static void WriteCell(Utf8JsonWriter json, string name, object? cell)
    {
        switch (cell)
        {
            case null:
                json.WriteNull(name);
                break;
            case string s:
                json.WriteString(name, s);
                break;
            case bool b:
                json.WriteBoolean(name, b);
                break;
            case int i:
                json.WriteNumber(name, i);
                break;
            case long l:
                json.WriteNumber(name, l);
                break;
            case double d:
                MetricJson.Number(json, name, d);
                break;
            case DateOnly date:
                json.WriteString(name, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                break;
            default:
                throw new ArgumentException($"Unsupported cell type {cell.GetType().Name} in column {name}.", nameof(cell));
        }
    }

    private static string CsvCell(object? cell) => cell switch
    {
        null => string.Empty,
        string s => s,
        bool b => b ? "true" : "false",
        double d => CsvNumber(d),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString() ?? string.Empty,
    };

    /// <summary>A CSV number: 15 significant digits, no negative zero, empty when not finite.</summary>
    internal static string CsvNumber(double value)
    {
        if (!double.IsFinite(value))
        {
            return string.Empty;
        }

        string text = value.ToString("G15", CultureInfo.InvariantCulture);
        // Negative zero (a difference of equal values, −0.0 × 100) is written as 0.
        return text == "-0" ? "0" : text;
    }

    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
