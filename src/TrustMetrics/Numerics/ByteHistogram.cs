using System.Numerics;
using System.Runtime.InteropServices;

namespace TrustMetrics.Numerics;

/// <summary>
/// Counts bytes falling on a small contiguous range [min, min + points − 1]: the counting kernel behind
/// <see cref="Scales.ScaleTally.FromScores(Scales.RatingScale, ReadOnlySpan{byte})"/> (ratings, CSAT, CES stored one per byte).
/// </summary>
internal static class ByteHistogram
{
    /// <summary>Largest number of points the vector kernel handles (one compare per point per vector); wider ranges count scalar.</summary>
    public const int MaxVectorPoints = 16;

    /// <summary>
    /// counts[k] = number of bytes equal to min + k. Returns −1 when every byte is on the range, otherwise the index of the first
    /// byte off it (the counts are then incomplete and must be discarded).
    /// </summary>
    public static long Count(ReadOnlySpan<byte> values, int min, Span<long> counts)
    {
        int points = counts.Length;
        int i = 0;
        if (Vector.IsHardwareAccelerated && points <= MaxVectorPoints && min is >= 0 and <= byte.MaxValue
            && min + points - 1 <= byte.MaxValue && values.Length >= Vector<byte>.Count)
        {
            if (!CountVectorised(values, (byte)min, counts))
            {
                return FirstOffRange(values, min, points);
            }

            i = values.Length - values.Length % Vector<byte>.Count;
        }

        for (; i < values.Length; i++)
        {
            int offset = values[i] - min;
            if ((uint)offset >= (uint)points)
            {
                return i;
            }

            counts[offset]++;
        }

        return -1;
    }

    /// <summary>
    /// Per-lane byte counters for all points but the first (decremented by the all-ones equality masks, widened into 64-bit totals
    /// every 255 vectors before a lane can overflow); the first point's count is what remains. Off-range bytes are detected by a
    /// running lane-wise maximum of (value − min), which wraps below min, so the valid path has no branch per element.
    /// </summary>
    private static bool CountVectorised(ReadOnlySpan<byte> values, byte min, Span<long> counts)
    {
        int points = counts.Length;
        var vectors = MemoryMarshal.Cast<byte, Vector<byte>>(values);
        var minimum = new Vector<byte>(min);
        var last = new Vector<byte>((byte)(points - 1));
        Span<long> totals = stackalloc long[MaxVectorPoints];
        Span<Vector<byte>> lanes = stackalloc Vector<byte>[MaxVectorPoints];
        Span<Vector<byte>> targets = stackalloc Vector<byte>[MaxVectorPoints];
        for (int k = 1; k < points; k++)
        {
            targets[k] = new Vector<byte>((byte)k);
        }

        var largest = Vector<byte>.Zero;
        int block = 0;
        while (block < vectors.Length)
        {
            int end = Math.Min(vectors.Length, block + byte.MaxValue);
            lanes[..points].Clear();
            for (int j = block; j < end; j++)
            {
                var v = vectors[j] - minimum;
                largest = Vector.Max(largest, v);
                for (int k = 1; k < points; k++)
                {
                    lanes[k] -= Vector.Equals(v, targets[k]);
                }
            }

            for (int k = 1; k < points; k++)
            {
                totals[k] += SumLanes(lanes[k]);
            }

            block = end;
        }

        if (Vector.GreaterThanAny(largest, last))
        {
            return false;
        }

        long counted = (long)vectors.Length * Vector<byte>.Count, others = 0;
        for (int k = 1; k < points; k++)
        {
            counts[k] += totals[k];
            others += totals[k];
        }

        counts[0] += counted - others;
        return true;
    }

    private static long FirstOffRange(ReadOnlySpan<byte> values, int min, int points)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if ((uint)(values[i] - min) >= (uint)points)
            {
                return i;
            }
        }

        return -1;
    }

    private static long SumLanes(Vector<byte> counts)
    {
        Vector.Widen(counts, out Vector<ushort> low, out Vector<ushort> high);
        return Vector.Sum(low + high);
    }
}
