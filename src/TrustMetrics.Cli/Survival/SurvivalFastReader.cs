using System.Text;
using TrustMetrics.Cli.Input;
using TrustMetrics.Survival;

namespace TrustMetrics.Cli.Survival;

/// <summary>
/// The fast path of <c>trustmetrics survival</c>'s reader for the common large case — no <c>--group</c>, <c>--start</c> or
/// <c>--cause</c>, a plain comma-separated UTF-8 file with a header — straight from the bytes into the whole-sample
/// <see cref="SurvivalTally"/>: each 2 MB chunk is cut at a line boundary near its middle, both halves are parsed on both cores (durations by
/// <see cref="FastNumbers.TryPlain(ReadOnlySpan{byte}, out double)"/>, flags 1/0) into columns of 2²⁰ rows, which are tallied
/// when full and added to the running tally (tallies of parts add up exactly to the tally of the whole; adding a tally copies
/// the running one, so it is done once per 2²⁰ rows, not per chunk). Memory: the 2 MB chunk and 9 MB of rows plus the tallies.
/// Anything else — a quote, a blank line, a carriage return inside a line, another number of fields, a duration that is not a
/// plain decimal ≥ 0 (sign, exponent, spaces, more than 15 digits), a flag other than 1/0, another delimiter, Parquet,
/// <c>--columns</c> — returns null, and the caller reads the file through <see cref="CsvTable"/> and the number rule, which give
/// the same tally or the error naming the file, line, column and value.
/// </summary>
internal static class SurvivalFastReader
{
    private const int ChunkBytes = 1 << 21;

    /// <summary>Rows parsed before they are tallied and added to the running tally (as <see cref="SurvivalTallies.ChunkRows"/>).</summary>
    private const int TallyRows = SurvivalTallies.ChunkRows;

    /// <summary>The tally of every row, or null when the file is not of the simple form (or has no rows).</summary>
    public static SurvivalTally? TryRead(SurveySource source, IReadOnlyList<string> header, int durationColumn, int eventColumn, int tallyRows = TallyRows)
    {
        if (source.Path is null || source.IsParquet || source.Settings.Columns is not null
            || source.Settings.Delimiter is not (Delimiter.Auto or Delimiter.Comma))
        {
            return null;
        }

        try
        {
            return Read(source, header, durationColumn, eventColumn, tallyRows);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // the general reader reports it.
        }
    }

    private static SurvivalTally? Read(SurveySource source, IReadOnlyList<string> header, int durationColumn, int eventColumn, int tallyRows)
    {
        using var stream = new FileStream(source.Path!, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var buffer = new byte[ChunkBytes];
        var columns = new Columns(header.Count, durationColumn, eventColumn);
        var total = SurvivalTally.Empty;
        // A chunk has at most ChunkBytes / 3 + 1 lines ("0,1\n" is the shortest), so one chunk always fits after a flush.
        int capacity = Math.Max(tallyRows, (ChunkBytes / 3) + 1);
        var durations = new double[capacity];
        var flags = new byte[capacity];
        int rows = 0;
        bool whole = FastCsv.ForEachChunk(stream, buffer, header, (chunk, start, middle, end, firstRows, secondRows) =>
        {
            var first = chunk.AsMemory(start, middle - start);
            var second = chunk.AsMemory(middle, end - middle);
            if (rows >= tallyRows || rows + firstRows + secondRows > capacity)
            {
                total += SurvivalTally.FromDurations(durations.AsSpan(0, rows), flags.AsSpan(0, rows));
                rows = 0;
            }

            int at = rows;
            bool ok0 = true, ok1 = true;
            if (second.Length > 0 && first.Length > 1 << 16)
            {
                Parallel.Invoke(
                    () => ok0 = Parse(first.Span, columns, durations.AsSpan(at, firstRows), flags.AsSpan(at, firstRows)),
                    () => ok1 = Parse(second.Span, columns, durations.AsSpan(at + firstRows, secondRows), flags.AsSpan(at + firstRows, secondRows)));
            }
            else
            {
                ok0 = Parse(first.Span, columns, durations.AsSpan(at, firstRows), flags.AsSpan(at, firstRows))
                    && Parse(second.Span, columns, durations.AsSpan(at + firstRows, secondRows), flags.AsSpan(at + firstRows, secondRows));
            }

            if (!ok0 || !ok1)
            {
                return false;
            }

            rows += firstRows + secondRows;
            return true;
        });

        if (!whole)
        {
            return null;
        }

        total += SurvivalTally.FromDurations(durations.AsSpan(0, rows), flags.AsSpan(0, rows));
        return total.Count > 0 ? total : null;
    }

    private readonly record struct Columns(int Fields, int Duration, int Event);


    /// <summary>The rows of <paramref name="text"/> (whole lines; the last may lack its line feed) into the spans; false when one is not simple.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static bool Parse(ReadOnlySpan<byte> text, Columns columns, Span<double> durations, Span<byte> flags)
    {
        int row = 0;
        while (!text.IsEmpty)
        {
            int newline = text.IndexOf((byte)'\n');
            var line = newline < 0 ? text : text[..newline];
            text = newline < 0 ? default : text[(newline + 1)..];
            if (line.Length > 0 && line[^1] == (byte)'\r')
            {
                line = line[..^1];
            }

            if (line.IsEmpty || !Row(line, columns, out durations[row], out flags[row]))
            {
                return false;
            }

            row++;
        }

        return row == durations.Length;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static bool Row(ReadOnlySpan<byte> line, Columns columns, out double duration, out byte flag)
    {
        duration = 0;
        flag = 0;
        bool gotDuration = false, gotFlag = false;
        int field = 0;
        while (true)
        {
            int comma = line.IndexOf((byte)',');
            var cell = comma < 0 ? line : line[..comma];
            if (cell.Contains((byte)'\r'))
            {
                return false;
            }

            if (field == columns.Duration)
            {
                // A sign (even "-0"), an exponent or spaces go to the general reader and its number rule.
                if (cell.IsEmpty || cell[0] == (byte)'-' || !FastNumbers.TryPlain(cell, out duration))
                {
                    return false;
                }

                gotDuration = true;
            }
            else if (field == columns.Event)
            {
                if (cell.Length != 1 || (cell[0] != (byte)'0' && cell[0] != (byte)'1'))
                {
                    return false;
                }

                flag = (byte)(cell[0] - '0');
                gotFlag = true;
            }

            field++;
            if (comma < 0)
            {
                break;
            }

            line = line[(comma + 1)..];
        }

        return field == columns.Fields && gotDuration && gotFlag;
    }
}
