using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;
using System.Text.Json;

namespace TrustMetrics.Cli.Output;

/// <summary>
/// A long JSON array of flat rows (a Kaplan–Meier table: 731,991 rows, 186 MB) written byte for byte as the indented
/// <see cref="Utf8JsonWriter"/> of <see cref="CommandOutput"/> writes it, but without its per-value cost: numbers are formatted
/// straight into large blocks (<c>double.TryFormat</c> to UTF-8, the formatting <see cref="Utf8JsonWriter.WriteNumber(string, double)"/>
/// uses: shortest round-trip, invariant), and on a multi-core machine two workers format alternate blocks of rows while the
/// calling thread passes finished blocks on, in order, to the <see cref="JsonSink"/> (so writing the file overlaps formatting).
/// The members of every row are declared once: the bytes before each value (comma, new line, indentation, quoted name, colon,
/// and for the first member the row's opening brace) are built once and copied as one 32-byte block per value.
/// Memory: 2 × workers blocks of <see cref="BlockRows"/> rows (≈ 0.5 MB each for a Kaplan–Meier table).
/// <para>
/// Works only when the writer streams into a bound <see cref="JsonSink"/> (<see cref="CommandOutput.WriteJson"/>); otherwise
/// <see cref="TryWriteArray"/> returns false and the caller writes the rows through the <see cref="Utf8JsonWriter"/>.
/// </para>
/// </summary>
internal static class JsonRows
{
    /// <summary>Rows formatted per block.</summary>
    internal const int BlockRows = 2048;

    /// <summary>Fewer rows than this are formatted on the calling thread (no worker is started).</summary>
    internal const int ParallelRows = 16 * BlockRows;

    /// <summary>Formats row <paramref name="index"/> through <paramref name="row"/>.</summary>
    public delegate void RowAction(int index, ref Row row);

    /// <summary>
    /// Writes <c>"name": [ … ]</c> with <paramref name="count"/> rows, each an object with the <paramref name="members"/> (plain
    /// ASCII names, no escaping needed) whose values <paramref name="format"/> adds in that order; false (nothing written) when
    /// <paramref name="json"/> does not write into a bound <see cref="JsonSink"/>. <paramref name="format"/> is called from worker
    /// threads: it must only read shared state.
    /// </summary>
    public static bool TryWriteArray(Utf8JsonWriter json, string name, string[] members, int count, RowAction format, int? workers = null)
    {
        var sink = JsonSink.BoundTo(json);
        if (sink is null)
        {
            return false;
        }

        // The writer writes the name and, as a raw value, the opening bracket; then everything it holds goes to the sink, the rows
        // follow directly, and the writer carries on after a value (its next token adds the comma or closes the object).
        json.WritePropertyName(name);
        json.WriteRawValue("["u8, skipInputValidation: true);
        json.Flush();
        var layout = new Layout(json.Options, json.CurrentDepth, members);
        int threads = workers ?? (count >= ParallelRows ? Math.Min(2, Environment.ProcessorCount) : 0);
        if (threads <= 1 || count <= BlockRows)
        {
            var buffer = new byte[64 * 1024];
            for (int from = 0; from < count; from += BlockRows)
            {
                int length = FormatBlock(layout, format, from, Math.Min(count, from + BlockRows), ref buffer);
                sink.WriteBlock(buffer.AsSpan(0, length));
            }
        }
        else
        {
            Pipeline(sink, layout, format, count, threads);
        }

        if (count > 0)
        {
            Span<byte> end = stackalloc byte[layout.NewLine.Length + layout.PropertyIndent.Length + 1];
            layout.NewLine.CopyTo(end);
            layout.PropertyIndent.CopyTo(end[layout.NewLine.Length..]);
            end[^1] = (byte)']';
            sink.WriteBlock(end);
        }
        else
        {
            sink.WriteBlock("]"u8);
        }

        return true;
    }

