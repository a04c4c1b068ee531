using System.Runtime.CompilerServices;
using System.Text;

namespace TrustMetrics.Cli.Input;

/// <summary>
/// The layout checks the byte-level fast readers share (Kaplan–Meier's <c>SurvivalFastReader</c>, clv summarize's
/// <c>TransactionFastReader</c>): whether the file's header is a plain comma-separated line naming the table's columns, and how many
/// lines a block holds, and the chunked read of whole lines both use (<see cref="ForEachChunk"/>). Anything these refuse goes through the general reader (<see cref="CsvTable"/>), which owns every rule.
/// </summary>
internal static class FastCsv
{
    /// <summary>One chunk's body (after the header in the first chunk), cut at a line feed near its middle: rows
    /// [start, middle) and [middle, end) of <paramref name="buffer"/>, with their line counts. False declines the file.</summary>
    public delegate bool ChunkHandler(byte[] buffer, int start, int middle, int end, int firstRows, int secondRows);

    /// <summary>
    /// Reads <paramref name="stream"/> in chunks of whole lines into <paramref name="buffer"/> and hands each chunk's body to
    /// <paramref name="handler"/> in two halves, so the halves can be parsed on both cores. Declines (false) a quote anywhere, a line
    /// longer than the buffer, a header that is not <paramref name="header"/> (see <see cref="Header"/>), an empty file, or as soon
    /// as the handler declines; true when every chunk was handled.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool ForEachChunk(Stream stream, byte[] buffer, IReadOnlyList<string> header, ChunkHandler handler)
    {
        int filled = 0;
        bool headerDone = false, end = false;
        while (!end)
        {
            int read = stream.Read(buffer, filled, buffer.Length - filled);
            end = read == 0;
            filled += read;
            if (!end && filled < buffer.Length)
            {
                continue;
            }

            int usable = filled;
            if (!end)
            {
                int lastNewline = buffer.AsSpan(0, filled).LastIndexOf((byte)'\n');
                if (lastNewline < 0)
                {
                    return false; // a line longer than the chunk: not the case the fast readers are for.
                }

                usable = lastNewline + 1;
            }

            var region = buffer.AsSpan(0, usable);
            if (region.Contains((byte)'"'))
            {
                return false;
            }

            int offset = 0;
            if (!headerDone)
            {
                if (!Header(region, header, out offset))
                {
                    return false;
                }

                headerDone = true;
            }

            int bodyLength = usable - offset;
            int split = offset + (bodyLength / 2);
            int cut = bodyLength > 0 ? buffer.AsSpan(split, usable - split).IndexOf((byte)'\n') : -1;
            int middle = cut < 0 ? usable : split + cut + 1;
            if (!handler(buffer, offset, middle, usable, Lines(buffer.AsSpan(offset, middle - offset)), Lines(buffer.AsSpan(middle, usable - middle))))
            {
                return false;
            }

            int rest = filled - usable;
            Array.Copy(buffer, usable, buffer, 0, rest);
            filled = rest;
        }

        return headerDone;
    }

    /// <summary>The header line has no delimiter but commas (so auto-detection picks the comma) and its names are the table's.</summary>
    public static bool Header(ReadOnlySpan<byte> region, IReadOnlyList<string> header, out int offset)
    {
        offset = 0;
        int start = region.StartsWith("\uFEFF"u8) ? 3 : 0;
        int newline = region[start..].IndexOf((byte)'\n');
        if (newline < 0)
        {
            return false;
        }

        var line = region.Slice(start, newline);
        if (line.EndsWith("\r"u8))
        {
            line = line[..^1];
        }

        offset = start + newline + 1;
        if (line.IndexOfAny("\r;\t|"u8) >= 0 || !line.Contains((byte)','))
        {
            return false;
        }

        int k = 0;
        foreach (var range in line.Split((byte)','))
        {
            if (k >= header.Count || !Encoding.UTF8.GetString(line[range]).Equals(header[k], StringComparison.Ordinal))
            {
                return false;
            }

            k++;
        }

        return k == header.Count;
    }

    /// <summary>Number of lines in <paramref name="text"/> (a last line without its line feed counts).</summary>
    public static int Lines(ReadOnlySpan<byte> text) => text.IsEmpty ? 0 : text.Count((byte)'\n') + (text[^1] == (byte)'\n' ? 0 : 1);
}
