using System.Numerics;
using System.Runtime.CompilerServices;
using TrustMetrics.Cli.Input;
using TrustMetrics.Clv;

namespace TrustMetrics.Cli.Clv;

internal static partial class SummaryFastReader
{
    /// <summary>
    /// The first fast path: a summary whose recency and T cells have at most six decimals (what real exports and the peers'
    /// synthetic files write, <c>15.196539</c>) and whose frequency is a whole number is read in 2 MB chunks of whole lines, each
    /// cut at a line feed near its middle and parsed on both cores (<see cref="FastCsv.ForEachChunk"/>), every customer becoming one
    /// 64-bit key x·2^(2b) + T·10⁶·2^b + t_x·10⁶ of integers (<see cref="CompressedHistoriesPacked"/>); the keys are then radix-sorted
    /// and merged into counts. The times are decoded as m/10⁶, one correctly rounded division of two exact doubles, hence
    /// exactly the double <c>double.Parse</c> gives for the cell. b starts at 27 bits (T below 134.2) and grows, re-packing the keys
    /// read so far, when a larger T or x turns up; if x and two times no longer fit 64 bits, or a cell has a seventh decimal, an
    /// exponent, a sign, more than nine integer digits, or the line breaks any other rule, this path declines and the next one
    /// (<see cref="Parse"/>, doubles per cell) reads the file.
    /// </summary>
    private static class FixedPoint
    {
        private const int ChunkBytes = 1 << 21;
        private const int Decimals = 6;
        private const double Scale = 1e6;
        private const ulong IntegerScale = 1_000_000;
        private const int MaxIntegerDigits = 9;
        private const int InitialTimeBits = 27;
        private const int MaxTimeBits = 31;

        /// <summary>10^(6 − d): a fraction of d decimals times this is in millionths.</summary>
        private static readonly ulong[] FractionScale = [1_000_000, 100_000, 10_000, 1_000, 100, 10, 1];

        /// <summary>The compressed rows, or null when the file is not of this form.</summary>
        public static CompressedHistories? TryParse(string path, IReadOnlyList<string> header, Columns columns)
        {
            try
            {
                return Read(path, header, columns);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return null; // the other readers report it.
            }
        }

        private static CompressedHistories? Read(string path, IReadOnlyList<string> header, Columns columns)
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            long length = stream.Length;
            var buffer = new byte[(int)Math.Clamp(length + 1, 4096, ChunkBytes)];
            // The keys live in a double[] (their bits; CompressedHistoriesPacked reuses the buffer as a result column).
            double[] keys = [];
            int rows = 0, timeBits = InitialTimeBits;
            ulong maxT = 0, maxX = 0;
            bool whole = FastCsv.ForEachChunk(stream, buffer, header, (chunk, start, middle, end, firstRows, secondRows) =>
            {
                int count = firstRows + secondRows;
                if (rows + count > keys.Length)
                {
                    // The first chunk's lines estimate the whole file's (2 % slack); later growth by half.
                    long estimate = keys.Length == 0 && end > start ? (long)(length * 1.02 * count / (end - start)) + 16 : (long)keys.Length * 3 / 2;
                    Array.Resize(ref keys, (int)Math.Min(Array.MaxLength, Math.Max(rows + count, estimate)));
                }

                while (true)
                {
                    var first = new Half(chunk, start, middle, keys, rows, firstRows);
                    var second = new Half(chunk, middle, end, keys, rows + firstRows, secondRows);
                    if (secondRows > 0 && middle - start > 1 << 16)
                    {
                        Parallel.Invoke(() => first.Parse(columns, timeBits), () => second.Parse(columns, timeBits));
                    }
                    else
                    {
                        first.Parse(columns, timeBits);
                        second.Parse(columns, timeBits);
                    }

                    if (!first.Ok || !second.Ok)
                    {
                        return false;
                    }

                    ulong chunkT = Math.Max(first.MaxT, second.MaxT), chunkX = Math.Max(first.MaxX, second.MaxX);
                    if (Fits(chunkT, chunkX, timeBits))
                    {
                        (maxT, maxX) = (Math.Max(maxT, chunkT), Math.Max(maxX, chunkX));
                        rows += count;
                        return true;
                    }

                    // A larger T or x than the layout holds: widen it, re-pack the keys so far, parse this chunk again.
                    (maxT, maxX) = (Math.Max(maxT, chunkT), Math.Max(maxX, chunkX));
                    int wider = Layout(maxT, maxX);
                    if (wider == 0)
                    {
                        return false;
                    }

                    Repack(CompressedHistoriesPacked.Keys(keys, rows), timeBits, wider);
                    timeBits = wider;
                }
            });

            return !whole || rows == 0 ? null : CompressedHistoriesPacked.Compress(keys, new double[rows], rows, timeBits, Scale);
        }

