namespace TrustMetrics.Clv;

/// <summary>
/// Compression of whole columns at once (the CLI's summary fast path): when nearly every customer has a distinct (x, t_x, T) —
/// real summaries with continuous recency and age — a hash table of rows costs a random memory access per customer and a sort
/// with a comparison delegate. Here the rows are grouped by x with a counting sort, each group is sorted by T with t_x carried
/// along (primitive-key sort), runs of equal T are sorted by t_x, and equal neighbours merge: the same rows, counts and
/// (x, T, t_x) order as <see cref="CompressedHistoriesBuilder"/>, in O(n log n) on contiguous arrays.
/// </summary>
internal static class CompressedHistoriesColumns
{
    /// <summary>Above this largest frequency the counting sort's table would dominate; the builder is used instead.</summary>
    private const int MaxCountingFrequency = 1 << 22;

    /// <summary>
    /// Compresses the first <paramref name="length"/> entries of the columns (one customer each). The arrays are used as sort
    /// buffers: their contents are undefined afterwards.
    /// </summary>
    /// <exception cref="ArgumentException">A row is not a valid history (the message names its index and values), or length is 0.</exception>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static CompressedHistories Compress(int[] frequency, double[] recency, double[] age, int length)
    {
        if (length == 0)
        {
            throw new ArgumentException("There are no customers: the histories are empty.", nameof(length));
        }

        int maxX = 0;
        for (int i = 0; i < length; i++)
        {
            CompressedHistories.Validate(frequency[i], recency[i], age[i], i, "histories");
            maxX = Math.Max(maxX, frequency[i]);
        }

        if (maxX > MaxCountingFrequency)
        {
            var builder = new CompressedHistoriesBuilder();
            for (int i = 0; i < length; i++)
            {
                builder.Add(new PurchaseHistory(frequency[i], recency[i], age[i]));
            }

            return builder.Build();
        }

        // Sort by T: least-significant-digit radix sort of T's bits (for T ≥ 0 the bit patterns order as the values; −0.0 folded),
        // carrying t_x and x; passes whose digit is the same for every row are skipped.
        var keys = System.Runtime.InteropServices.MemoryMarshal.Cast<double, ulong>(age.AsSpan(0, length));
        for (int i = 0; i < length; i++)
        {
            keys[i] = BitConverter.DoubleToUInt64Bits(BitConverter.UInt64BitsToDouble(keys[i]) + 0.0);
            recency[i] += 0.0;
        }

        var keys2 = new ulong[length];
        var recency2 = new double[length];
        var frequency2 = new int[length];
        bool second = RadixSort(keys, recency.AsSpan(0, length), frequency.AsSpan(0, length), keys2, recency2, frequency2);
        ReadOnlySpan<ulong> sortedKeys = second ? keys2 : keys;
        ReadOnlySpan<double> sortedRecency = second ? recency2 : recency.AsSpan(0, length);
        ReadOnlySpan<int> sortedX = second ? frequency2 : frequency.AsSpan(0, length);

        // Then a stable counting sort by x: rows ordered by (x, T).
        var start = new int[maxX + 2];
        for (int i = 0; i < length; i++)
        {
            start[sortedX[i] + 1]++;
        }

        for (int x = 0; x <= maxX; x++)
        {
            start[x + 1] += start[x];
        }

        // Scattered into the radix sort's other buffers, so no further column of the input's length is allocated.
        var t = System.Runtime.InteropServices.MemoryMarshal.Cast<ulong, double>(second ? keys : keys2.AsSpan());
        var tx = second ? recency.AsSpan(0, length) : recency2.AsSpan();
        var next = (int[])start.Clone();
        for (int i = 0; i < length; i++)
        {
            int at = next[sortedX[i]]++;
            t[at] = BitConverter.UInt64BitsToDouble(sortedKeys[i]);
            tx[at] = sortedRecency[i];
        }

        // Runs of equal (x, T) by t_x, counting the distinct rows.
        int rows = 0;
        for (int x = 0; x <= maxX; x++)
        {
            int end = start[x + 1];
            for (int i = start[x]; i < end;)
            {
                int j = i + 1;
                while (j < end && t[j] == t[i])
                {
                    j++;
                }

                if (j - i > 1)
                {
                    tx.Slice(i, j - i).Sort();
                    for (int k = i + 1; k < j; k++)
                    {
                        rows += tx[k] != tx[k - 1] ? 1 : 0;
                    }
                }

                rows++;
                i = j;
            }
        }

        // Equal neighbours merge into exact-length columns.
        var xs = new long[rows];
        var ts = new double[rows];
        var txs = new double[rows];
        var counts = new long[rows];
        int row = -1;
        for (int x = 0; x <= maxX; x++)
        {
            int end = start[x + 1];
            for (int i = start[x]; i < end; i++)
            {
                if (row >= 0 && xs[row] == x && ts[row] == t[i] && txs[row] == tx[i])
                {
                    counts[row]++;
                    continue;
                }

                row++;
                (xs[row], ts[row], txs[row], counts[row]) = (x, t[i], tx[i], 1);
            }
        }

        return CompressedHistories.Create(xs, txs, ts, counts);
    }

    /// <summary>Stable LSD radix sort of 64-bit keys in 8-bit digits (256 buckets per payload stay in cache), carrying two payloads; true when the result is in the second buffers.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static bool RadixSort(Span<ulong> keys, Span<double> recency, Span<int> x, Span<ulong> keys2, Span<double> recency2, Span<int> x2)
    {
        const int Bits = 8, Buckets = 1 << Bits, Passes = 8;
        int n = keys.Length;
        var histogram = new int[Passes * Buckets];
        foreach (ulong key in keys)
        {
            for (int p = 0; p < Passes; p++)
            {
                histogram[(p * Buckets) + (int)((key >> (p * Bits)) & (Buckets - 1))]++;
            }
        }

        bool second = false;
        for (int p = 0; p < Passes; p++)
        {
            var counts = histogram.AsSpan(p * Buckets, Buckets);
            if (counts.Contains(n))
            {
                continue;
            }

            int offset = 0;
            for (int d = 0; d < Buckets; d++)
            {
                int c = counts[d];
                counts[d] = offset;
                offset += c;
            }

            Span<ulong> fromKeys = second ? keys2 : keys, toKeys = second ? keys : keys2;
            Span<double> fromRecency = second ? recency2 : recency, toRecency = second ? recency : recency2;
            Span<int> fromX = second ? x2 : x, toX = second ? x : x2;
            int shift = p * Bits;
            for (int i = 0; i < n; i++)
            {
                ulong key = fromKeys[i];
                int at = counts[(int)((key >> shift) & (Buckets - 1))]++;
                toKeys[at] = key;
                toRecency[at] = fromRecency[i];
                toX[at] = fromX[i];
            }

            second = !second;
        }

        return second;
    }
}
