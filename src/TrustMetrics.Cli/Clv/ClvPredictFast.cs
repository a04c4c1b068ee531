using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using TrustMetrics.Cli.Input;
using TrustMetrics.Cli.Output;
using TrustMetrics.Clv;
using TrustMetrics.Statistics;

namespace TrustMetrics.Cli.Clv;

/// <summary>
/// The fast path of <c>clv predict</c> (with or without <c>--interval</c>) for a plain summary without monetary values and
/// without covariates: the file is read twice and never held as rows.
/// <list type="number">
/// <item>The fit's own read (<see cref="SummaryFastReader"/>: bytes → three columns → the distinct (x, t_x, T) rows) and the fit
/// on those rows — the same rows in the same order as the general reader gives, so the same estimates as <c>clv fit</c>.</item>
/// <item>Point predictions (the model's batch API) and, with <c>--interval</c>, the intervals
/// (<see cref="PredictionIntervalCalculator.Compute{TModel}(ClvFit{TModel}, CompressedHistories, double, double, CancellationToken, int?)"/>)
/// once per distinct row, packed with the row's key into one entry per row under a hash table (a customer's lookup touches one
/// slot and one entry).</item>
/// <item>The file again in chunks of whole lines (<see cref="FastCsv.ForEachChunk"/>): each chunk's two halves are formatted on
/// both cores into pooled byte buffers (customer id copied, the row found in the index, numbers as shortest round-trip UTF-8,
/// <c>0</c> for ±0 exactly as <see cref="Output.Formatting.CsvNumber"/>) and written in order.</item>
/// </list>
/// Memory: O(distinct rows) plus the chunk buffers. The output is byte for byte what the general path writes (test
/// <c>ClvPredictIntervalTests</c>); any file the fast reader declines goes through the general path.
/// </summary>
internal static class ClvPredictFast
{
    /// <summary>Input bytes per chunk: few chunks, so the two halves meet rarely (a loaded machine makes every meeting wait).</summary>
    private const int ChunkBytes = 4 << 20;

    /// <summary>Writes the predictions and returns true, or returns false (nothing written) when the file is not of the simple form.</summary>
    public static bool TryRun(CliContext context, FileInfo? output, string path, ClvInput.Columns names, string model, double horizon, double? level)
    {
        if (level is double l)
        {
            ClvPredictIntervals.CheckLevel(l);
        }

        var source = SurveySource.FromFile(path);
        if (source.IsParquet || source.Path is null || source.Settings.Columns is not null
            || source.Settings.Delimiter is not (Delimiter.Auto or Delimiter.Comma))
        {
            return false;
        }

        string[] header;
        Layout layout;
        using (var table = CsvTable.Open(source))
        {
            // Ids from a column (not line numbers) and no monetary column (no spend model): otherwise the general path.
            if (!(names.RequireCustomer || table.HasColumn(names.Customer)) || names.RequireMonetary || table.HasColumn(names.Monetary))
            {
                return false;
            }

            header = [.. table.Columns];
            layout = new Layout(header.Length, table.Column(names.Customer), table.Column(names.Frequency), table.Column(names.Recency), table.Column(names.T));
        }

        var data = SummaryFastReader.TryRead(path, names);
        if (data is null)
        {
            return false;
        }

        var options = ClvFitOptions.Default;
        Predictions predictions = model switch
        {
            "mbgnbd" => Predict(new MbgNbdFitter().Fit(data, options), data, horizon, level),
            "paretonbd" => Predict(new ParetoNbdFitter().Fit(data, options), data, horizon, level),
            _ => Predict(new BgNbdFitter().Fit(data, options), data, horizon, level),
        };

        if (output is not null)
        {
            OutputFile.Write(output.ToString(), stream => Write(path, header, layout, predictions, data.CustomerCount, stream, null));
        }
        else
        {
            Write(path, header, layout, predictions, data.CustomerCount, null, context.Output);
        }

        return true;
    }

    private readonly record struct Layout(int Fields, int Customer, int Frequency, int Recency, int T);

    /// <summary>One distinct row: its key and everything written for it, in one place (a lookup touches one slot and one entry).</summary>
    private struct Entry
    {
        public long X;
        public double Tx, T, Expected, Alive, ExpectedLower, ExpectedUpper, AliveLower, AliveUpper;
        public long PurchasesLower, PurchasesUpper;
    }

    /// <summary>The distinct rows' entries and an open-addressing hash table over them (slot = entry + 1; 0 = empty).</summary>
    private sealed class Predictions(Entry[] entries, int[] slots, bool intervals, bool bounds)
    {
        public Entry[] Entries { get; } = entries;

