using System.Numerics;

namespace TrustMetrics.Clv;

/// <summary>
/// Streams purchase histories into <see cref="CompressedHistories"/> one customer (or one weighted row) at a time, so a file of
/// millions of customers is never held as objects: memory grows with the number of distinct (x, t_x, T) rows, not customers.
/// Rows are kept in an open-addressing hash table keyed on the exact bits of (x, t_x, T); −0.0 is folded into 0.0. Not thread-safe.
/// </summary>
public sealed class CompressedHistoriesBuilder
{
    private const int InitialCapacity = 1024;

    private long[] frequency = new long[InitialCapacity / 2];
    private double[] recency = new double[InitialCapacity / 2];
    private double[] age = new double[InitialCapacity / 2];
    private long[] counts = new long[InitialCapacity / 2];
    private int[] slots = new int[InitialCapacity];
    private int rows;
    private long added;

    /// <summary>Number of histories added so far (including zero-count ones), the index the next one's error message names.</summary>
    internal long Added => added;

    /// <summary>Number of distinct (x, t_x, T) rows so far.</summary>
    public int RowCount => rows;

    /// <summary>Adds <paramref name="count"/> customers sharing one history (one by default; zero-count rows are dropped).</summary>
    /// <param name="history">The customers' history (valid by construction).</param>
    /// <param name="count">Number of customers, ≥ 0. Default 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">The count is negative; the message names the history's position among those added.</exception>
    public void Add(PurchaseHistory history, long count = 1)
    {
        CompressedHistories.Validate(history, added, "histories");
        if (count < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"histories[{added}]: the count must not be negative; got {count}.");
        }

        added++;
        if (count == 0)
        {
            return;
        }

        long x = history.Frequency;
        double tx = history.Recency + 0.0, t = history.T + 0.0;
        int mask = slots.Length - 1;
        for (int slot = Hash(x, tx, t) & mask; ; slot = (slot + 1) & mask)
        {
            int row = slots[slot] - 1;
            if (row < 0)
            {
                Insert(slot, x, tx, t, count);
                return;
            }

            // Bitwise comparison: the keys are finite and −0.0 was folded, so equal bits ⇔ equal values.
            if (frequency[row] == x && BitConverter.DoubleToInt64Bits(age[row]) == BitConverter.DoubleToInt64Bits(t)
                && BitConverter.DoubleToInt64Bits(recency[row]) == BitConverter.DoubleToInt64Bits(tx))
            {
                counts[row] += count;
                return;
            }
        }
    }

    /// <summary>The compressed rows sorted by (x, T, t_x). The builder can go on accepting histories afterwards.</summary>
    /// <exception cref="InvalidOperationException">No customer was added (all counts zero or nothing added).</exception>
    public CompressedHistories Build()
    {
        if (rows == 0)
        {
            throw new InvalidOperationException("There are no customers: no history with a positive count was added.");
        }

        var order = new int[rows];
        for (int i = 0; i < rows; i++)
        {
            order[i] = i;
        }

        long[] xs = frequency;
        double[] ts = age, txs = recency;
        Array.Sort(order, (i, j) =>
        {
            int c = xs[i].CompareTo(xs[j]);
            if (c == 0)
            {
                c = ts[i].CompareTo(ts[j]);
            }

            return c != 0 ? c : txs[i].CompareTo(txs[j]);
        });

        var x = new long[rows];
        var tx = new double[rows];
        var t = new double[rows];
        var n = new long[rows];
        for (int k = 0; k < rows; k++)
        {
            int i = order[k];
            (x[k], tx[k], t[k], n[k]) = (xs[i], txs[i], ts[i], counts[i]);
        }

        return CompressedHistories.Create(x, tx, t, n);
    }

    private void Insert(int slot, long x, double tx, double t, long count)
    {
        if (rows == frequency.Length)
        {
            Array.Resize(ref frequency, rows * 2);
            Array.Resize(ref recency, rows * 2);
            Array.Resize(ref age, rows * 2);
            Array.Resize(ref counts, rows * 2);
        }

        (frequency[rows], recency[rows], age[rows], counts[rows]) = (x, tx, t, count);
        rows++;
        slots[slot] = rows;
        if (rows * 2 > slots.Length)
        {
            Rehash();
        }
    }

    private void Rehash()
    {
        slots = new int[slots.Length * 2];
        int mask = slots.Length - 1;
        for (int row = 0; row < rows; row++)
        {
            int slot = Hash(frequency[row], recency[row], age[row]) & mask;
            while (slots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            slots[slot] = row + 1;
        }
    }

    /// <summary>
    /// Mixes the three 64-bit keys (multiply–rotate, then the final avalanche of MurmurHash3's fmix64): whole-number doubles have
    /// all-zero low bits, so the raw bits would cluster in a power-of-two table.
    /// </summary>
    private static int Hash(long x, double tx, double t)
    {
        ulong h = (ulong)x * 0x9E3779B97F4A7C15UL;
        h = BitOperations.RotateLeft(h ^ (ulong)BitConverter.DoubleToInt64Bits(t), 31) * 0xC2B2AE3D27D4EB4FUL;
        h = BitOperations.RotateLeft(h ^ (ulong)BitConverter.DoubleToInt64Bits(tx), 27) * 0x165667B19E3779F9UL;
        h ^= h >> 33;
        h *= 0xFF51AFD7ED558CCDUL;
        h ^= h >> 33;
        return (int)h & int.MaxValue;
    }
}