        private static bool Fits(ulong t, ulong x, int timeBits) => t >> timeBits == 0 && x >> (64 - (2 * timeBits)) == 0;

        /// <summary>Bits per time for these maxima (one to spare when x still fits), or 0 when x and two times exceed 64 bits.</summary>
        private static int Layout(ulong t, ulong x)
        {
            int timeBits = Math.Max(1, 64 - BitOperations.LeadingZeroCount(t));
            for (int spare = 1; spare >= 0; spare--)
            {
                if (timeBits + spare <= MaxTimeBits && Fits(t, x, timeBits + spare))
                {
                    return timeBits + spare;
                }
            }

            return 0;
        }

        private static void Repack(Span<ulong> keys, int from, int to)
        {
            ulong mask = (1UL << from) - 1;
            foreach (ref ulong key in keys)
            {
                key = CompressedHistoriesPacked.Key(key >> (2 * from), (key >> from) & mask, key & mask, to);
            }
        }

        /// <summary>One half of a chunk: its lines parse into keys[offset .. offset + count).</summary>
        private sealed class Half(byte[] chunk, int start, int end, double[] keys, int offset, int count)
        {
            public bool Ok { get; private set; }

            public ulong MaxT { get; private set; }

            public ulong MaxX { get; private set; }

            /// <summary>
            /// Each line: the header's number of fields; frequency digits with an optional all-zero fraction; recency and T
            /// digits[.digits] with 1–9 integer digits and 1–6 decimals; 0 ≤ t_x ≤ T and t_x = 0 when x = 0 (the general reader's
            /// rules, whose errors it reports). Keys are written in the layout of <paramref name="timeBits"/>; a value too large
            /// for it still parses (the caller sees the maxima and re-parses with a wider layout).
            /// </summary>
            [MethodImpl(MethodImplOptions.AggressiveOptimization)]
            public void Parse(Columns columns, int timeBits)
            {
                Ok = false;
                ReadOnlySpan<byte> text = chunk.AsSpan(start, end - start);
                Span<ulong> target = CompressedHistoriesPacked.Keys(keys, offset + count)[offset..];
                ulong maxT = 0, maxX = 0;
                int n = text.Length, i = 0, row = 0;
                while (i < n)
                {
                    ulong x = 0, tx = 0, t = 0;
                    int field = 0;
                    while (true)
                    {
                        if (field == columns.Frequency || field == columns.Recency || field == columns.T)
                        {
                            int begin = i;
                            ulong integer = 0;
                            for (; i < n; i++)
                            {
                                uint d = (uint)(text[i] - '0');
                                if (d > 9)
                                {
                                    break;
                                }

                                integer = (integer * 10) + d;
                            }

                            if (i == begin || i - begin > MaxIntegerDigits)
                            {
                                return;
                            }

                            ulong fraction = 0;
                            if (i < n && text[i] == '.')
                            {
                                int from = ++i;
                                for (; i < n; i++)
                                {
                                    uint d = (uint)(text[i] - '0');
                                    if (d > 9)
                                    {
                                        break;
                                    }

                                    fraction = (fraction * 10) + d;
                                }

                                int decimals = i - from;
                                if (decimals is 0 or > Decimals)
                                {
                                    return;
                                }

                                fraction *= FractionScale[decimals];
                            }

                            if (field == columns.Frequency)
                            {
                                if (fraction != 0)
                                {
                                    return;
                                }

                                x = integer;
                            }
                            else if (field == columns.Recency)
                            {
                                tx = (integer * IntegerScale) + fraction;
                            }
                            else
                            {
                                t = (integer * IntegerScale) + fraction;
                            }
                        }
                        else
                        {
                            while (i < n && text[i] is not ((byte)',' or (byte)'\n' or (byte)'\r'))
                            {
                                i++;
                            }
                        }

                        field++;
                        if (i >= n)
                        {
                            break;
                        }

                        byte c = text[i++];
                        if (c == ',')
                        {
                            continue;
                        }

                        if (c == '\r' && (i == n || text[i] == '\n'))
                        {
                            i = Math.Min(n, i + 1);
                            break;
                        }

                        if (c != '\n')
                        {
                            return; // a lone carriage return, or text straight after a number.
                        }

                        break;
                    }

                    if (field != columns.Fields || tx > t || (x == 0 && tx != 0) || row >= target.Length)
                    {
                        return;
                    }

                    target[row++] = CompressedHistoriesPacked.Key(x, t, tx, timeBits);
                    maxT = Math.Max(maxT, t);
                    maxX = Math.Max(maxX, x);
                }

                (MaxT, MaxX) = (maxT, maxX);
                Ok = row == target.Length;
            }
        }
    }
}