        public bool Intervals { get; } = intervals;

        /// <summary>Whether the expectation bounds are written (parameter uncertainty available) or left blank.</summary>
        public bool Bounds { get; } = bounds;

        /// <summary>The slot a row's probe starts at.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int Home(long x, double tx, double t) => (int)HistoryIndex.Hash(x, tx, t) & (slots.Length - 1);

        /// <summary>Asks for the home slot's cache line (<see cref="Home"/>) ahead of <see cref="Find"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void PrefetchSlot(int slot) => HistoryIndex.Prefetch(ref slots[slot]);

        /// <summary>Asks for the cache lines of the entry the home slot names (if any; its slot was prefetched before).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void PrefetchEntry(int slot)
        {
            int row = slots[slot] - 1;
            if (row >= 0)
            {
                ref var e = ref Entries[row];
                HistoryIndex.Prefetch(ref e.X);
                HistoryIndex.Prefetch(ref e.PurchasesUpper);   // an entry (88 bytes) may straddle two lines
            }
        }

        /// <summary>The row of (x, t_x, T) probing from its home slot, or −1.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int Find(int slot, long x, double tx, double t)
        {
            int mask = slots.Length - 1;
            while (true)
            {
                int row = slots[slot] - 1;
                if (row < 0)
                {
                    return -1;
                }

                ref readonly var e = ref Entries[row];
                if (e.X == x && e.T == t && e.Tx == tx)
                {
                    return row;
                }

                slot = (slot + 1) & mask;
            }
        }
    }

