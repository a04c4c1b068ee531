using System.Runtime.CompilerServices;
using System.Text;
using TrustMetrics.Cli.Input;

namespace TrustMetrics.Cli.Survival;

/// <summary>
/// The fast path of <c>trustmetrics cox</c>'s reader for the common large case: a plain delimited UTF-8 file with a header, only
/// numeric columns and a 0/1 event column. It reads the bytes straight into one array per column (counted first, so each
/// column is allocated once at its exact length; no per-row or per-cell allocation) and parses each chunk on both cores.
/// It applies exactly the rules of the one input layer (<see cref="CsvTable"/>: the header names the columns, fields are
/// trimmed; <see cref="Numbers"/>: invariant culture, finite values; <see cref="ScoreParser.EventFlag"/>: 1/0/true/false) and
/// gives up — returning null, so the caller reads the file through <see cref="CsvTable"/>, which then also produces the
/// precise error message — on anything else: a quote character, a blank line, a lone carriage return, a row with another
/// number of fields, a cell it cannot parse, non-ASCII bytes in a column it reads, Parquet, <c>--columns</c>.
/// Plain decimals go through the shared exact parser <see cref="FastNumbers.TryPlain(ReadOnlySpan{byte}, out double)"/> (the same
/// double as <see cref="double.Parse(string)"/>; a zero written with '-' excepted, see <see cref="Number"/>); every other cell
/// goes through <see cref="Numbers.TryParse"/>.
/// </summary>
internal static class CoxColumns
{
    private const int ChunkBytes = 1 << 23;

