using System.Text;

namespace TrustMetrics.Cli.Input;

/// <summary>
/// The layout checks the byte-level fast readers share (Kaplan–Meier's <c>SurvivalFastReader</c>, clv summarize's
/// <c>TransactionFastReader</c>): whether the file's header is a plain comma-separated line naming the table's columns, and how many
/// lines a block holds. Anything these refuse goes through the general reader (<see cref="CsvTable"/>), which owns every rule.
/// </summary>
internal static class FastCsv
{
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
