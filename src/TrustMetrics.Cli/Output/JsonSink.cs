using System.Buffers;
using System.Text;

namespace TrustMetrics.Cli.Output;

/// <summary>
/// The buffer a <see cref="System.Text.Json.Utf8JsonWriter"/> writes into, passed on to a stream or a text writer in 64 KB
/// blocks, so a JSON document is never held whole in memory. (A <c>Utf8JsonWriter</c> over a <see cref="Stream"/> keeps
/// everything written since its last <c>Flush</c> in a growing array: a 186 MB Kaplan–Meier table cost 400 MB that way.)
/// The writer hands back its bytes whenever its block is full (<see cref="IBufferWriter{T}.Advance"/> then
/// <see cref="IBufferWriter{T}.GetMemory"/>), and <see cref="Complete"/> passes on the rest.
/// <para>
/// Towards a text writer (standard output) the first <see cref="HoldBytes"/> bytes are held back: a document that fails while it
/// is being written (an exception in a writer callback) then leaves no partial output unless it was already larger than that.
/// </para>
/// </summary>
internal sealed class JsonSink : IBufferWriter<byte>
{
    /// <summary>Bytes of a document held before anything goes to a text writer (1 MiB).</summary>
    public const int HoldBytes = 1 << 20;

    private const int BlockBytes = 1 << 16;

    private readonly Stream? stream;
    private readonly TextWriter? text;
    private readonly Decoder decoder = new UTF8Encoding(false).GetDecoder();
    private byte[] buffer;
    private char[] chars = [];
    private int written;
    private bool released;

    /// <summary>A sink writing to <paramref name="stream"/> (a temporary file: atomicity comes from the rename).</summary>
    public JsonSink(Stream stream)
    {
        this.stream = stream;
        buffer = new byte[BlockBytes];
        released = true;
    }

    /// <summary>A sink writing UTF-8-decoded text to <paramref name="text"/>, holding back the first <see cref="HoldBytes"/> bytes.</summary>
    public JsonSink(TextWriter text)
    {
        this.text = text;
        buffer = new byte[BlockBytes];
    }

    [ThreadStatic]
    private static (JsonSink Sink, System.Text.Json.Utf8JsonWriter Writer)? bound;

    /// <summary>
    /// The sink <paramref name="json"/> writes into, when <see cref="Bind"/> made it known on this thread (<see cref="JsonRows"/>
    /// then writes its rows straight to the sink); otherwise null.
    /// </summary>
    public static JsonSink? BoundTo(System.Text.Json.Utf8JsonWriter json) => bound is { } b && ReferenceEquals(b.Writer, json) ? b.Sink : null;

    /// <summary>Makes this sink known as the one <paramref name="json"/> writes into, on this thread, until the scope is disposed.</summary>
    public IDisposable Bind(System.Text.Json.Utf8JsonWriter json)
    {
        var previous = bound;
        bound = (this, json);
        return new Unbind(previous);
    }

    /// <inheritdoc/>
    public void Advance(int count) => written += count;

    /// <summary>
    /// Passes on <paramref name="bytes"/> after everything written so far: call only when the JSON writer is flushed (its pending
    /// bytes are in the sink), as <see cref="JsonRows"/> does.
    /// </summary>
    public void WriteBlock(ReadOnlySpan<byte> bytes)
    {
        if (stream is not null && released)
        {
            if (written > 0)
            {
                Pass(final: false);
            }

            stream.Write(bytes);
            return;
        }

        while (!bytes.IsEmpty)
        {
            var span = GetSpan(Math.Min(bytes.Length, BlockBytes));
            int n = Math.Min(span.Length, bytes.Length);
            bytes[..n].CopyTo(span);
            Advance(n);
            bytes = bytes[n..];
        }
    }

    /// <inheritdoc/>
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return buffer.AsMemory(written);
    }

    /// <inheritdoc/>
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return buffer.AsSpan(written);
    }

    /// <summary>Passes on every byte not yet passed on; call once the JSON writer is flushed or disposed.</summary>
    public void Complete()
    {
        released = true;
        Pass(final: true);
    }

    private void Reserve(int sizeHint)
    {
        int needed = Math.Max(sizeHint, 1);
        if (buffer.Length - written >= needed)
        {
            return;
        }

        if (!released && written + needed > HoldBytes)
        {
            released = true;
        }

        if (released)
        {
            Pass(final: false);
        }

        if (buffer.Length - written < needed)
        {
            Array.Resize(ref buffer, Math.Max(buffer.Length * 2, written + needed));
        }
    }

    private void Pass(bool final)
    {
        if (stream is not null)
        {
            stream.Write(buffer, 0, written);
        }
        else
        {
            int count = decoder.GetCharCount(buffer, 0, written, final);
            if (chars.Length < count)
            {
                chars = new char[Math.Max(count, BlockBytes)];
            }

            int decoded = decoder.GetChars(buffer, 0, written, chars, 0, final);
            text!.Write(chars, 0, decoded);
        }

        written = 0;
        if (buffer.Length > BlockBytes && released)
        {
            buffer = new byte[BlockBytes];
        }
    }

    private sealed class Unbind((JsonSink Sink, System.Text.Json.Utf8JsonWriter Writer)? previous) : IDisposable
    {
        public void Dispose() => bound = previous;
    }
}
