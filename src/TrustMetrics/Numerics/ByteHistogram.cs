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

    private const int RegisterPoints = 8;

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
    private static bool CountVectorised(ReadOnlySpan<byte> values, byte min, Span<long> counts) =>
        counts.Length <= RegisterPoints ? CountInRegisters(values, min, counts) : CountOnStack(values, min, counts);

    /// <summary>
    /// Scales of up to 8 points (stars, CSAT, CES): seven counters and targets held in registers. Unused targets are 0xFF, which
    /// an on-scale offset never equals, so one loop body serves every size.
    /// </summary>
    private static bool CountInRegisters(ReadOnlySpan<byte> values, byte min, Span<long> counts)
    {
        int points = counts.Length;
        var vectors = MemoryMarshal.Cast<byte, Vector<byte>>(values);
        var minimum = new Vector<byte>(min);
        var last = new Vector<byte>((byte)(points - 1));
        Vector<byte> t1 = Target(1, points), t2 = Target(2, points), t3 = Target(3, points), t4 = Target(4, points),
            t5 = Target(5, points), t6 = Target(6, points), t7 = Target(7, points);
        Span<long> totals = stackalloc long[RegisterPoints];
        var largest = Vector<byte>.Zero;
        int block = 0;
        while (block < vectors.Length)
        {
            int end = Math.Min(vectors.Length, block + byte.MaxValue);
            Vector<byte> c1 = default, c2 = default, c3 = default, c4 = default, c5 = default, c6 = default, c7 = default;
            for (int j = block; j < end; j++)
            {
                var v = vectors[j] - minimum;
                largest = Vector.Max(largest, v);
                c1 -= Vector.Equals(v, t1);
                c2 -= Vector.Equals(v, t2);
                c3 -= Vector.Equals(v, t3);
                c4 -= Vector.Equals(v, t4);
                c5 -= Vector.Equals(v, t5);
                c6 -= Vector.Equals(v, t6);
                c7 -= Vector.Equals(v, t7);
            }

            totals[1] += SumLanes(c1);
            totals[2] += SumLanes(c2);
            totals[3] += SumLanes(c3);
            totals[4] += SumLanes(c4);
            totals[5] += SumLanes(c5);
            totals[6] += SumLanes(c6);
            totals[7] += SumLanes(c7);
            block = end;
        }

        return !Vector.GreaterThanAny(largest, last) && Finish(counts, totals, (long)vectors.Length * Vector<byte>.Count);
    }

    private static Vector<byte> Target(int k, int points) => new(k < points ? (byte)k : byte.MaxValue);

    private static bool Finish(Span<long> counts, ReadOnlySpan<long> totals, long counted)
    {
        long others = 0;
        for (int k = 1; k < counts.Length; k++)
        {
            counts[k] += totals[k];
            others += totals[k];
        }

        counts[0] += counted - others;
        return true;
    }

    private static bool CountOnStack(ReadOnlySpan<byte> values, byte min, Span<long> counts)
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

        return !Vector.GreaterThanAny(largest, last) && Finish(counts, totals, (long)vectors.Length * Vector<byte>.Count);
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
