using Sylvan.Data.Csv;

namespace TrustMetrics.Cli.Input;

/// <summary>
/// Reads a CSV with a header row through Sylvan.Data.Csv: the delimiter (comma, semicolon, tab) is detected from the
/// header, quoted fields are honoured, and every data row is checked to have exactly as many fields as the header.
/// Line numbers count the header as line 1 (a record with a quoted line break counts as one line).
/// </summary>
internal sealed class CsvTable : IDisposable
{
    private readonly CsvDataReader reader;
    private readonly string[] header;

    private CsvTable(SurveySource source, CsvDataReader reader)
    {
        Source = source;
        this.reader = reader;
        header = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
    }

    public SurveySource Source { get; }

    /// <summary>The header's column names.</summary>
    public IReadOnlyList<string> Columns => header;

    /// <summary>Line number of the current row (header = line 1).</summary>
    public long Line { get; private set; } = 1;

    public static CsvTable Open(SurveySource source)
    {
        var text = source.Open();
        try
        {
            var reader = CsvDataReader.Create(text, new CsvDataReaderOptions { OwnsReader = true });
            if (reader.FieldCount == 0)
            {
                throw new InputException($"{source.DisplayName}: the file is empty; a header row is required.");
            }

            return new CsvTable(source, reader);
        }
        catch (CsvFormatException e)
        {
            text.Dispose();
            throw new InputException($"{source.DisplayName}, line 1: malformed header ({e.Message}).");
        }
    }

    /// <summary>
    /// The index of <paramref name="name"/>: an exact match first, then a case-insensitive match of the trimmed name,
    /// so "NPS" finds "nps" and Korean names match as written.
    /// </summary>
    public int Column(string name)
    {
        int exact = Array.IndexOf(header, name);
        if (exact >= 0)
        {
            return exact;
        }

        var matches = header.Select((h, i) => (h, i)).Where(x => string.Equals(x.h.Trim(), name.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
        return matches.Count switch
        {
            1 => matches[0].i,
            0 => throw new InputException(
                $"{Source.DisplayName}: no column named '{name}'. Columns: {string.Join(", ", header.Select(h => $"'{h}'"))}."),
            _ => throw new InputException($"{Source.DisplayName}: the column name '{name}' is ambiguous (several columns match)."),
        };
    }

    /// <summary>Advances to the next data row; throws <see cref="InputException"/> for a malformed row.</summary>
    public bool Read()
    {
        bool more;
        try
        {
            more = reader.Read();
        }
        catch (CsvFormatException e)
        {
            throw new InputException($"{Source.DisplayName}, line {Line + 1}: malformed row ({e.Message}).");
        }

        if (!more)
        {
            return false;
        }

        Line++;
        if (reader.RowFieldCount != header.Length)
        {
            // A lone empty trailing line is not data.
            if (reader.RowFieldCount == 1 && reader.GetFieldSpan(0).IsEmpty && header.Length > 1)
            {
                return Read();
            }

            throw new InputException(
                $"{Source.DisplayName}, line {Line}: malformed row: expected {header.Length} fields as in the header, found {reader.RowFieldCount}.");
        }

        return true;
    }

    /// <summary>The trimmed text of field <paramref name="column"/> in the current row.</summary>
    public string Field(int column) => reader.GetString(column).Trim();

    /// <summary>The raw span of a field (no allocation) for the hot score-parsing path.</summary>
    public ReadOnlySpan<char> FieldSpan(int column) => reader.GetFieldSpan(column).Trim();

    public void Dispose() => reader.Dispose();
}
