using System.Runtime.CompilerServices;

namespace TrustMetrics.Clv;

/// <summary>
/// A per-thread, direct-mapped cache of the (x, T) part of E[Y(t) | x, t_x, T] in the BG family — the ₂F₁ series, by far the
/// dearest part — for batch predictions. Summaries in whole days or weeks repeat (x, T) pairs across many customers (1,000,000
/// day-granular customers have a few thousand), so most customers then cost one P(alive). Keyed by the model's parameters and
/// the horizon; per thread, so the parallel chunks never share it, and allocated once per thread.
/// </summary>
internal sealed class ExpectationCache
{
    private const int Bits = 12;
    private const int Size = 1 << Bits;

    [ThreadStatic]
    private static ExpectationCache? current;

    private readonly long[] frequencies = new long[Size];
    private readonly long[] ages = new long[Size];
    private readonly double[] values = new double[Size];
    private (int Model, double P1, double P2, double P3, double P4, double Horizon) owner;

    private ExpectationCache()
    {
    }

    /// <summary>This thread's cache, emptied unless it last served the same model, parameters and horizon.</summary>
    public static ExpectationCache For(int model, double p1, double p2, double p3, double p4, double horizon)
    {
        var cache = current ??= new ExpectationCache();
        var key = (model, p1, p2, p3, p4, horizon);
        if (cache.owner != key)
        {
            cache.owner = key;
            Array.Fill(cache.frequencies, -1);
        }

        return cache;
    }

    /// <summary>The cached value for (x, T), or false with the slot to store it in.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGet(long x, double T, out double value, out int slot)
    {
        long bits = BitConverter.DoubleToInt64Bits(T);
        slot = (int)(((ulong)((x * unchecked((long)0x9E3779B97F4A7C15)) ^ bits) * 0xD6E8FEB86659FD93UL) >> (64 - Bits));
        value = values[slot];
        return frequencies[slot] == x && ages[slot] == bits;
    }

    /// <summary>Stores the value for (x, T) in the slot <see cref="TryGet"/> named.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Set(int slot, long x, double T, double value)
    {
        frequencies[slot] = x;
        ages[slot] = BitConverter.DoubleToInt64Bits(T);
        values[slot] = value;
    }
}
