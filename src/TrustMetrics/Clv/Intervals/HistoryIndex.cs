using System.Numerics;
using System.Runtime.CompilerServices;

namespace TrustMetrics.Clv;

/// <summary>
/// The distinct (x, t_x, T) rows of a batch by value, in order of first appearance, with each row's index: an open-addressing hash
/// table (linear probing, power-of-two size kept at most half full) over three growable columns. Values compare with <c>==</c>
/// (so −0 and +0 are one row, as in <see cref="CompressedHistories"/>); the histories are valid (no NaN) before they get here. Used
/// by the interval calculator to compute each distinct row once and by the CLI to find a customer's row among a fit's compressed
/// rows. Memory: O(distinct rows). Not thread-safe for <see cref="Add"/>; <see cref="Find"/> may run concurrently once built.
/// </summary>
internal sealed class HistoryIndex
{
    private long[] frequency;
    private double[] recency, age;
    private int[] slots;       // row + 1; 0 = empty
    private int mask;

    /// <summary>An empty index sized for about <paramref name="expected"/> distinct rows (it grows as needed).</summary>
    public HistoryIndex(int expected)
    {
        int capacity = Math.Max(16, expected);
        frequency = new long[capacity];
        recency = new double[capacity];
        age = new double[capacity];
        int size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Min(capacity * 2L, 1 << 30));
        slots = new int[size];
        mask = size - 1;
    }

    /// <summary>Number of distinct rows.</summary>
    public int Count { get; private set; }

    /// <summary>The index of rows that are already distinct (a <see cref="CompressedHistories"/>' columns), row k at index k.</summary>
    public static HistoryIndex Of(ReadOnlySpan<long> x, ReadOnlySpan<double> tx, ReadOnlySpan<double> t)
    {
        var index = new HistoryIndex(x.Length);
        for (int i = 0; i < x.Length; i++)
        {
            index.Add(x[i], tx[i], t[i]);
        }

        return index;
    }

    /// <summary>The row's index: the existing one, or the next new one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Add(long x, double tx, double t)
    {
        int slot = (int)Hash(x, tx, t) & mask;
        while (true)
        {
            int row = slots[slot] - 1;
            if (row < 0)
            {
                break;
            }

            if (frequency[row] == x && age[row] == t && recency[row] == tx)
            {
                return row;
            }

            slot = (slot + 1) & mask;
        }

        int added = Count;
        if (added == frequency.Length)
        {
            int grown = (int)Math.Min(Array.MaxLength, (long)added * 2);
            Array.Resize(ref frequency, grown);
            Array.Resize(ref recency, grown);
            Array.Resize(ref age, grown);
        }

        (frequency[added], recency[added], age[added]) = (x, tx, t);
        Count = added + 1;
        slots[slot] = added + 1;
        if (2L * Count > slots.Length)
        {
            Rehash();
        }

        return added;
    }

    /// <summary>The row's index, or −1 when it is not in the index.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Find(long x, double tx, double t)
    {
        int slot = (int)Hash(x, tx, t) & mask;
        while (true)
        {
            int row = slots[slot] - 1;
            if (row < 0)
            {
                return -1;
            }

            if (frequency[row] == x && age[row] == t && recency[row] == tx)
            {
                return row;
            }

            slot = (slot + 1) & mask;
        }
    }

    /// <summary>Exact-length copies of the distinct rows' columns (x, t_x, T), in index order.</summary>
    public (long[] Frequency, double[] Recency, double[] T) Columns() =>
        (frequency.AsSpan(0, Count).ToArray(), recency.AsSpan(0, Count).ToArray(), age.AsSpan(0, Count).ToArray());

    private void Rehash()
    {
        int size = slots.Length * 2;
        slots = new int[size];
        mask = size - 1;
        for (int row = 0; row < Count; row++)
        {
            int slot = (int)Hash(frequency[row], recency[row], age[row]) & mask;
            while (slots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            slots[slot] = row + 1;
        }
    }

    /// <summary>
    /// Asks the processor for the cache line holding <paramref name="value"/> (a hint: no effect without SSE, never a fault) —
    /// for callers that look up many rows of a table far larger than the caches and can ask a few lookups ahead.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static unsafe void Prefetch<T>(ref T value)
    {
        if (System.Runtime.Intrinsics.X86.Sse.IsSupported)
        {
            // The address may be stale by the time the line arrives if a GC moves the array: harmless for a hint.
            System.Runtime.Intrinsics.X86.Sse.Prefetch0(Unsafe.AsPointer(ref value));
        }
    }

    /// <summary>A 64-bit mix of the three values' bits (−0 folded into +0 so equal values hash alike).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Hash(long x, double tx, double t)
    {
        ulong h = ((ulong)x * 0x9E3779B97F4A7C15UL) ^ (BitConverter.DoubleToUInt64Bits(t + 0.0) * 0xC2B2AE3D27D4EB4FUL)
            ^ BitOperations.RotateLeft(BitConverter.DoubleToUInt64Bits(tx + 0.0) * 0x165667B19E3779F9UL, 31);
        h ^= h >> 29;
        h *= 0xBF58476D1CE4E5B9UL;
        h ^= h >> 32;
        return h;
    }
}
