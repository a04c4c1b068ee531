using Sylvan.Data.Csv;

namespace TrustMetrics.Cli.Input;

/// <summary>
/// The one input layer: reads a table row by row, whatever its form. Delimited text goes through Sylvan.Data.Csv (comma,
/// semicolon, tab or pipe, detected from the first line or given with <c>--delimiter</c>; quoted fields honoured); files whose
/// fields are separated by runs of whitespace (CDNOW's .txt files) through <see cref="WhitespaceRecords"/>; Parquet files (by
/// extension) through <see cref="ParquetRecords"/>. A header row names the columns, or <c>--no-header --columns a,b,c</c> does.
/// Every row must have exactly as many fields as there are columns. Line numbers count the header as line 1 (a record with a
/// quoted line break counts as one line; in a headerless file the first row is line 1; in Parquet, row numbers).
/// Nothing is buffered beyond the current row (a Parquet row group for Parquet).
/// </summary>
internal sealed class CsvTable : IDisposable
{
    private readonly IRecordReader reader;
    private readonly string[] header;
    private readonly bool namedByOption;

    private CsvTable(SurveySource source, IRecordReader reader, string[] header, bool namedByOption)
    {
        Source = source;
        this.reader = reader;
        this.header = header;
        this.namedByOption = namedByOption;
        Line = namedByOption ? 0 : 1;
    }

    public SurveySource Source { get; }

    /// <summary>The column names (the header row, or <c>--columns</c>).</summary>
    public IReadOnlyList<string> Columns => header;

    /// <summary>Line number of the current row (header = line 1).</summary>
    public long Line { get; private set; }

    public static CsvTable Open(SurveySource source)
    {
        var names = source.Settings.Columns;
        if (source.IsParquet)
        {
            var parquet = ParquetRecords.Open(source);
            return new CsvTable(source, parquet, parquet.Names, namedByOption: false);
        }

        var delimiter = Sniff(source, source.Settings.Delimiter);

        if (delimiter == Delimiter.Whitespace)
        {
            var records = new WhitespaceRecords(source.Open());
            if (names is not null)
            {
                return new CsvTable(source, records, [.. names], namedByOption: true);
            }

            if (!records.Read())
            {
                records.Dispose();
                throw new InputException($"{source.DisplayName}: the file is empty; a header row is required.");
            }

            var header = Enumerable.Range(0, records.FieldCount).Select(i => records.Field(i).ToString()).ToArray();
            return new CsvTable(source, records, header, namedByOption: false);
        }

        var text = source.Open();
        try
        {
            var options = new CsvDataReaderOptions { OwnsReader = true, HasHeaders = names is null };
            options.Delimiter = delimiter switch { Delimiter.Semicolon => ';', Delimiter.Tab => '\t', Delimiter.Comma => ',', _ => '|' };
            var reader = CsvDataReader.Create(text, options);
            if (names is not null)
            {
                return new CsvTable(source, new SylvanRecords(reader), [.. names], namedByOption: true);
            }

            if (reader.FieldCount == 0)
            {
                reader.Dispose();
                throw new InputException($"{source.DisplayName}: the file is empty; a header row is required.");
            }

            return new CsvTable(source, new SylvanRecords(reader), Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray(), namedByOption: false);
        }
        catch (CsvFormatException e)
        {
            text.Dispose();
            throw new InputException($"{source.DisplayName}, line 1: malformed header ({e.Message}).");
        }
    }

    /// <summary>
    /// Looks at the first two lines: binary data (a NUL character) is refused; with <c>--delimiter auto</c> the most frequent of
    /// comma, semicolon, tab and pipe on the first line is the delimiter; when none occurs and both lines split on whitespace into
    /// the same number (≥ 2) of fields, the file is whitespace-separated; otherwise it has a single column.
    /// </summary>
    private static Delimiter Sniff(SurveySource source, Delimiter given)
    {
        string? first, second;
        using (var text = source.Open())
        {
            var buffer = new char[1 << 14];
            int read = text.ReadBlock(buffer, 0, buffer.Length);
            var head = buffer.AsSpan(0, read);
            if (head.Contains('\0'))
            {
                throw new InputException($"{source.DisplayName}, line 1: binary data (a NUL byte), not a text table; Parquet files need the .parquet extension.");
            }

            if (read > 0 && head.Contains('\uFFFD') && head.Count('\uFFFD') * 20 > read)
            {
                throw new InputException($"{source.DisplayName}, line 1: not UTF-8 text (binary data?); save the file as UTF-8.");
            }

            using var lines = new StringReader(new string(head));
            first = lines.ReadLine();
            second = lines.ReadLine();
        }

        if (given != Delimiter.Auto || first is null)
        {
            return given == Delimiter.Auto ? Delimiter.Comma : given;
        }

        char[] candidates = [',', ';', '\t', '|'];
        int best = -1, bestCount = 0;
        for (int i = 0; i < candidates.Length; i++)
        {
            char candidate = candidates[i];
            int count = first.Count(c => c == candidate);
            if (count > bestCount)
            {
                (best, bestCount) = (i, count);
            }
        }

        if (best >= 0)
        {
            return best switch { 0 => Delimiter.Comma, 1 => Delimiter.Semicolon, 2 => Delimiter.Tab, _ => Delimiter.Auto };
        }

        int firstFields = WhitespaceRecords.CountFields(first);
        return firstFields >= 2 && second is not null && WhitespaceRecords.CountFields(second) == firstFields ? Delimiter.Whitespace : Delimiter.Comma;
    }

