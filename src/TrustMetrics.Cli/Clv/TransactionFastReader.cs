using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using TrustMetrics.Cli.Input;

namespace TrustMetrics.Cli.Clv;

/// <summary>
/// The fast path of <c>clv summarize</c>'s reader for a plain comma-separated UTF-8 file with a header: each 2 MB chunk is cut at a
/// line boundary near its middle and both halves are parsed on both cores straight from the bytes (the customer id as a byte span
/// and its hash, the date <c>yyyy-MM-dd</c> or <c>yyyyMMdd</c> as digits → day number, the amount by
/// <see cref="FastNumbers.TryPlain(ReadOnlySpan{byte}, out double)"/>); the rows are then numbered by customer in file order
/// through an open-addressing table over the id bytes (one string per customer, made once) and handed to the caller, which
/// aggregates them exactly as from the general reader. Memory: the 2 MB chunk, its parsed rows (about 24 bytes each) and the table.
/// Anything else — a quote, a blank line, a carriage return inside a line, another number of fields, an id with a byte outside
/// printable ASCII or a space at either end, a date that is not one of the two plain ISO layouts (a date-time, an impossible
/// day), an amount that is not a plain decimal ≥ 0 (sign, exponent, spaces; more than 15 digits go through double.TryParse), another delimiter, Parquet,
/// <c>--columns</c>, <c>--date-format</c> — makes <see cref="Read"/> return false, and the caller reads the file through
/// <see cref="CsvTable"/>, <see cref="Dates"/> and the number rule, which give the same rows or the error naming the file, line,
/// column and value.
/// </summary>
internal sealed class TransactionFastReader
{
    private const int ChunkBytes = 1 << 21;

    private readonly string path;
    private readonly IReadOnlyList<string> header;
    private readonly Layout layout;
    private readonly List<string> names = [];
    private byte[] arena = new byte[1 << 16];
    private int arenaUsed;
    private int[] offsets = new int[1024];
    private int[] lengths = new int[1024];
    private uint[] hashes = new uint[1024];
    private int[] table = new int[4096]; // slot + 1, 0 = empty; a power of two, at most half full.

    private TransactionFastReader(string path, IReadOnlyList<string> header, Layout layout)
    {
        this.path = path;
        this.header = header;
        this.layout = layout;
    }

    /// <summary>Customers numbered so far (0 … Count − 1, in order of first appearance).</summary>
    public int Count => names.Count;

    /// <summary>The id of customer number <paramref name="slot"/>.</summary>
    public string this[int slot] => names[slot];

    /// <summary>
    /// A reader for the file when the options allow the fast path (the columns are looked up through <see cref="CsvTable"/>, so a
    /// missing column is the usual error); null otherwise.
    /// </summary>
    public static TransactionFastReader? Open(SurveySource source, string customerName, string dateName, string? amountName)
    {
        if (source.Path is null || source.IsParquet || source.Settings.Columns is not null || source.Settings.DateFormat is not null
            || source.Settings.Delimiter is not (Delimiter.Auto or Delimiter.Comma))
        {
            return null;
        }

        using var csv = CsvTable.Open(source);
        int id = csv.Column(customerName), date = csv.Column(dateName);
        int amount = amountName is null ? -1 : csv.Column(amountName);
        string[] header = [.. csv.Columns];
        return new TransactionFastReader(source.Path, header, new Layout(header.Length, id, date, amount));
    }

