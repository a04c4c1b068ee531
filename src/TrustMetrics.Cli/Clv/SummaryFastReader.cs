using TrustMetrics.Cli.Input;
using TrustMetrics.Clv;

namespace TrustMetrics.Cli.Clv;

/// <summary>
/// The fast path of <c>clv fit</c>'s summary read: a plain comma-separated UTF-8 file whose frequency, recency and T cells are
/// plain decimals (<c>12</c>, <c>15.196539</c>) is parsed straight from its bytes into three columns — no string, no record
/// object per field — and compressed with <see cref="CompressedHistoriesColumns"/>. Anything else (another delimiter, quotes, a
/// blank line, an exponent, a sign, a field count that differs from the header, a value that breaks a rule, a Parquet file, the
/// <c>--columns</c>/<c>--delimiter</c> options) returns null and the caller reads the file through the general reader
/// (<see cref="ClvInput.ReadCompressed"/>), which gives the same rows or the error naming the file, line, column and value.
/// Two byte-level paths, tried in turn: <see cref="FixedPoint"/> for cells of at most six decimals (whole customers packed into
/// 64-bit integer keys, parsed on both cores, radix-sorted), then <see cref="Parse"/> for any plain decimal, read by
/// <see cref="FastNumbers"/> (a decimal with at most 15 digits d and k ≤ 22 decimals is d / 10^k, one correctly rounded division
/// of two exact doubles, Clinger's fast path). Either way every value is the double <c>double.Parse</c> gives.
/// </summary>
internal static partial class SummaryFastReader
{
    private const int BufferSize = 1 << 20;

    /// <summary>The compressed rows, or null when the file is not of the simple form (then nothing is reported: the general reader decides).</summary>
    public static CompressedHistories? TryRead(string path, ClvInput.Columns names) => TryRead(path, names, fixedPoint: true, decimals: true);

    /// <summary>The same with a choice of paths (tests check each against the general reader).</summary>
    internal static CompressedHistories? TryRead(string path, ClvInput.Columns names, bool fixedPoint, bool decimals)
    {
        var source = SurveySource.FromFile(path);
        if (source.IsParquet || source.Path is null || source.Settings.Columns is not null
            || source.Settings.Delimiter is not (Delimiter.Auto or Delimiter.Comma))
        {
            return null;
        }

        int frequency, recency, t, fields;
        string[] header;
        using (var table = CsvTable.Open(source))
        {
            fields = table.Columns.Count;
            (frequency, recency, t) = (table.Column(names.Frequency), table.Column(names.Recency), table.Column(names.T));
            if (names.RequireCustomer)
            {
                table.Column(names.Customer);
            }

            if (names.RequireMonetary)
            {
                table.Column(names.Monetary);
            }

            header = [.. table.Columns];
        }

        var layout = new Columns(fields, frequency, recency, t);
        return (fixedPoint ? FixedPoint.TryParse(path, header, layout) : null) ?? (decimals ? Parse(path, header, layout) : null);
    }

    internal readonly record struct Columns(int Fields, int Frequency, int Recency, int T);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static CompressedHistories? Parse(string path, IReadOnlyList<string> header, Columns columns)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var buffer = new byte[BufferSize];
        int filled = Fill(stream, buffer, 0);
        int position = 0;
        if (filled >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF)
        {
            position = 3;
        }

        // The header must be exactly the comma-split names the general reader found (so the delimiter is a comma).
        int headerEnd = buffer.AsSpan(position, filled - position).IndexOf((byte)'\n');
        if (headerEnd < 0)
        {
            return null;
        }

        var headerLine = buffer.AsSpan(position, headerEnd);
        if (headerLine.Length > 0 && headerLine[^1] == '\r')
        {
            headerLine = headerLine[..^1];
        }

        if (headerLine.IndexOfAny("\";\t|\r"u8) >= 0 || !SameHeader(headerLine, header))
        {
            return null;
        }

        position += headerEnd + 1;
        long length = stream.Length;
        int average = Math.Max(8, headerEnd + 1);
        int capacity = (int)Math.Clamp(length / average, 16, Array.MaxLength / 2);
        // Estimate rows from the first data lines' length so the columns are rarely regrown.
        int sampleEnd = Math.Min(filled, position + 65536);
        int sampleLines = buffer.AsSpan(position, sampleEnd - position).Count((byte)'\n');
        if (sampleLines > 16)
        {
            capacity = (int)Math.Clamp((long)(length * 1.02 * sampleLines / (sampleEnd - position)) + 16, 16, Array.MaxLength / 2);
        }