    private static Predictions Predict<TModel>(ClvFit<TModel> fit, CompressedHistories data, double horizon, double? level)
        where TModel : class, IPurchaseModel
    {
        int n = data.RowCount;
        ReadOnlySpan<long> x = data.Frequency;
        ReadOnlySpan<double> tx = data.Recency, t = data.T;
        var intervals = level is double l ? new PredictionIntervalCalculator().Compute(fit, data, horizon, l) : null;
        double[] expected, alive;
        var columns = intervals?.Columns;
        if (columns is { } c)
        {
            // The intervals' point values are the model's own predictions bit for bit (PredictionIntervals.ExpectedPurchases):
            // the same digits as the general path's batch calls, without computing every row twice.
            (expected, alive) = (c.Expected, c.Alive);
        }
        else
        {
            // The same batch calls as the general path (so the same digits), on the distinct rows only.
            var histories = new PurchaseHistory[n];
            for (int i = 0; i < n; i++)
            {
                histories[i] = new PurchaseHistory(x[i], tx[i], t[i]);
            }

            var e = new double[n];
            var a = new double[n];
            fit.Model.ConditionalExpectedPurchases(horizon, histories, e);
            fit.Model.ProbabilityAlive(histories, a);
            (expected, alive) = (e, a);
        }

        // Every field of every entry is written below, so the array need not be cleared first (~90 MB for a million rows).
        var entries = GC.AllocateUninitializedArray<Entry>(n);
        int size = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, 2 * n));
        var slots = new int[size];
        bool bounds = intervals?.ParameterUncertainty ?? false;
        for (int i = 0; i < n; i++)
        {
            ref var e = ref entries[i];
            e = default;
            (e.X, e.Tx, e.T, e.Expected, e.Alive) = (x[i], tx[i], t[i], expected[i], alive[i]);
            if (columns is { } k)
            {
                (e.PurchasesLower, e.PurchasesUpper) = (k.PurchasesLower[i], k.PurchasesUpper[i]);
                if (bounds)
                {
                    (e.ExpectedLower, e.ExpectedUpper) = (k.ExpectedLower![i], k.ExpectedUpper![i]);
                    (e.AliveLower, e.AliveUpper) = (k.AliveLower![i], k.AliveUpper![i]);
                }
            }

            // The rows are distinct (CompressedHistories), so each takes the first free slot of its probe.
            int slot = (int)HistoryIndex.Hash(e.X, e.Tx, e.T) & (size - 1);
            while (slots[slot] != 0)
            {
                slot = (slot + 1) & (size - 1);
            }

            slots[slot] = i + 1;
        }

        return new Predictions(entries, slots, intervals is not null, bounds);
    }

    private static void Write(string path, string[] header, Layout layout, Predictions predictions, long customers, Stream? stream, TextWriter? writer)
    {
        var first = Encoding.UTF8.GetBytes("customer_id,expected_purchases,p_alive" + (predictions.Intervals ? ClvPredictIntervals.Header : string.Empty) + "\n");
        Emit(first, first.Length);
        var work = ParallelWork.From(CancellationToken.None, null);

        // Two sets of output buffers: while one chunk's bytes are written (to a file: on a task, since the copy into the page
        // cache was a tenth of the run, on one core while the other waited), the next chunk is formatted on both cores into the other set.
        var outputs = new byte[2][][] { new byte[2][], new byte[2][] };
        var lengths = new int[2][] { new int[2], new int[2] };
        var lines = new long[2];
        int set = 0;
        Task pending = Task.CompletedTask;
        long written = 0;
        using var input = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            bool whole = FastCsv.ForEachChunk(input, buffer, header, (chunk, start, middle, end, firstRows, secondRows) =>
            {
                var current = outputs[set];
                var length = lengths[set];
                work.For(2, work.MayParallelize && end - start > 1 << 16, half =>
                {
                    var region = half == 0 ? chunk.AsSpan(start, middle - start) : chunk.AsSpan(middle, end - middle);
                    current[half] ??= ArrayPool<byte>.Shared.Rent(ChunkBytes * 4);
                    (length[half], lines[half]) = FormatLines(region, layout, predictions, ref current[half]);
                });
                written += lines[0] + lines[1];
                pending.GetAwaiter().GetResult();   // the previous chunk is out (its error, if any, surfaces here as itself)
                void Both()
                {
                    Emit(current[0], length[0]);
                    Emit(current[1], length[1]);
                }

                if (stream is not null && work.MayParallelize)
                {
                    pending = Task.Run(Both);
                }
                else
                {
                    Both();
                }

                set ^= 1;
                return true;
            });
            pending.GetAwaiter().GetResult();
            if (!whole || written != customers)
            {
                throw Changed(path);
            }
        }
        finally
        {
            // Never return a buffer a write may still be reading (an error elsewhere left it running).
            try
            {
                pending.Wait();
            }
            catch (AggregateException)
            {
                // Already thrown above, or superseded by the error that brought us here.
            }

            ArrayPool<byte>.Shared.Return(buffer);
            foreach (var o in outputs.SelectMany(pair => pair))
            {
                if (o is not null)
                {
                    ArrayPool<byte>.Shared.Return(o);
                }
            }
        }

        void Emit(byte[] bytes, int length)
        {
            if (stream is not null)
            {
                stream.Write(bytes, 0, length);
            }
            else
            {
                writer!.Write(Encoding.UTF8.GetString(bytes, 0, length));
            }
        }
    }

    private static InputException Changed(string path) =>
        new($"{path}: the file changed while it was read (its second read differs from the first); run the command again.");

    /// <summary>
    /// Lines parsed before their rows are looked up: the hash table and the entries (tens of MB, one random slot and entry per
    /// line) are far larger than the caches, so each batch's slots are prefetched while the batch is parsed and its entries
    /// while the slots are read — the memory waits overlap instead of adding up line by line.
    /// </summary>
    private const int Batch = 16;

    /// <summary>A parsed line waiting for its row: the id cell's place in the region, the history and its home slot.</summary>
    private struct Pending
    {
        public int IdStart, IdLength, Slot;
        public long X;
        public double Tx, T;
    }

    /// <summary>Formats every line of <paramref name="region"/> (whole lines; a last one may lack its line feed); returns the bytes written and the lines.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (int Length, long Lines) FormatLines(ReadOnlySpan<byte> region, Layout layout, Predictions p, ref byte[] output)
    {
        int position = 0;
        long count = 0;
        var entries = p.Entries;
        bool intervals = p.Intervals, bounds = p.Bounds;
        var all = region;
        ref byte origin = ref MemoryMarshal.GetReference(all);
        Span<Pending> pending = stackalloc Pending[Batch];
        while (!region.IsEmpty)
        {
            // 1. Parse a batch, asking for each line's home slot.
            int lines = 0;
            for (; lines < Batch && !region.IsEmpty; lines++)
            {
                int newline = region.IndexOf((byte)'\n');
                var line = newline < 0 ? region : region[..newline];
                region = newline < 0 ? default : region[(newline + 1)..];
                if (line.Length > 0 && line[^1] == '\r')
                {
                    line = line[..^1];
                }

                if (!Parse(line, layout, out var id, out long x, out double tx, out double t))
                {
                    throw new InputException("the summary changed while it was read; run the command again.");
                }

                ref var q = ref pending[lines];
                (q.IdStart, q.IdLength) = ((int)Unsafe.ByteOffset(ref origin, ref MemoryMarshal.GetReference(id)), id.Length);
                (q.X, q.Tx, q.T, q.Slot) = (x, tx, t, p.Home(x, tx, t));
                p.PrefetchSlot(q.Slot);
            }

            // 2. The slots are (mostly) in cache now: ask for their entries.
            for (int k = 0; k < lines; k++)
            {
                p.PrefetchEntry(pending[k].Slot);
            }

            // 3. Find and format.
            for (int k = 0; k < lines; k++)
            {
                ref readonly var q = ref pending[k];
                int row = p.Find(q.Slot, q.X, q.Tx, q.T);
                if (row < 0)
                {
                    throw new InputException("the summary changed while it was read; run the command again.");
                }

                var id = all.Slice(q.IdStart, q.IdLength);
                int need = (id.Length * 3) + 16 + (8 * ShortestNumber.MaxLength);
                if (output.Length - position < need)
                {
                    var grown = ArrayPool<byte>.Shared.Rent(Math.Max(output.Length * 2, position + need));
                    output.AsSpan(0, position).CopyTo(grown);
                    ArrayPool<byte>.Shared.Return(output);
                    output = grown;
                }

                ref readonly var e = ref entries[row];
                var span = output.AsSpan();
                position += Id(id, span[position..]);
                span[position++] = (byte)',';
                position += ShortestNumber.Write(e.Expected, span[position..]);
                span[position++] = (byte)',';
                position += ShortestNumber.Write(e.Alive, span[position..]);
                if (intervals)
                {
                    if (bounds)
                    {
                        span[position++] = (byte)',';
                        position += ShortestNumber.Write(e.ExpectedLower, span[position..]);
                        span[position++] = (byte)',';
                        position += ShortestNumber.Write(e.ExpectedUpper, span[position..]);
                        span[position++] = (byte)',';
                        position += ShortestNumber.Write(e.AliveLower, span[position..]);
                        span[position++] = (byte)',';
                        position += ShortestNumber.Write(e.AliveUpper, span[position..]);
                    }
                    else
                    {
                        ",,,,"u8.CopyTo(span[position..]);
                        position += 4;
                    }

                    span[position++] = (byte)',';
                    position += ShortestNumber.WriteInteger(e.PurchasesLower, span[position..]);
                    span[position++] = (byte)',';
                    position += ShortestNumber.WriteInteger(e.PurchasesUpper, span[position..]);
                }

                span[position++] = (byte)'\n';
                count++;
            }
        }

        return (position, count);
    }

    /// <summary>One line's id cell and history, read as <see cref="SummaryFastReader"/> reads it; false when it does not parse.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Parse(ReadOnlySpan<byte> line, Layout layout, out ReadOnlySpan<byte> id, out long x, out double tx, out double t)
    {
        id = default;
        x = 0;
        tx = t = 0;
        double frequency = double.NaN;
        int field = 0;
        while (true)
        {
            int comma = line.IndexOf((byte)',');
            var cell = comma < 0 ? line : line[..comma];
            if (field == layout.Customer)
            {
                id = cell;
            }

            if (field == layout.Frequency || field == layout.Recency || field == layout.T)
            {
                if (cell.IsEmpty || cell[0] == (byte)'-' || !FastNumbers.TryPlain(cell, out double value))
                {
                    return false;
                }

                if (field == layout.Frequency)
                {
                    frequency = value;
                }

                if (field == layout.Recency)
                {
                    tx = value;
                }

                if (field == layout.T)
                {
                    t = value;
                }
            }

            field++;
            if (comma < 0)
            {
                break;
            }

            line = line[(comma + 1)..];
        }

        if (field != layout.Fields || frequency != Math.Floor(frequency) || frequency > int.MaxValue)
        {
            return false;
        }

        x = (long)frequency;
        return true;
    }

    /// <summary>The id as the general path writes it: the cell trimmed (string.Trim) and quoted when it holds a comma, quote or line break.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Id(ReadOnlySpan<byte> id, Span<byte> destination)
    {
        if (id.IsEmpty || (id[0] > 0x20 && id[0] < 0x7F && id[^1] > 0x20 && id[^1] < 0x7F && !id.Contains((byte)'\r')))
        {
            id.CopyTo(destination);
            return id.Length;
        }

        // Leading or trailing whitespace (ASCII or Unicode) or a carriage return: the general path's string rules.
        string text = Encoding.UTF8.GetString(id).Trim();
        if (text.AsSpan().IndexOfAny(",\"\n\r") >= 0)
        {
            text = "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        }

        return Encoding.UTF8.GetBytes(text, destination);
    }
}