    /// <summary>
    /// Reads every row into <paramref name="add"/> (customer number, date, amount; 0 without an amount column). False when the file
    /// is not of the simple form or has no rows: then rows may already have been passed, and the caller discards them.
    /// </summary>
    public bool Read(Action<int, DateTime, double> add)
    {
        try
        {
            return ReadAll(add);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // the general reader reports it.
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool ReadAll(Action<int, DateTime, double> add)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var buffer = new byte[ChunkBytes];
        var rows = new Rows(0);
        long total = 0;
        bool whole = FastCsv.ForEachChunk(stream, buffer, header, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (chunk, start, middle, usable, firstRows, secondRows) =>
        {
            if (rows.Capacity < firstRows + secondRows)
            {
                rows = new Rows(firstRows + secondRows);
            }

            bool ok0 = true, ok1 = true;
            if (secondRows > 0 && middle - start > 1 << 16)
            {
                Parallel.Invoke(
                    () => ok0 = Parse(chunk, start, middle, layout, rows, 0, firstRows),
                    () => ok1 = Parse(chunk, middle, usable, layout, rows, firstRows, secondRows));
            }
            else
            {
                ok0 = Parse(chunk, start, middle, layout, rows, 0, firstRows) && Parse(chunk, middle, usable, layout, rows, firstRows, secondRows);
            }

            if (!ok0 || !ok1)
            {
                return false;
            }

            int count = firstRows + secondRows;
            for (int i = 0; i < count; i++)
            {
                int slot = Slot(chunk.AsSpan(rows.IdStart[i], rows.IdLength[i]), rows.Hash[i]);
                add(slot, new DateTime(rows.Day[i] * TimeSpan.TicksPerDay), rows.Amount[i]);
            }

            total += count;
            return true;
        });

        return whole && total > 0;
    }

    /// <summary>The number of the customer with these id bytes, numbering a new one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Slot(ReadOnlySpan<byte> id, uint hash)
    {
        int mask = table.Length - 1;
        int at = (int)(hash & (uint)mask);
        while (true)
        {
            int entry = table[at];
            if (entry == 0)
            {
                break;
            }

            int slot = entry - 1;
            if (hashes[slot] == hash && id.SequenceEqual(arena.AsSpan(offsets[slot], lengths[slot])))
            {
                return slot;
            }

            at = (at + 1) & mask;
        }

        int added = names.Count;
        if (added == offsets.Length)
        {
            Array.Resize(ref offsets, added * 2);
            Array.Resize(ref lengths, added * 2);
            Array.Resize(ref hashes, added * 2);
        }

        if (arenaUsed + id.Length > arena.Length)
        {
            Array.Resize(ref arena, Math.Max(arena.Length * 2, arenaUsed + id.Length));
        }

        id.CopyTo(arena.AsSpan(arenaUsed));
        (offsets[added], lengths[added], hashes[added]) = (arenaUsed, id.Length, hash);
        arenaUsed += id.Length;
        names.Add(Encoding.ASCII.GetString(id));
        table[at] = added + 1;
        if ((added + 1) * 2 > table.Length)
        {
            Rehash();
        }

        return added;
    }

    private void Rehash()
    {
        table = new int[table.Length * 2];
        int mask = table.Length - 1;
        for (int slot = 0; slot < names.Count; slot++)
        {
            int at = (int)(hashes[slot] & (uint)mask);
            while (table[at] != 0)
            {
                at = (at + 1) & mask;
            }

            table[at] = slot + 1;
        }
    }

    private readonly record struct Layout(int Fields, int Id, int Date, int Amount);

    /// <summary>The parsed rows of one chunk, as columns.</summary>
    private sealed class Rows(int capacity)
    {
        public int Capacity { get; } = capacity;

        public int[] IdStart { get; } = new int[capacity];

        public int[] IdLength { get; } = new int[capacity];

        public uint[] Hash { get; } = new uint[capacity];

        public int[] Day { get; } = new int[capacity];

        public double[] Amount { get; } = new double[capacity];
    }


    /// <summary>The lines of <c>buffer[from..to)</c> into rows <c>first … first + count − 1</c>; false when one is not simple.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool Parse(byte[] buffer, int from, int to, Layout layout, Rows rows, int first, int count)
    {
        int row = first;
        int position = from;
        while (position < to)
        {
            var rest = buffer.AsSpan(position, to - position);
            int newline = rest.IndexOf((byte)'\n');
            int length = newline < 0 ? rest.Length : newline;
            var line = rest[..length];
            if (line.Length > 0 && line[^1] == (byte)'\r')
            {
                line = line[..^1];
            }

            if (line.IsEmpty || row >= first + count || !Row(line, position, layout, rows, row))
            {
                return false;
            }

            row++;
            position += newline < 0 ? length : length + 1;
        }

        return row == first + count;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool Row(ReadOnlySpan<byte> line, int lineStart, Layout layout, Rows rows, int row)
    {
        bool gotId = false, gotDate = false;
        double amount = 0;
        int field = 0, at = 0;
        while (true)
        {
            var remaining = line[at..];
            int comma = remaining.IndexOf((byte)',');
            var cell = comma < 0 ? remaining : remaining[..comma];
            if (cell.Contains((byte)'\r'))
            {
                return false;
            }

            if (field == layout.Id)
            {
                if (!PlainId(cell))
                {
                    return false;
                }

                rows.IdStart[row] = lineStart + at;
                rows.IdLength[row] = cell.Length;
                rows.Hash[row] = Hash(cell);
                gotId = true;
            }
            else if (field == layout.Date)
            {
                if (!Day(cell, out rows.Day[row]))
                {
                    return false;
                }

                gotDate = true;
            }
            else if (field == layout.Amount)
            {
                // A sign (even "-0"), an exponent or spaces go to the general reader and its number rule.
                if (cell.IsEmpty || cell[0] == (byte)'-' || (!FastNumbers.TryPlain(cell, out amount) && !LongDecimal(cell, out amount)))
                {
                    return false;
                }
            }

            field++;
            if (comma < 0)
            {
                break;
            }

            at += comma + 1;
        }

        rows.Amount[row] = amount;
        return field == layout.Fields && gotId && gotDate;
    }

    /// <summary>
    /// digits[.digits] beyond <see cref="FastNumbers"/>' 15 digits, by <see cref="double.TryParse(ReadOnlySpan{byte}, NumberStyles, IFormatProvider?, out double)"/>
    /// (correctly rounded, as the number rule's parse of the same text); false for anything else.
    /// </summary>
    private static bool LongDecimal(ReadOnlySpan<byte> cell, out double value)
    {
        value = 0;
        int dot = cell.IndexOf((byte)'.');
        var whole = dot < 0 ? cell : cell[..dot];
        var fraction = dot < 0 ? default : cell[(dot + 1)..];
        if (whole.IsEmpty || whole.ContainsAnyExceptInRange((byte)'0', (byte)'9') || (dot >= 0 && (fraction.IsEmpty || fraction.ContainsAnyExceptInRange((byte)'0', (byte)'9'))))
        {
            return false;
        }

        return double.TryParse(cell, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

    /// <summary>Non-empty printable ASCII without a space at either end (so the general reader's trimmed text is the same bytes).</summary>
    private static bool PlainId(ReadOnlySpan<byte> cell)
    {
        if (cell.IsEmpty || cell[0] == (byte)' ' || cell[^1] == (byte)' ')
        {
            return false;
        }

        return !cell.ContainsAnyExceptInRange((byte)0x20, (byte)0x7E);
    }

    /// <summary><c>yyyy-MM-dd</c> or <c>yyyyMMdd</c>, a real calendar day (as <see cref="Dates"/>), to its day number.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Day(ReadOnlySpan<byte> cell, out int day)
    {
        day = 0;
        int year, month, date;
        if (cell.Length == 10 && cell[4] == (byte)'-' && cell[7] == (byte)'-')
        {
            if (!Digits(cell[..4], out year) || !Digits(cell.Slice(5, 2), out month) || !Digits(cell.Slice(8, 2), out date))
            {
                return false;
            }
        }
        else if (cell.Length == 8)
        {
            if (!Digits(cell[..4], out year) || !Digits(cell.Slice(4, 2), out month) || !Digits(cell.Slice(6, 2), out date))
            {
                return false;
            }
        }
        else
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || date < 1 || date > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        day = new DateOnly(year, month, date).DayNumber;
        return true;
    }

    private static bool Digits(ReadOnlySpan<byte> text, out int value)
    {
        value = 0;
        foreach (byte b in text)
        {
            uint digit = (uint)(b - '0');
            if (digit > 9)
            {
                return false;
            }

            value = (value * 10) + (int)digit;
        }

        return true;
    }

    /// <summary>A fast multiplicative hash of the id bytes, eight at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Hash(ReadOnlySpan<byte> id)
    {
        ulong h = (ulong)id.Length * 0x9E3779B97F4A7C15UL;
        while (id.Length >= 8)
        {
            h = (h ^ BinaryPrimitives.ReadUInt64LittleEndian(id)) * 0xBF58476D1CE4E5B9UL;
            h ^= h >> 31;
            id = id[8..];
        }

        ulong tail = 0;
        for (int i = 0; i < id.Length; i++)
        {
            tail |= (ulong)id[i] << (8 * i);
        }

        h = (h ^ tail) * 0x94D049BB133111EBUL;
        h ^= h >> 29;
        h *= 0xBF58476D1CE4E5B9UL;
        return (uint)(h ^ (h >> 32));
    }
}
