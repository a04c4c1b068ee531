using System.Globalization;
using Parquet;
using Parquet.Schema;

namespace TrustMetrics.Cli.Input;

/// <summary>
/// Rows of a Parquet file through Parquet.Net (fully managed, MIT, no native library, so the tool stays one portable package and
/// builds natively with AOT). One row group at a time is decoded to invariant text, so the same column options, number and
/// date rules apply as for CSV: numbers as shortest round-trip text, dates as ISO 8601, nulls as blank cells. Memory is bounded
/// by the largest row group.
/// </summary>
internal sealed class ParquetRecords : IRecordReader
{
    private readonly Stream stream;
    private readonly ParquetReader reader;
    private readonly DataField[] fields;
    private readonly string?[][] columns;
    private int group = -1;
    private int row = -1;
    private int rows;

    private ParquetRecords(Stream stream, ParquetReader reader, DataField[] fields)
    {
        this.stream = stream;
        this.reader = reader;
        this.fields = fields;
        columns = new string?[fields.Length][];
        Names = fields.Select(f => f.Name).ToArray();
    }

    /// <summary>The column names (the schema's top-level fields).</summary>
    public string[] Names { get; }

    public int FieldCount => fields.Length;

    public static ParquetRecords Open(SurveySource source)
    {
        var stream = source.OpenStream();
        try
        {
            var reader = ParquetReader.CreateAsync(stream).GetAwaiter().GetResult();
            var fields = reader.Schema.GetDataFields();
            if (fields.FirstOrDefault(f => f.IsArray || f.Path.ToList().Count > 1) is { } nested)
            {
                throw new InputException($"{source.DisplayName}: column '{nested.Name}' is nested or a list; only flat Parquet tables are read.");
            }

            return new ParquetRecords(stream, reader, fields);
        }
        catch (Exception e) when (e is not InputException and (IOException or InvalidDataException or NotSupportedException or ArgumentException or InvalidOperationException))
        {
            stream.Dispose();
            throw new InputException($"{source.DisplayName}: not a readable Parquet file ({e.Message}).");
        }
    }

    public bool Read()
    {
        if (++row < rows)
        {
            return true;
        }

        while (++group < reader.RowGroupCount)
        {
            using var rowGroup = reader.OpenRowGroupReader(group);
            rows = checked((int)rowGroup.RowCount);
            for (int i = 0; i < fields.Length; i++)
            {
                columns[i] = ReadColumn(rowGroup, fields[i], rows);
            }

            row = 0;
            if (rows > 0)
            {
                return true;
            }
        }

        return false;
    }

    public ReadOnlySpan<char> Field(int index) => columns[index]![row];

    public void Dispose()
    {
        reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        stream.Dispose();
    }

    private static string?[] ReadColumn(ParquetRowGroupReader rowGroup, DataField field, int rows)
    {
        var type = field.ClrType;
        if (type == typeof(string))
        {
            var values = new string?[rows];
            rowGroup.ReadAsync(field, values.AsMemory(), null).GetAwaiter().GetResult();
            return values;
        }

        return type switch
        {
            _ when type == typeof(double) => Read<double>(rowGroup, field, rows, v => v.ToString("R", CultureInfo.InvariantCulture)),
            _ when type == typeof(float) => Read<float>(rowGroup, field, rows, v => v.ToString("R", CultureInfo.InvariantCulture)),
            _ when type == typeof(decimal) => Read<decimal>(rowGroup, field, rows, v => v.ToString(CultureInfo.InvariantCulture)),
            _ when type == typeof(long) => Read<long>(rowGroup, field, rows, v => v.ToString(CultureInfo.InvariantCulture)),
            _ when type == typeof(int) => Read<int>(rowGroup, field, rows, v => v.ToString(CultureInfo.InvariantCulture)),
            _ when type == typeof(short) => Read<short>(rowGroup, field, rows, v => v.ToString(CultureInfo.InvariantCulture)),
            _ when type == typeof(sbyte) => Read<sbyte>(rowGroup, field, rows, v => v.ToString(CultureInfo.InvariantCulture)),
            _ when type == typeof(byte) => Read<byte>(rowGroup, field, rows, v => v.ToString(CultureInfo.InvariantCulture)),
            _ when type == typeof(ushort) => Read<ushort>(rowGroup, field, rows, v => v.ToString(CultureInfo.InvariantCulture)),
            _ when type == typeof(uint) => Read<uint>(rowGroup, field, rows, v => v.ToString(CultureInfo.InvariantCulture)),
            _ when type == typeof(ulong) => Read<ulong>(rowGroup, field, rows, v => v.ToString(CultureInfo.InvariantCulture)),
            _ when type == typeof(bool) => Read<bool>(rowGroup, field, rows, v => v ? "1" : "0"),
            _ when type == typeof(DateTime) => Read<DateTime>(rowGroup, field, rows, v => v.ToString(v.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-ddTHH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture)),
            _ when type == typeof(DateOnly) => Read<DateOnly>(rowGroup, field, rows, v => v.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            _ when type == typeof(DateTimeOffset) => Read<DateTimeOffset>(rowGroup, field, rows, v => v.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture)),
            _ => throw new InputException($"column '{field.Name}' has the Parquet type {type.Name}, which the tool does not read."),
        };
    }

    private static string?[] Read<T>(ParquetRowGroupReader rowGroup, DataField field, int rows, Func<T, string> format)
        where T : struct
    {
        var text = new string?[rows];
        if (field.IsNullable)
        {
            var values = new T?[rows];
            rowGroup.ReadAsync(field, values.AsMemory(), null).GetAwaiter().GetResult();
            for (int i = 0; i < rows; i++)
            {
                text[i] = values[i] is T v ? format(v) : string.Empty;
            }
        }
        else
        {
            var values = new T[rows];
            rowGroup.ReadAsync(field, values.AsMemory(), null).GetAwaiter().GetResult();
            for (int i = 0; i < rows; i++)
            {
                text[i] = format(values[i]);
            }
        }

        return text;
    }
}