    /// <summary>
    /// Reads the <paramref name="numeric"/> columns (by index) and the event column; null when the fast path does not apply.
    /// </summary>
    public static (double[][] Numeric, bool[] Events)? TryRead(SurveySource source, IReadOnlyList<string> header, int[] numeric, int eventColumn)
    {
        if (source.Path is null || source.IsParquet || source.Settings.Columns is not null || source.Settings.Delimiter == Delimiter.Whitespace)
        {
            return null;
        }

        try
        {
            return Read(source, header, numeric, eventColumn);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static (double[][] Numeric, bool[] Events)? Read(SurveySource source, IReadOnlyList<string> header, int[] numeric, int eventColumn)
    {
        var buffer = new byte[ChunkBytes];

        // Pass 1: count the lines (vectorised) so every column is allocated once.
        long newlines = 0;
        byte last = (byte)'\n';
        using (var stream = source.OpenStream())
        {
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                newlines += buffer.AsSpan(0, read).Count((byte)'\n');
                last = buffer[read - 1];
            }
        }

        long rowsLong = newlines - 1 + (last == (byte)'\n' ? 0 : 1);
        if (rowsLong <= 0 || rowsLong > Array.MaxLength / 8)
        {
            return null;
        }

        int rows = (int)rowsLong;
        int fields = header.Count;
        var role = new int[fields];
        Array.Fill(role, -1);
        for (int k = 0; k < numeric.Length; k++)
        {
            if (role[numeric[k]] != -1) return null;
            role[numeric[k]] = k;
        }

        if (role[eventColumn] != -1) return null;
        role[eventColumn] = -2;
        var columns = new double[numeric.Length][];
        for (int k = 0; k < columns.Length; k++) columns[k] = new double[rows];
        var events = new bool[rows];

        using var input = source.OpenStream();
        int filled = 0;
        bool headerDone = false;
        byte delimiter = 0;
        int row = 0;
        bool end = false;
        while (!end)
        {
            int read = input.Read(buffer, filled, buffer.Length - filled);
            if (read == 0) end = true;
            filled += read;
            int usable;
            if (end)
            {
                usable = filled;
            }
            else
            {
                int lastNewline = buffer.AsSpan(0, filled).LastIndexOf((byte)'\n');
                if (lastNewline < 0)
                {
                    if (filled == buffer.Length) return null; // a line longer than the buffer: not the case this path is for
                    continue;
                }

                usable = lastNewline + 1;
            }

            var region = buffer.AsSpan(0, usable);
            if (region.Contains((byte)'"')) return null;
            int offset = 0;
            if (!headerDone)
            {
                if (!Header(region, header, source.Settings.Delimiter, out delimiter, out offset)) return null;
                headerDone = true;
            }

            var body = buffer.AsMemory(offset, usable - offset);
            bool hasCr = body.Span.Contains((byte)'\r');

            // Split the chunk at a line boundary near its middle and parse both halves at once.
            int split = body.Length / 2;
            int cut = split < body.Length ? body.Span[split..].IndexOf((byte)'\n') : -1;
            var first = cut < 0 ? body : body[..(split + cut + 1)];
            var second = cut < 0 ? Memory<byte>.Empty : body[(split + cut + 1)..];
            int firstRows = Lines(first.Span), secondRows = Lines(second.Span);
            if ((long)row + firstRows + secondRows > rows) return null;
            bool ok0 = true, ok1 = true;
            int row0 = row, row1 = row + firstRows;
            byte d = delimiter;
            if (second.Length > 0 && first.Length > 1 << 16)
            {
                Parallel.Invoke(
                    () => ok0 = Parse(first.Span, d, hasCr, role, columns, events, row0, firstRows),
                    () => ok1 = Parse(second.Span, d, hasCr, role, columns, events, row1, secondRows));
            }
            else
            {
                ok0 = Parse(first.Span, d, hasCr, role, columns, events, row0, firstRows)
                    && Parse(second.Span, d, hasCr, role, columns, events, row1, secondRows);
            }

            if (!ok0 || !ok1) return null;
            row += firstRows + secondRows;
            int rest = filled - usable;
            Array.Copy(buffer, usable, buffer, 0, rest);
            filled = rest;
        }

        return row == rows && headerDone ? (columns, events) : null;
    }

    /// <summary>Number of lines in <paramref name="text"/> (a last line without its line feed counts).</summary>
    private static int Lines(ReadOnlySpan<byte> text) =>
        text.IsEmpty ? 0 : text.Count((byte)'\n') + (text[^1] == (byte)'\n' ? 0 : 1);

    /// <summary>
    /// The header line: the delimiter as <see cref="CsvTable"/> sniffs it (the most frequent of , ; tab | on the first line, or
    /// the one given), and the names split by it must be exactly the names the table read.
    /// </summary>
    private static bool Header(ReadOnlySpan<byte> region, IReadOnlyList<string> header, Delimiter given, out byte delimiter, out int offset)
    {
        delimiter = 0;
        offset = 0;
        int start = region.StartsWith("\uFEFF"u8) ? 3 : 0;
        int newline = region[start..].IndexOf((byte)'\n');
        if (newline < 0) return false;
        var line = region.Slice(start, newline);
        if (line.EndsWith("\r"u8)) line = line[..^1];
        offset = start + newline + 1;
        ReadOnlySpan<byte> candidates = [(byte)',', (byte)';', (byte)'\t', (byte)'|'];
        switch (given)
        {
            case Delimiter.Comma: delimiter = (byte)','; break;
            case Delimiter.Semicolon: delimiter = (byte)';'; break;
            case Delimiter.Tab: delimiter = (byte)'\t'; break;
            default:
                int bestCount = 0;
                foreach (byte c in candidates)
                {
                    int count = line.Count(c);
                    if (count > bestCount) (delimiter, bestCount) = (c, count);
                }

                if (bestCount == 0) return false;
                break;
        }

        if (line.Contains((byte)'\r')) return false;
        int k = 0;
        foreach (var range in line.Split(delimiter))
        {
            if (k >= header.Count || Encoding.UTF8.GetString(line[range]) != header[k]) return false;
            k++;
        }

        return k == header.Count;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool Parse(ReadOnlySpan<byte> text, byte delimiter, bool hasCr, int[] role, double[][] columns, bool[] events, int row, int count)
    {
        int fields = role.Length;
        int end = row + count;
        while (!text.IsEmpty)
        {
            int newline = text.IndexOf((byte)'\n');
            var line = newline < 0 ? text : text[..newline];
            text = newline < 0 ? [] : text[(newline + 1)..];
            if (hasCr)
            {
                if (!line.IsEmpty && line[^1] == (byte)'\r') line = line[..^1];
                if (line.Contains((byte)'\r')) return false;
            }

            if (line.IsEmpty || row >= end) return false;
            int field = 0;
            while (true)
            {
                int next = line.IndexOf(delimiter);
                var cell = next < 0 ? line : line[..next];
                if (field >= fields) return false;
                int r = role[field];
                if (r >= 0)
                {
                    if (!Number(cell, out columns[r][row])) return false;
                }
                else if (r == -2)
                {
                    var flag = Trim(cell);
                    if (flag.Length == 1 && flag[0] == (byte)'1') events[row] = true;
                    else if (flag.Length == 1 && flag[0] == (byte)'0') events[row] = false;
                    else if (Ascii.EqualsIgnoreCase(flag, "true"u8)) events[row] = true;
                    else if (Ascii.EqualsIgnoreCase(flag, "false"u8)) events[row] = false;
                    else return false;
                }

                field++;
                if (next < 0) break;
                line = line[(next + 1)..];
            }

            if (field != fields) return false;
            row++;
        }

        return row == end;
    }

    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> cell)
    {
        int a = 0, b = cell.Length;
        while (a < b && IsSpace(cell[a])) a++;
        while (b > a && IsSpace(cell[b - 1])) b--;
        return cell[a..b];
    }

    private static bool IsSpace(byte c) => c == (byte)' ' || (c >= 0x09 && c <= 0x0D);

    /// <summary>
    /// The number rule of <see cref="Numbers.TryParse"/> on ASCII bytes: a plain decimal through the shared exact fast parser
    /// (<see cref="FastNumbers.TryPlain(ReadOnlySpan{byte}, out double)"/>, bit for bit <c>double.Parse</c>), tried on the untrimmed
    /// cell first (spaces make it decline); a zero with a leading '-' is declined too, because the number rule reads an integer
    /// "-0" as +0 (<c>long.TryParse</c>) where <c>double.Parse</c> gives -0. Every other cell goes through <see cref="Numbers.TryParse"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Number(ReadOnlySpan<byte> cell, out double value)
    {
        if (FastNumbers.TryPlain(cell, out value) && (value != 0 || cell[0] != (byte)'-'))
        {
            return true;
        }

        return Slow(Trim(cell), out value);
    }

    private static bool Slow(ReadOnlySpan<byte> cell, out double value)
    {
        value = 0;
        if (cell.Length > 256 || !Ascii.IsValid(cell)) return false;
        Span<char> chars = stackalloc char[cell.Length];
        Ascii.ToUtf16(cell, chars, out _);
        return Numbers.TryParse(chars, out value);
    }
}
