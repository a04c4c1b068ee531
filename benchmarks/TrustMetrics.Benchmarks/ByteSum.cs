using System.Numerics;
using System.Runtime.InteropServices;

namespace TrustMetrics.Benchmarks;

/// <summary>
/// The memory-bandwidth bound the tally benchmarks are measured against: read every byte once and add it up (vectorised,
/// widening before the 16-bit lanes can overflow: 256 vectors of bytes ≤ 255 add to at most 2 × 256 × 255 per lane).
/// </summary>
internal static class ByteSum
{
    /// <summary>Σ bytes.</summary>
    public static long Of(ReadOnlySpan<byte> bytes)
    {
        var vectors = MemoryMarshal.Cast<byte, Vector<byte>>(bytes);
        long total = 0;
        for (int block = 0; block < vectors.Length; block += 256)
        {
            var sum = Vector<ushort>.Zero;
            int end = Math.Min(vectors.Length, block + 256);
            for (int i = block; i < end; i++)
            {
                Vector.Widen(vectors[i], out var low, out var high);
                sum += low + high;
            }

            Vector.Widen(sum, out Vector<uint> a, out Vector<uint> b);
            total += Vector.Sum(a + b);
        }

        for (int i = vectors.Length * Vector<byte>.Count; i < bytes.Length; i++)
        {
            total += bytes[i];
        }

        return total;
    }
}