        var xs = new int[capacity];
        var txs = new double[capacity];
        var ts = new double[capacity];
        int rows = 0;
        while (true)
        {
            var chunk = buffer.AsSpan(position, filled - position);
            int lastNewline = chunk.LastIndexOf((byte)'\n');
            bool end = filled < buffer.Length;
            int usable = end ? chunk.Length : lastNewline + 1;
            if (!end && lastNewline < 0)
            {
                return null; // a line longer than the buffer: not a summary of numbers.
            }

            var lines = chunk[..usable];
            while (lines.Length > 0)
            {
                int newline = lines.IndexOf((byte)'\n');
                var line = newline < 0 ? lines : lines[..newline];
                lines = newline < 0 ? default : lines[(newline + 1)..];
                if (line.Length > 0 && line[^1] == '\r')
                {
                    line = line[..^1];
                }

                if (line.IsEmpty)
                {
                    return null; // a blank line: the general reader decides what it means.
                }

                if (rows == xs.Length)
                {
                    int grown = (int)Math.Min(Array.MaxLength, (long)rows * 3 / 2);
                    Array.Resize(ref xs, grown);
                    Array.Resize(ref txs, grown);
                    Array.Resize(ref ts, grown);
                }

                if (!Row(line, columns, out xs[rows], out txs[rows], out ts[rows]))
                {
                    return null;
                }

                rows++;
            }

            if (end)
            {
                break;
            }

            // Keep the partial last line, refill after it.
            int rest = chunk.Length - usable;
            buffer.AsSpan(position + usable, rest).CopyTo(buffer);
            filled = Fill(stream, buffer, rest);
            position = 0;
        }

        return rows == 0 ? null : CompressedHistoriesColumns.Compress(xs, txs, ts, rows);
    }

    private static int Fill(Stream stream, byte[] buffer, int from)
    {
        int filled = from;
        while (filled < buffer.Length)
        {
            int read = stream.Read(buffer, filled, buffer.Length - filled);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        return filled;
    }

    private static bool SameHeader(ReadOnlySpan<byte> line, IReadOnlyList<string> header)
    {
        int field = 0;
        foreach (var range in line.Split((byte)','))
        {
            if (field >= header.Count || !System.Text.Encoding.UTF8.GetString(line[range]).Equals(header[field], StringComparison.Ordinal))
            {
                return false;
            }

            field++;
        }

        return field == header.Count;
    }

    /// <summary>One data line: exactly the header's field count, the three cells plain decimals that form a valid history.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static bool Row(ReadOnlySpan<byte> line, Columns columns, out int x, out double recency, out double age)
    {
        x = 0;
        recency = age = 0;
        double frequency = double.NaN;
        int field = 0;
        while (true)
        {
            int comma = line.IndexOf((byte)',');
            var cell = comma < 0 ? line : line[..comma];
            if (field == columns.Frequency || field == columns.Recency || field == columns.T)
            {
                if (!TryDecimal(cell, out double value))
                {
                    return false;
                }

                if (field == columns.Frequency)
                {
                    frequency = value;
                }

                if (field == columns.Recency)
                {
                    recency = value;
                }

                if (field == columns.T)
                {
                    age = value;
                }
            }
            else if (cell.Contains((byte)'"'))
            {
                return false;
            }

            field++;
            if (comma < 0)
            {
                break;
            }

            line = line[(comma + 1)..];
        }

        // The general reader's rules (ClvInput): a whole x ≥ 0, 0 ≤ t_x ≤ T, t_x = 0 when x = 0; anything else is its error to report.
        if (field != columns.Fields || frequency != Math.Floor(frequency) || frequency > int.MaxValue || recency > age || (frequency == 0 && recency != 0))
        {
            return false;
        }

        x = (int)frequency;
        return true;
    }

    /// <summary>digits[.digits] (no sign) with at most 15 significant digits and 22 decimals, exactly as double.Parse reads it (<see cref="FastNumbers"/>).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static bool TryDecimal(ReadOnlySpan<byte> cell, out double value)
    {
        if (cell.IsEmpty || cell[0] == (byte)'-')
        {
            value = 0;
            return false;
        }

        return FastNumbers.TryPlain(cell, out value);
    }
}
