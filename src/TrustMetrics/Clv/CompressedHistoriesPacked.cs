using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace TrustMetrics.Clv;

/// <summary>
/// Compression of histories packed into one 64-bit key each (the CLI's summary fast path for fixed-point files): with t_x and T
/// written as whole multiples of 1/<c>scale</c> (say six decimals, scale 10⁶) a customer is the key
/// <c>x·2^(2b) + T·scale·2^b + t_x·scale</c> with b bits per time, and the key order is the (x, T, t_x) order of the values
/// (m ↦ m/scale is increasing and, for m &lt; 2⁵³, one-to-one on doubles). The keys alone are radix-sorted — no payload travels —
/// equal neighbours merge into counts, and the times are decoded as m/scale: the same rows, counts and order as
/// <see cref="CompressedHistoriesBuilder"/> on the values <c>double.Parse</c> gives for those decimals (m and the scale are exact
/// doubles and the division is correctly rounded, Clinger's fast path).
/// </summary>
internal static class CompressedHistoriesPacked
{
    /// <summary>The key of one history: <paramref name="x"/> above 2·<paramref name="timeBits"/> bits, then T, then t_x (fixed-point integers).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Key(ulong x, ulong t, ulong tx, int timeBits) => (x << (2 * timeBits)) | (t << timeBits) | tx;

    /// <summary>
    /// Sorts the first <paramref name="length"/> keys, held as the bits of <paramref name="keys"/>' doubles, and returns the distinct
    /// rows with their counts. <paramref name="scratch"/> (at least as long) is the radix sort's other buffer. No column of the
    /// customers' length is allocated: both buffers become the result's T and t_x columns (written in place over the sorted keys,
    /// a row never ahead of the key it comes from), only x and the counts are new arrays of the distinct rows' length — on a million
    /// customers 16 MB of memory the process does not touch, which costs as much as sorting. The caller gives both buffers away.
    /// The caller guarantees valid histories: T·scale and t_x·scale below 2^<paramref name="timeBits"/>, t_x ≤ T, t_x = 0 when
    /// x = 0, x below 2^(64 − 2·timeBits).
    /// </summary>
    /// <param name="keys">Keys made by <see cref="Key"/>, stored with <see cref="Keys"/>.</param>
    /// <param name="scratch">A second buffer of at least <paramref name="length"/> keys.</param>
    /// <param name="length">Number of keys (customers), ≥ 1.</param>
    /// <param name="timeBits">Bits per time, 1–31.</param>
    /// <param name="scale">The fixed-point scale (a power of ten ≤ 10²², an exact double).</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static CompressedHistories Compress(double[] keys, double[] scratch, int length, int timeBits, double scale)
    {
        if (length < 1 || keys.Length < length || scratch.Length < length || timeBits is < 1 or > 31)
        {
            throw new ArgumentException("There are no customers, or the buffers or the layout do not fit.", nameof(length));
        }

        ulong highest = 0;
        foreach (ulong key in Keys(keys, length))
        {
            highest |= key;
        }

        int bits = Math.Max(1, 64 - BitOperations.LeadingZeroCount(highest));
        bool inScratch = RadixSort(Keys(keys, length), Keys(scratch, length), bits);
        var (sortedColumn, otherColumn) = inScratch ? (scratch, keys) : (keys, scratch);
        var sorted = Keys(sortedColumn, length);

        int rows = 1;
        for (int i = 1; i < sorted.Length; i++)
        {
            rows += sorted[i] != sorted[i - 1] ? 1 : 0;
        }

        // x and counts are new; T goes to the other buffer, t_x over the sorted keys themselves (row ≤ i).
        var xs = new long[rows];
        var counts = new long[rows];
        Span<double> ts = otherColumn, txs = sortedColumn;
        ulong mask = (1UL << timeBits) - 1;
        int row = -1;
        ulong previous = ~sorted[0];
        for (int i = 0; i < length; i++)
        {
            ulong key = sorted[i];
            if (key == previous)
            {
                counts[row]++;
                continue;
            }

            previous = key;
            row++;
            xs[row] = (long)(key >> (2 * timeBits));
            ts[row] = (double)((key >> timeBits) & mask) / scale;
            txs[row] = (double)(key & mask) / scale;
            counts[row] = 1;
        }

        return CompressedHistories.Create(xs, sortedColumn, otherColumn, counts, rows);
    }

    /// <summary>The first <paramref name="length"/> doubles of a key buffer as the 64-bit keys they hold.</summary>
    public static Span<ulong> Keys(double[] buffer, int length) => MemoryMarshal.Cast<double, ulong>(buffer.AsSpan(0, length));

    /// <summary>
    /// LSD radix sort of keys whose significant bits are the low <paramref name="bits"/>, in as few passes of at most 11-bit digits as
    /// cover them (the histograms of all passes in one read; a pass whose digit is the same for every key is skipped). Returns the
    /// buffer holding the sorted keys: true for <paramref name="scratch"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool RadixSort(Span<ulong> keys, Span<ulong> scratch, int bits)
    {
        int passes = (bits + 10) / 11;
        int width = (bits + passes - 1) / passes;
        int buckets = 1 << width;
        ulong digitMask = (ulong)buckets - 1;
        int n = keys.Length;
        var histogram = new int[passes * buckets];
        ref int h = ref MemoryMarshal.GetArrayDataReference(histogram);
        foreach (ulong key in keys)
        {
            for (int p = 0; p < passes; p++)
            {
                Unsafe.Add(ref h, (p * buckets) + (int)((key >> (p * width)) & digitMask))++;
            }
        }

        Span<ulong> from = keys, to = scratch;
        bool inScratch = false;
        for (int p = 0; p < passes; p++)
        {
            var counts = histogram.AsSpan(p * buckets, buckets);
            if (counts.Contains(n))
            {
                continue;
            }

            int offset = 0;
            for (int d = 0; d < buckets; d++)
            {
                int c = counts[d];
                counts[d] = offset;
                offset += c;
            }

            int shift = p * width;
            ref int start = ref MemoryMarshal.GetReference(counts);
            ref ulong target = ref MemoryMarshal.GetReference(to);
            foreach (ulong key in from)
            {
                int at = Unsafe.Add(ref start, (int)((key >> shift) & digitMask))++;
                Unsafe.Add(ref target, at) = key;
            }

            var swap = from;
            from = to;
            to = swap;
            inScratch = !inScratch;
        }

        return inScratch;
    }
}
