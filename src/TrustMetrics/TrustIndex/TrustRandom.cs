using MathNet.Numerics.Random;

namespace TrustMetrics.TrustIndex;

/// <summary>
/// Seeded random streams of the trust index, all MathNet's <see cref="Xoshiro256StarStar"/> (Blackman &amp; Vigna 2018). A
/// stream is named by (seed, stream id, block): a segment's draws depend on its label, never on which other segments exist,
/// and a bootstrap split into fixed blocks of replicates draws the same numbers whatever the degree of parallelism.
/// </summary>
internal static class TrustRandom
{
    /// <summary>Replicates per block of a parallel bootstrap; fixed, so results do not depend on the thread count.</summary>
    public const int BlockSize = 64;

    /// <summary>A non-thread-safe generator for one (seed, stream, block).</summary>
    public static Xoshiro256StarStar Create(int seed, ulong stream, int block = 0)
    {
        ulong x = unchecked(((ulong)(uint)seed << 32) ^ (stream * 0x9E3779B97F4A7C15UL) ^ ((ulong)(uint)block * 0xD1B54A32D192ED03UL));
        x = Mix(Mix(x));
        return new Xoshiro256StarStar(unchecked((int)(x ^ (x >> 32))), threadSafe: false);
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

    /// <summary>Number of blocks of <see cref="BlockSize"/> replicates covering <paramref name="replicates"/>.</summary>
    public static int Blocks(int replicates) => (replicates + BlockSize - 1) / BlockSize;

    // SplitMix64's finaliser (Steele, Lea & Flood 2014): spreads nearby (seed, stream, block) triples apart.
    private static ulong Mix(ulong z)
    {
        z = unchecked(z + 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }
}
