using System.Buffers;

namespace TrustMetrics.Survival;

/// <summary>
/// The sort behind <see cref="SurvivalTally"/>: each subject becomes one 64-bit key, <c>(bits(duration) &lt;&lt; 1) | event</c>.
/// A non-negative double's IEEE-754 bit pattern orders like the double itself and its sign bit is 0, so the shift loses nothing,
/// and sorting the keys as unsigned integers sorts by time and, within a time, censored (0) before events (1). Keys are sorted
/// by an LSD radix sort (six 11-bit digits, passes whose digit is the same for every key skipped, which removes most passes
/// for times with short mantissas such as whole or half days); short inputs use the introsort of <see cref="MemoryExtensions"/>.
/// </summary>
internal static class SurvivalSort
{
    /// <summary>Below this many subjects the histogram set-up costs more than the comparison sort it replaces.</summary>
    internal const int RadixThreshold = 2048;

    private const int DigitBits = 11;
    private const int Buckets = 1 << DigitBits;
    private const ulong DigitMask = Buckets - 1;
    private const int Passes = 6; // 6 × 11 = 66 ≥ 64 bits
    private const ulong MagnitudeMask = 0x7FFF_FFFF_FFFF_FFFF;

    /// <summary>The key of one subject; −0.0 maps to the key of +0.0.</summary>
    public static ulong Key(double duration, ulong eventFlag) =>
        ((BitConverter.DoubleToUInt64Bits(duration) & MagnitudeMask) << 1) | eventFlag;

    /// <summary>The duration a key was made from.</summary>
    public static double Time(ulong key) => BitConverter.UInt64BitsToDouble(key >> 1);

    /// <summary>Sorts <paramref name="keys"/> ascending using <paramref name="scratch"/> (same length); returns the span that holds the result.</summary>
    public static Span<ulong> Sort(Span<ulong> keys, Span<ulong> scratch)
    {
        int n = keys.Length;
        if (n < RadixThreshold)
        {
            keys.Sort();
            return keys;
        }

        int[] rented = ArrayPool<int>.Shared.Rent(Passes * Buckets);
        try
        {
            var histogram = rented.AsSpan(0, Passes * Buckets);
            histogram.Clear();
            Count(keys, histogram);

            Span<ulong> source = keys, target = scratch;
            for (int pass = 0; pass < Passes; pass++)
            {
                int shift = pass * DigitBits;
                var counts = histogram.Slice(pass * Buckets, Buckets);
                if (counts[(int)((source[0] >> shift) & DigitMask)] == n)
                {
                    continue; // every key has the same digit here: the pass would copy the data unchanged
                }

                int offset = 0;
                for (int b = 0; b < Buckets; b++)
                {
                    int c = counts[b];
                    counts[b] = offset;
                    offset += c;
                }

                for (int i = 0; i < source.Length; i++)
                {
                    ulong key = source[i];
                    target[counts[(int)((key >> shift) & DigitMask)]++] = key;
                }

                var swap = source;
                source = target;
                target = swap;
            }

            return source;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(rented);
        }
    }

    /// <summary>One pass fills all six digit histograms.</summary>
    private static void Count(ReadOnlySpan<ulong> keys, Span<int> histogram)
    {
        var h0 = histogram[..Buckets];
        var h1 = histogram.Slice(Buckets, Buckets);
        var h2 = histogram.Slice(2 * Buckets, Buckets);
        var h3 = histogram.Slice(3 * Buckets, Buckets);
        var h4 = histogram.Slice(4 * Buckets, Buckets);
        var h5 = histogram.Slice(5 * Buckets, Buckets);
        foreach (ulong key in keys)
        {
            h0[(int)(key & DigitMask)]++;
            h1[(int)((key >> DigitBits) & DigitMask)]++;
            h2[(int)((key >> (2 * DigitBits)) & DigitMask)]++;
            h3[(int)((key >> (3 * DigitBits)) & DigitMask)]++;
            h4[(int)((key >> (4 * DigitBits)) & DigitMask)]++;
            h5[(int)(key >> (5 * DigitBits))]++;
        }
    }
}
