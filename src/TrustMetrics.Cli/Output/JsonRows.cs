using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace TrustMetrics.Cli.Output;

/// <summary>
/// A long JSON array of flat rows (a Kaplan–Meier table: 731,991 rows, 186 MB) written byte for byte as the indented
/// <see cref="Utf8JsonWriter"/> of <see cref="CommandOutput"/> writes it, but without its per-value cost: numbers are formatted
/// straight into large blocks (<c>double.TryFormat</c> to UTF-8, the formatting <see cref="Utf8JsonWriter.WriteNumber(string, double)"/>
/// uses: shortest round-trip, invariant), and on a multi-core machine two workers format alternate blocks of rows while the
/// calling thread passes finished blocks on, in order, to the <see cref="JsonSink"/> (so writing the file overlaps formatting).
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
    /// Writes <c>"name": [ … ]</c> with <paramref name="count"/> rows, each an object whose members <paramref name="format"/> adds;
    /// false (nothing written) when <paramref name="json"/> does not write into a bound <see cref="JsonSink"/>.
    /// <paramref name="format"/> is called from worker threads: it must only read shared state.
    /// </summary>
    public static bool TryWriteArray(Utf8JsonWriter json, string name, int count, RowAction format, int? workers = null)
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
        var layout = new Layout(json.Options, json.CurrentDepth);
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

    /// <summary>The writer's new line and indentation at the array's depth.</summary>
    internal sealed class Layout
    {
        public Layout(JsonWriterOptions options, int depth)
        {
            NewLine = Encoding.UTF8.GetBytes(options.NewLine);
            char indent = options.IndentCharacter;
            int size = options.IndentSize;
            PropertyIndent = Encoding.UTF8.GetBytes(new string(indent, size * depth));
            RowStart = [.. NewLine, .. Encoding.UTF8.GetBytes(new string(indent, size * (depth + 1))), (byte)'{'];
            RowEnd = [.. NewLine, .. Encoding.UTF8.GetBytes(new string(indent, size * (depth + 1))), (byte)'}'];
            MemberStart = [.. NewLine, .. Encoding.UTF8.GetBytes(new string(indent, size * (depth + 2))), (byte)'"'];
        }

        public byte[] NewLine { get; }

        public byte[] PropertyIndent { get; }

        public byte[] RowStart { get; }

        public byte[] RowEnd { get; }

        public byte[] MemberStart { get; }
    }

    /// <summary>One row being formatted: its members in order, as <c>"name": value</c>.</summary>
    public ref struct Row
    {
        private const int MemberBytes = 128;
        private readonly Layout layout;
        private bool firstMember;

        internal Row(Layout layout, byte[] buffer)
        {
            this.layout = layout;
            Buffer = buffer;
        }

        internal byte[] Buffer { get; private set; }

        internal int Position { get; private set; }

        /// <summary>An integer member.</summary>
        /// <param name="name">The member name (plain ASCII, no escaping needed).</param>
        /// <param name="value">The value.</param>
        public void Integer(ReadOnlySpan<byte> name, long value)
        {
            var span = Member(name);
            Utf8Formatter.TryFormat(value, span, out int n);
            Position += n;
        }

        /// <summary>A number member, <c>null</c> when not finite (as <c>MetricJson.Number</c>).</summary>
        /// <param name="name">The member name (plain ASCII, no escaping needed).</param>
        /// <param name="value">The value.</param>
        public void Number(ReadOnlySpan<byte> name, double value)
        {
            var span = Member(name);
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
            Ensure(64);
            if (!first)
            {
                Buffer[Position++] = (byte)',';
            }

            Append(layout.RowStart);
            firstMember = true;
        }

        internal void End()
        {
            Ensure(layout.RowEnd.Length);
            Append(layout.RowEnd);
        }

        private Span<byte> Member(ReadOnlySpan<byte> name)
        {
            Ensure(name.Length + MemberBytes);
            if (!firstMember)
            {
                Buffer[Position++] = (byte)',';
            }

            firstMember = false;
            Append(layout.MemberStart);
            Append(name);
            Buffer[Position++] = (byte)'"';
            Buffer[Position++] = (byte)':';
            Buffer[Position++] = (byte)' ';
            return Buffer.AsSpan(Position);
        }

        private void Append(ReadOnlySpan<byte> bytes)
        {
            bytes.CopyTo(Buffer.AsSpan(Position));
            Position += bytes.Length;
        }

        private void Ensure(int bytes)
        {
            if (Buffer.Length - Position < bytes + 64)
            {
                var grown = Buffer;
                Array.Resize(ref grown, Math.Max(Buffer.Length * 2, Position + bytes + 64));
                Buffer = grown;
            }
        }
    }
}
