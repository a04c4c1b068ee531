using System.Numerics;
using System.Runtime.CompilerServices;

namespace TrustMetrics.TrustIndex;

/// <summary>
/// xoshiro256** (Blackman &amp; Vigna 2018) seeded through SplitMix64 from (seed, stream). Own implementation rather than
/// System.Random so draws are identical on every .NET version and independent streams (one per segment, per analysis) do not
/// depend on each other's use; bounded integers by Lemire's (2019) multiply-shift with rejection (unbiased).
/// </summary>
internal struct SeededRandom
{
    private ulong s0, s1, s2, s3;

    public SeededRandom(int seed, ulong stream)
    {
        ulong x = unchecked(((ulong)(uint)seed << 32) ^ (stream * 0x9E3779B97F4A7C15UL) ^ 0xD1B54A32D192ED03UL);
        s0 = SplitMix(ref x);
        s1 = SplitMix(ref x);
        s2 = SplitMix(ref x);
        s3 = SplitMix(ref x);
    }

    /// <summary>A stable stream id for a label (FNV-1a), so a segment's draws do not depend on which other segments exist.</summary>
    public static ulong StreamOf(string label, ulong salt)
    {
        ulong h = 14695981039346656037UL ^ salt;
        foreach (char c in label)
        {
            h = unchecked((h ^ c) * 1099511628211UL);
        }

        return h;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
    {
        ulong result = unchecked(BitOperations.RotateLeft(s1 * 5, 7) * 9);
        ulong t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = BitOperations.RotateLeft(s3, 45);
        return result;
    }

    /// <summary>Uniform integer in [0, n), n ≥ 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int NextInt(int n)
    {
        ulong bound = (ulong)n;
        ulong product = (NextUInt64() >> 32) * bound;
        uint low = (uint)product;
        if (low < (uint)n)
        {
            uint threshold = (uint)(-n) % (uint)n;
            while (low < threshold)
            {
                product = (NextUInt64() >> 32) * bound;
                low = (uint)product;
            }
        }

        return (int)(product >> 32);
    }

    /// <summary>Uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    private static ulong SplitMix(ref ulong x)
    {
        ulong z = unchecked(x += 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }
}