    /// <summary>Blocks k = w, w + W, … are formatted by worker w into slot k mod 2W; the calling thread writes slot after slot in order.</summary>
    private static void Pipeline(JsonSink sink, Layout layout, RowAction format, int count, int workers)
    {
        int blocks = (count + BlockRows - 1) / BlockRows;
        var slots = new Slot[2 * workers];
        for (int i = 0; i < slots.Length; i++)
        {
            slots[i] = new Slot();
        }

        using var stop = new CancellationTokenSource();
        var tasks = new Task[workers];
        for (int w = 0; w < workers; w++)
        {
            int worker = w;
            tasks[w] = Task.Factory.StartNew(() =>
            {
                try
                {
                    for (int k = worker; k < blocks; k += workers)
                    {
                        var slot = slots[k % slots.Length];
                        slot.Free.Wait(stop.Token);
                        try
                        {
                            slot.Length = FormatBlock(layout, format, k * BlockRows, Math.Min(count, (k + 1) * BlockRows), ref slot.Buffer);
                        }
                        catch (Exception e)
                        {
                            slot.Error = e;
                        }

                        slot.Filled.Release();
                        if (slot.Error is not null)
                        {
                            return;
                        }
                    }
                }
                catch (OperationCanceledException)
                {
                    // The writer stopped: it reports its own error.
                }
            }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        try
        {
            for (int k = 0; k < blocks; k++)
            {
                var slot = slots[k % slots.Length];
                slot.Filled.Wait();
                if (slot.Error is { } error)
                {
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
                }

                sink.WriteBlock(slot.Buffer.AsSpan(0, slot.Length));
                slot.Free.Release();
            }
        }
        finally
        {
            stop.Cancel();
            Task.WaitAll(tasks);
            foreach (var slot in slots)
            {
                slot.Dispose();
            }
        }
    }

    private static int FormatBlock(Layout layout, RowAction format, int from, int to, ref byte[] buffer)
    {
        var row = new Row(layout, buffer);
        for (int i = from; i < to; i++)
        {
            row.Start(first: i == 0);
            format(i, ref row);
            row.End();
        }


        buffer = row.Buffer;
        return row.Position;
    }

    private sealed class Slot : IDisposable
    {
        public byte[] Buffer = new byte[BlockRows * 256];
        public int Length;
        public Exception? Error;

        public SemaphoreSlim Free { get; } = new(1);

        public SemaphoreSlim Filled { get; } = new(0);

        public void Dispose()
        {
            Free.Dispose();
            Filled.Dispose();
        }
    }

    /// <summary>The bytes around the values: the writer's new lines and indentation at the array's depth, and the member names.</summary>
    internal sealed class Layout
    {
        /// <summary>Bytes of each member's prefix slot in <see cref="Prefixes"/>: one 32-byte copy per value.</summary>
        public const int Slot = 32;

        public Layout(JsonWriterOptions options, int depth, string[] members)
        {
            NewLine = Encoding.UTF8.GetBytes(options.NewLine);
            char indent = options.IndentCharacter;
            int size = options.IndentSize;
            PropertyIndent = Encoding.UTF8.GetBytes(new string(indent, size * depth));
            byte[] rowIndent = [.. NewLine, .. Encoding.UTF8.GetBytes(new string(indent, size * (depth + 1)))];
            byte[] memberIndent = [.. NewLine, .. Encoding.UTF8.GetBytes(new string(indent, size * (depth + 2)))];
            RowEnd = [.. rowIndent, (byte)'}'];
            if (members.Length == 0)
            {
                throw new ArgumentException("A row needs at least one member.", nameof(members));
            }

            Members = members.Length;
            var prefixes = new byte[members.Length][];
            for (int m = 0; m < members.Length; m++)
            {
                // "{ NL indent "name": " for the first member (the row opens with it), ", NL indent "name": " for the others.
                byte[] name = [(byte)'"', .. Encoding.UTF8.GetBytes(members[m]), (byte)'"', (byte)':', (byte)' '];
                prefixes[m] = m == 0 ? [.. rowIndent, (byte)'{', .. memberIndent, .. name] : [(byte)',', .. memberIndent, .. name];
            }

            PrefixLengths = [.. prefixes.Select(p => p.Length)];
            Longest = PrefixLengths.Max();
            Stride = Math.Max(Slot, Longest);
            Prefixes = new byte[members.Length * Stride];
            for (int m = 0; m < members.Length; m++)
            {
                prefixes[m].CopyTo(Prefixes, m * Stride);
            }
        }

        public byte[] NewLine { get; }

        public byte[] PropertyIndent { get; }

        public byte[] RowEnd { get; }

        /// <summary>Number of members per row.</summary>
        public int Members { get; }

        /// <summary>Member m's prefix at m × <see cref="Stride"/>, zero-padded to the stride.</summary>
        public byte[] Prefixes { get; }

        public int[] PrefixLengths { get; }

        public int Stride { get; }

        /// <summary>The longest prefix; when it is at most <see cref="Slot"/> every prefix is copied as one 32-byte block.</summary>
        public int Longest { get; }
    }

    /// <summary>One row being formatted: its values in the declared member order.</summary>
    public ref struct Row
    {
        private const int ValueBytes = 64;   // a number is at most ShortestNumber.MaxLength (32) bytes, an integer 20
        private readonly Layout layout;
        private readonly int reserve;

        internal Row(Layout layout, byte[] buffer)
        {
            this.layout = layout;
            Buffer = buffer;
            reserve = Math.Max(layout.Stride, layout.RowEnd.Length) + ValueBytes + 1;
        }

        internal byte[] Buffer { get; private set; }

        internal int Position { get; private set; }

        /// <summary>Values written in the current row.</summary>
        internal int Members { get; private set; }

        /// <summary>An integer value (the next member).</summary>
        /// <param name="value">The value.</param>
        public void Integer(long value)
        {
            var span = Member();    // moves Position past the prefix: read it only after this
            Position += ShortestNumber.WriteInteger(value, span);
        }

        /// <summary>A number value (the next member), <c>null</c> when not finite (as <c>MetricJson.Number</c>).</summary>
        /// <param name="value">The value.</param>
        public void Number(double value)
        {
            var span = Member();
            int n;
            if (value > 0 && value < double.PositiveInfinity)
            {
                // Positive values take the exact integer path (same text as TryFormat's shortest round trip, several times faster);
                // zero, negatives (-0 must stay "-0" here) and the rest go to .NET.
                n = ShortestNumber.Write(value, span);
            }
            else if (double.IsFinite(value))
            {
                value.TryFormat(span, out n, default, CultureInfo.InvariantCulture);
            }
            else
            {
                "null"u8.CopyTo(span);
                n = 4;
            }

            Position += n;
        }

        internal void Start(bool first)
        {
            if (Buffer.Length - Position < reserve)
            {
                Grow();
            }

            if (!first)
            {
                Buffer[Position++] = (byte)',';
            }

            Members = 0;
        }

        internal void End()
        {
            if (Members != layout.Members)
            {
                throw new InvalidOperationException($"A row wrote {Members} values; {layout.Members} members were declared.");
            }

            if (Buffer.Length - Position < reserve)
            {
                Grow();
            }

            layout.RowEnd.CopyTo(Buffer.AsSpan(Position));
            Position += layout.RowEnd.Length;
        }

        /// <summary>Writes the next member's prefix and returns the space for its value.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private Span<byte> Member()
        {
            if (Buffer.Length - Position < reserve)
            {
                Grow();
            }

            int m = Members;
            if ((uint)m >= (uint)layout.Members)
            {
                throw new InvalidOperationException($"A row wrote more than the {layout.Members} members declared.");
            }

            int length = layout.PrefixLengths[m];
            if (layout.Longest <= Layout.Slot)
            {
                // One 32-byte copy (the slot is zero-padded; the bytes past the prefix are overwritten by the value).
                ref byte source = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(layout.Prefixes), m * Layout.Slot);
                ref byte target = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Buffer), Position);
                Vector128.LoadUnsafe(ref source).StoreUnsafe(ref target);
                Vector128.LoadUnsafe(ref source, 16).StoreUnsafe(ref target, 16);
            }
            else
            {
                layout.Prefixes.AsSpan(m * layout.Stride, length).CopyTo(Buffer.AsSpan(Position));
            }

            Members = m + 1;
            Position += length;
            return Buffer.AsSpan(Position, ValueBytes);
        }

        private void Grow()
        {
            var grown = Buffer;
            Array.Resize(ref grown, Math.Max(Buffer.Length * 2, Position + reserve));
            Buffer = grown;
        }
    }
}