    /// <summary>
    /// The index of <paramref name="name"/>: an exact match first, then a case-insensitive match of the trimmed name,
    /// so "NPS" finds "nps" and Korean names match as written. A missing column is exit code 2 naming it and the columns there are.
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

    /// <summary>True when <see cref="Column"/> would find <paramref name="name"/>.</summary>
    public bool HasColumn(string name) => header.Any(h => string.Equals(h.Trim(), name.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>Advances to the next data row; throws <see cref="InputException"/> for a malformed row.</summary>
    public bool Read()
    {
        while (true)
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
            int count = reader.FieldCount;
            if (count == header.Length)
            {
                return true;
            }

            // A blank line is not data.
            if (count == 0 || (count == 1 && reader.Field(0).IsWhiteSpace() && header.Length > 1))
            {
                continue;
            }

            throw new InputException(
                $"{Source.DisplayName}, line {Line}: malformed row: expected {header.Length} fields as {(namedByOption ? "named by --columns" : "in the header")}, found {count}"
                + (count == 1 && header.Length > 1 ? " (is --delimiter right?)." : "."));
        }
    }

    /// <summary>The trimmed text of field <paramref name="column"/> in the current row.</summary>
    public string Field(int column) => reader.Field(column).Trim().ToString();

    /// <summary>The raw span of a field (no allocation) for the hot parsing paths.</summary>
    public ReadOnlySpan<char> FieldSpan(int column) => reader.Field(column).Trim();

    public void Dispose() => reader.Dispose();
}

/// <summary>A source of records: the fields of the current row as spans.</summary>
internal interface IRecordReader : IDisposable
{
    /// <summary>Number of fields of the current row.</summary>
    int FieldCount { get; }

    /// <summary>Advances to the next row; false at the end.</summary>
    bool Read();

    /// <summary>Field <paramref name="index"/> of the current row.</summary>
    ReadOnlySpan<char> Field(int index);
}

/// <summary>Delimited text through Sylvan.Data.Csv.</summary>
internal sealed class SylvanRecords(CsvDataReader reader) : IRecordReader
{
    public int FieldCount => reader.RowFieldCount;

    public bool Read() => reader.Read();

    public ReadOnlySpan<char> Field(int index) => reader.GetFieldSpan(index);

    public void Dispose() => reader.Dispose();
}

/// <summary>Lines whose fields are separated by runs of spaces or tabs (no quoting); leading and trailing whitespace is ignored.</summary>
internal sealed class WhitespaceRecords(TextReader text) : IRecordReader
{
    private readonly List<(int Start, int Length)> fields = [];
    private string line = string.Empty;

    public int FieldCount => fields.Count;

    public bool Read()
    {
        line = text.ReadLine()!;
        if (line is null)
        {
            return false;
        }

        fields.Clear();
        int i = 0;
        while (i < line.Length)
        {
            while (i < line.Length && line[i] is ' ' or '\t')
            {
                i++;
            }

            int start = i;
            while (i < line.Length && line[i] is not (' ' or '\t'))
            {
                i++;
            }

            if (i > start)
            {
                fields.Add((start, i - start));
            }
        }

        return true;
    }

    public ReadOnlySpan<char> Field(int index) => line.AsSpan(fields[index].Start, fields[index].Length);

    /// <summary>The number of whitespace-separated fields of <paramref name="text"/>.</summary>
    public static int CountFields(string text) => text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).Length;

    public void Dispose() => text.Dispose();
}
