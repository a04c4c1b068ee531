using MathNet.Numerics.Random;

namespace TrustMetrics.Statistics;

/// <summary>
/// The one random generator of the library: MathNet's xoshiro256** (Blackman &amp; Vigna 2018), seeded, not thread-safe (one per
/// stream), so draws are identical on every .NET version. Independent streams (one per segment, per analysis) derive their
/// seed from (seed, stream) with SplitMix64, so a segment's draws do not depend on which other segments exist.
/// </summary>
internal static class RandomNumbers
{
    /// <summary>A generator for <paramref name="seed"/> and <paramref name="stream"/> (0 for the main stream).</summary>
    public static Xoshiro256StarStar Create(int seed, ulong stream = 0)
    {
        ulong x = unchecked(((ulong)(uint)seed << 32) ^ (stream * 0x9E3779B97F4A7C15UL) ^ 0xD1B54A32D192ED03UL);
        ulong mixed = SplitMix64(ref x);
        return new Xoshiro256StarStar(unchecked((int)(mixed ^ (mixed >> 32))), threadSafe: false);
    }

    /// <summary>Replicates per block of a parallel bootstrap; fixed, so results do not depend on the thread count.</summary>
    public const int BlockSize = 64;

    /// <summary>Number of blocks of <see cref="BlockSize"/> replicates covering <paramref name="replicates"/>.</summary>
    public static int Blocks(int replicates) => (replicates + BlockSize - 1) / BlockSize;

    /// <summary>
    /// A generator for one block of <see cref="BlockSize"/> replicates of (<paramref name="seed"/>, <paramref name="stream"/>), so a
    /// bootstrap split into fixed blocks draws the same numbers whatever the degree of parallelism (block 0 for an unblocked run).
    /// The seed is spread by two SplitMix64 steps; this derivation differs from <see cref="Create(int, ulong)"/> and is kept
    /// as it is because the trust index's bootstrap, key-driver and sensitivity results depend on its streams.
    /// </summary>
    public static Xoshiro256StarStar CreateBlock(int seed, ulong stream, int block)
    {
        ulong x = unchecked(((ulong)(uint)seed << 32) ^ (stream * 0x9E3779B97F4A7C15UL) ^ ((ulong)(uint)block * 0xD1B54A32D192ED03UL));
        ulong first = SplitMix64(ref x);
        ulong mixed = SplitMix64(ref first);
        return new Xoshiro256StarStar(unchecked((int)(mixed ^ (mixed >> 32))), threadSafe: false);
    }

    /// <summary>A stable stream id for a label (FNV-1a 64 with a salt), so draws follow the label, not its position.</summary>
    public static ulong StreamOf(string label, ulong salt)
    {
        ulong h = 14695981039346656037UL ^ salt;
        foreach (char c in label)
        {
            h = unchecked((h ^ c) * 1099511628211UL);
        }

        return h;
    }

    /// <summary>SplitMix64 (Steele, Lea &amp; Flood 2014): one step of the 64-bit state, the mixed output.</summary>
    public static ulong SplitMix64(ref ulong state)
    {
        ulong z = unchecked(state += 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }
}
