using System.Runtime.CompilerServices;
using System.Text;
using TrustMetrics.Cli.Input;
using TrustMetrics.Survival;

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

    /// <summary>
    /// Reads the file straight into the layout the fit needs, without the column copy: pass 1 reads the per-row values (stop,
    /// start, weight, event) and sorts the rows (<see cref="CoxData.OrderRows"/>); pass 2 parses each row's covariates into its
    /// sorted row of the covariate matrix (<see cref="CoxRowOrder.Position"/>), both halves of each chunk at once; then
    /// <see cref="CoxData.CreateSorted"/> centres it in place. The same data, bit for
    /// bit, as <see cref="TryRead"/> followed by <see cref="CoxData.Create"/>.
    /// Null when the fast path does not apply (as <see cref="TryRead"/>) or the per-row values are invalid (the general path then
    /// reports the error as it always does).
    /// </summary>
    public static CoxData? TryReadSorted(SurveySource source, IReadOnlyList<string> header, IReadOnlyList<string> names, int stopColumn,
        int? startColumn, int? weightColumn, int[] covariates, int eventColumn)
    {
        if (source.Path is null || source.IsParquet || source.Settings.Columns is not null || source.Settings.Delimiter == Delimiter.Whitespace)
        {
            return null;
        }

        try
        {
            return ReadSorted(source, header, names, stopColumn, startColumn, weightColumn, covariates, eventColumn);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static CoxData? ReadSorted(SurveySource source, IReadOnlyList<string> header, IReadOnlyList<string> names, int stopColumn,
        int? startColumn, int? weightColumn, int[] covariates, int eventColumn)
    {
        int fields = header.Count;
        int[] scalars = [stopColumn, .. startColumn is int s0 ? [s0] : Array.Empty<int>(), .. weightColumn is int w0 ? [w0] : Array.Empty<int>()];
        if (Roles(fields, [.. scalars, .. covariates], eventColumn) is null)
        {
            return null; // a column used twice: the general path's business.
        }

        var buffer = new byte[ChunkBytes];

        // Pass 1: the per-row values, into arrays sized from the file length and the first chunk's line length.
        var scalarRoles = Roles(fields, scalars, eventColumn)!;
        var firstPass = new Targets(scalarRoles, new double[scalars.Length][], Enumerable.Repeat(1, scalars.Length).ToArray(), new int[fields], null, [],
            scalarRoles.AsSpan().LastIndexOfAnyExcept(-1));
        long length;
        int rows = 0;
        using (var stream = source.OpenStream())
        {
            length = stream.CanSeek ? stream.Length : 0;
            bool ok = ForEachChunk(stream, buffer, header, source.Settings.Delimiter, (first, second, firstRows, secondRows, delimiter, hasCr) =>
            {
                long needed = (long)rows + firstRows + secondRows;
                if (needed > Array.MaxLength / 8) return false;
                if (needed > firstPass.Events.Length)
                {
                    long estimate = firstPass.Events.Length == 0 && length > 0
                        ? (long)(length / ((double)(first.Length + second.Length) / Math.Max(1, firstRows + secondRows)) * 1.02) + 1024
                        : 2L * needed;
                    int capacity = (int)Math.Clamp(estimate, needed, Array.MaxLength / 8);
                    for (int k = 0; k < firstPass.Arrays.Length; k++) Array.Resize(ref firstPass.Arrays[k], capacity);
                    Array.Resize(ref firstPass.Events, capacity);
                }

                if (!ParseHalves(first, second, firstRows, secondRows, delimiter, hasCr, firstPass, rows)) return false;
                rows = (int)needed;
                return true;
            });
            if (!ok || rows == 0) return null;
        }

        for (int k = 0; k < firstPass.Arrays.Length; k++) Array.Resize(ref firstPass.Arrays[k], rows);
        Array.Resize(ref firstPass.Events, rows);
        CoxRowOrder order;
        try
        {
            order = CoxData.OrderRows(firstPass.Arrays[0], firstPass.Events, startColumn is null ? null : firstPass.Arrays[1],
                weightColumn is null ? null : firstPass.Arrays[^1]);
        }
        catch (ArgumentException)
        {
            return null; // an invalid time or weight: the general path reads the whole file first and reports it as always.
        }

        // Pass 2: each row's covariates into its sorted row of the N·P matrix.
        int p = covariates.Length;
        if ((long)rows * p > Array.MaxLength) return null;
        var x = GC.AllocateUninitializedArray<double>(rows * p);
        var roles = new int[fields];
        Array.Fill(roles, -1);
        for (int j = 0; j < p; j++) roles[covariates[j]] = 0;
        var offsets = new int[fields];
        for (int j = 0; j < p; j++) offsets[covariates[j]] = j;
        var secondPass = new Targets(roles, [x], [p], offsets, order.Position, [], fields - 1);
        int placed = 0;
        using (var stream = source.OpenStream())
        {
            bool ok = ForEachChunk(stream, buffer, header, source.Settings.Delimiter, (first, second, firstRows, secondRows, delimiter, hasCr) =>
            {
                if (placed + firstRows + secondRows > rows) return false;
                if (!ParseHalves(first, second, firstRows, secondRows, delimiter, hasCr, secondPass, placed)) return false;
                placed += firstRows + secondRows;
                return true;
            });
            if (!ok || placed != rows) return null;
        }

        return CoxData.CreateSorted(names, order, x);
    }

    /// <summary>Field → role: k for <paramref name="numeric"/>[k], −2 for the event, −1 for any other; null when a column repeats.</summary>
    private static int[]? Roles(int fields, int[] numeric, int eventColumn)
    {
        var role = new int[fields];
        Array.Fill(role, -1);
        for (int k = 0; k < numeric.Length; k++)
        {
            if (role[numeric[k]] != -1) return null;
            role[numeric[k]] = k;
        }

        if (role[eventColumn] != -1) return null;
        role[eventColumn] = -2;
        return role;
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
        var role = Roles(header.Count, numeric, eventColumn);
        if (role is null) return null;
        var columns = new double[numeric.Length][];
        for (int k = 0; k < columns.Length; k++) columns[k] = new double[rows];
        var targets = new Targets(role, columns, Enumerable.Repeat(1, numeric.Length).ToArray(), new int[header.Count], null, new bool[rows], header.Count - 1);
        int row = 0;
        using var input = source.OpenStream();
        bool ok = ForEachChunk(input, buffer, header, source.Settings.Delimiter, (first, second, firstRows, secondRows, delimiter, hasCr) =>
        {
            if ((long)row + firstRows + secondRows > rows) return false;
            if (!ParseHalves(first, second, firstRows, secondRows, delimiter, hasCr, targets, row)) return false;
            row += firstRows + secondRows;
            return true;
        });
        return ok && row == rows ? (columns, targets.Events) : null;
    }

    /// <summary>
    /// Where <see cref="Parse"/> writes: field f with role k ≥ 0 goes to Arrays[k][dest·Stride[k] + Offsets[f]], dest =
    /// RowMap[row] (or row); the event field to
    /// Events[row] (when Events is not empty). Fields after <see cref="LastField"/> are not read; when it is the last field, every
    /// line must have exactly the header's number of fields.
    /// </summary>
    private sealed class Targets(int[] role, double[][] arrays, int[] stride, int[] offsets, int[]? rowMap, bool[] events, int lastField)
    {
        public int[] Role { get; } = role;

        public double[][] Arrays { get; } = arrays;

        public int[] Stride { get; } = stride;

        public int[] Offsets { get; } = offsets;

        public int[]? RowMap { get; } = rowMap;

        public bool[] Events = events;

        public int LastField { get; } = lastField;
    }

    private delegate bool ChunkHandler(Memory<byte> first, Memory<byte> second, int firstRows, int secondRows, byte delimiter, bool hasCr);

    /// <summary>
    /// Reads <paramref name="input"/> in chunks of whole lines and hands each chunk's body (after the header, which must be
    /// <paramref name="header"/>, see <see cref="Header"/>) to <paramref name="handler"/> split at a line feed near its middle. Declines
    /// (false) a quote, a line longer than the buffer, another header, or when the handler declines.
    /// </summary>
    private static bool ForEachChunk(Stream input, byte[] buffer, IReadOnlyList<string> header, Delimiter given, ChunkHandler handler)
    {
        int filled = 0;
        bool headerDone = false;
        byte delimiter = 0;
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
                    if (filled == buffer.Length) return false; // a line longer than the buffer: not the case this path is for
                    continue;
                }

                usable = lastNewline + 1;
            }

            var region = buffer.AsSpan(0, usable);
            if (region.Contains((byte)'"')) return false;
            int offset = 0;
            if (!headerDone)
            {
                if (!Header(region, header, given, out delimiter, out offset)) return false;
                headerDone = true;
            }

            var body = buffer.AsMemory(offset, usable - offset);
            bool hasCr = body.Span.Contains((byte)'\r');

            // Split the chunk at a line boundary near its middle so both halves can be parsed at once.
            int split = body.Length / 2;
            int cut = split < body.Length ? body.Span[split..].IndexOf((byte)'\n') : -1;
            var first = cut < 0 ? body : body[..(split + cut + 1)];
            var second = cut < 0 ? Memory<byte>.Empty : body[(split + cut + 1)..];
            if (!handler(first, second, Lines(first.Span), Lines(second.Span), delimiter, hasCr)) return false;
            int rest = filled - usable;
            Array.Copy(buffer, usable, buffer, 0, rest);
            filled = rest;
        }

        return headerDone;
    }

    /// <summary>Parses both halves of a chunk (on both cores when the chunk is large) as rows <paramref name="row"/>, ….</summary>
    private static bool ParseHalves(Memory<byte> first, Memory<byte> second, int firstRows, int secondRows, byte delimiter, bool hasCr, Targets targets, int row)
    {
        int row0 = row, row1 = row + firstRows;
        if (second.Length > 0 && first.Length > 1 << 16)
        {
            bool ok0 = true, ok1 = true;
            Parallel.Invoke(
                () => ok0 = Parse(first.Span, delimiter, hasCr, targets, row0, firstRows),
                () => ok1 = Parse(second.Span, delimiter, hasCr, targets, row1, secondRows));
            return ok0 && ok1;
        }

        return Parse(first.Span, delimiter, hasCr, targets, row0, firstRows) && Parse(second.Span, delimiter, hasCr, targets, row1, secondRows);
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
    private static bool Parse(ReadOnlySpan<byte> text, byte delimiter, bool hasCr, Targets targets, int row, int count)
    {
        var role = targets.Role;
        var arrays = targets.Arrays;
        var stride = targets.Stride;
        var offsets = targets.Offsets;
        var rowMap = targets.RowMap;
        var events = targets.Events;
        int fields = role.Length;
        int lastField = targets.LastField;
        bool everyField = lastField == fields - 1;
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
            int dest = rowMap is null ? row : rowMap[row];
            int field = 0;
            while (true)
            {
                int next = line.IndexOf(delimiter);
                var cell = next < 0 ? line : line[..next];
                if (field >= fields) return false;
                int r = role[field];
                if (r >= 0)
                {
                    int at = (dest * stride[r]) + offsets[field];
                    if (!Number(cell, out arrays[r][at])) return false;
                }
                else if (r == -2 && events.Length > 0)
                {
                    var flag = Trim(cell);
                    if (flag.Length == 1 && flag[0] == (byte)'1') events[row] = true;
                    else if (flag.Length == 1 && flag[0] == (byte)'0') events[row] = false;
                    else if (Ascii.EqualsIgnoreCase(flag, "true"u8)) events[row] = true;
                    else if (Ascii.EqualsIgnoreCase(flag, "false"u8)) events[row] = false;
                    else return false;
                }

                field++;
                if (next < 0 || (!everyField && field > lastField)) break;
                line = line[(next + 1)..];
            }

            if (everyField ? field != fields : field <= lastField) return false;
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
