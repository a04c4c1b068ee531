using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace TrustMetrics.Monitoring;

/// <summary>
/// The block skip of <see cref="ChangeDetector.AddNpsScores"/>: the integer CUSUMs (one, or the GLR's up to 8) advanced over
/// whole blocks of <c>k</c> NPS answers at once, exactly. One step W ← max(0, W + d) is the map W ↦ max(W + d, 0); maps of the
/// form W ↦ max(W + D, c) compose into the same form (D = D₁ + D₂, c = max(c₁ + D₂, c₂)), and the largest state reached inside a
/// block is max(W + M, e) (M the largest prefix sum of the increments, e the largest state of the chain started at 0). An NPS
/// answer has 3 classes, so a table over the 3^k class patterns of a block gives (D, c, M − H) per CUSUM (H its threshold; when
/// e ≥ H the last entry is +2²⁹, which flags every start). A chunk of <see cref="Chunk"/> answers is then one table lookup per
/// block, the two blocks of a pair composed off the state's dependency chain, one add and one max per pair for the state, and
/// adds and maxes for the largest excess W + M − H over the chunk: when that
/// stays below 0 no state of the chunk reached its threshold (the block maximum is exact, not a bound), and the state after the
/// chunk is exactly the one the per-answer recursion gives (integer arithmetic, no overflow: |d| ≤ 2²⁴, H ≤ 2²⁹). A chunk that
/// reaches a threshold, or holds a byte outside 0–10, is left to the per-answer loop, which finds the alarm (or the bad byte)
/// answer by answer. The class pattern of a block is computed 32 answers at a time (AVX2: a byte shuffle to the class 0/1/2, two
/// multiply-adds to base-3 digits). Most chunks do not need the exact largest excess: every state inside a pair of blocks is at
/// most the pair's start state + R, R the largest rise of any run of a pair's answers (pair length × the largest increment, ≥ 0),
/// so when the largest state at the pairs' starts (and end) stays below H − R no state of the chunk reached H. A first pass keeps only
/// that running maximum (one max per pair instead of the five adds and maxes of the exact excess); a chunk it cannot clear is
/// scanned again with the exact excess. For several CUSUMs the first pass goes 8 answers per lookup, not 4: a second table over
/// the 3⁸ patterns holds (D, c) composed from two 4-answer entries (6,561 × 64 B, built on the first batch of at least
/// <see cref="OctTableFrom"/> answers, so small batches, e.g. a service's, never pay for it).
/// </summary>
internal sealed class CusumBlockScan
{
    /// <summary>Answers per chunk: the unit skipped whole or left to the per-answer loop (a multiple of 32).</summary>
    public const int Chunk = 2048;

    /// <summary>The flag entry for a block that alarms from every start (e ≥ H): W + 2²⁹ ≥ 0 for every W ≥ 0.</summary>
    private const int Always = 1 << 29;

    /// <summary>The entry for a lane beyond the drops: never reaches 0.</summary>
    private const int Never = -(1 << 30);

    private readonly int[] _table;

    /// <summary>One CUSUM: (D, c) per 8-answer pattern, 2 ints (52 KB), for the first pass (an entry's address is pattern × 8 bytes).</summary>
    private readonly int[] _pairs;
    private readonly int _lanes;
    private readonly int _block;

    /// <summary>
    /// Per lane H − R: the threshold minus the largest rise within a pair of blocks (<see cref="int.MaxValue"/> beyond the drops).
    /// A state at a pair's start below it cannot reach H within the pair. Compared as is (no sum that could overflow: a state
    /// that grows past it is held by the running maximum before it could wrap).
    /// </summary>
    private readonly Vector256<int> _clearBelow;

    /// <summary>H − R for pairs of 8-answer blocks (the <see cref="_octTable"/> pass of several CUSUMs).</summary>
    private readonly Vector256<int> _clearBelowOct;

    /// <summary>Several CUSUMs: per 8-answer pattern (D lanes, c lanes), 16 ints; null until a batch of <see cref="OctTableFrom"/> answers.</summary>
    private int[]? _octTable;

    /// <summary>The smallest batch that builds <see cref="_octTable"/> (6,561 vector compositions to build, 420 KB).</summary>
    internal const int OctTableFrom = 4 * Chunk;

    private CusumBlockScan(int[] table, int lanes, int block, Vector256<int> clearBelow, Vector256<int> clearBelowOct)
    {
        _table = table;
        _pairs = new int[lanes == 1 ? 2 * 6561 : 0];
        for (int p = 0; p < _pairs.Length / 2; p++)
        {
            _pairs[2 * p] = table[4 * p];
            _pairs[2 * p + 1] = table[4 * p + 1];
        }

        _lanes = lanes;
        _block = block;
        _clearBelow = clearBelow;
        _clearBelowOct = clearBelowOct;
    }

    /// <summary>True on hardware with AVX2 (the class-pattern computation).</summary>
    public static bool IsSupported => Avx2.IsSupported;

    /// <summary>
    /// The scan for <paramref name="drops"/> CUSUMs with per-class increments <paramref name="increments"/>[class × 8 + lane]
    /// (class 0 = detractor, 1 = passive, 2 = promoter) and thresholds <paramref name="thresholds"/>; null when unsupported or
    /// when an increment or threshold is too large for the 32-bit block sums.
    /// </summary>
    public static CusumBlockScan? Create(ReadOnlySpan<int> increments, ReadOnlySpan<long> thresholds, int drops)
    {
        if (!IsSupported || drops < 1 || drops > 8)
        {
            return null;
        }

        for (int j = 0; j < drops; j++)
        {
            if (thresholds[j] > 1 << 29 || thresholds[j] < 1)
            {
                return null;
            }

            for (int c = 0; c < 3; c++)
            {
                if (Math.Abs(increments[c * 8 + j]) > 1 << 24)
                {
                    return null;
                }
            }
        }

        // One CUSUM: scalar entries (D, c, M − H, 0) for blocks of 8 answers (6,561 × 16 B). Several: 8-lane vectors for blocks
        // of 4 answers (81 × 3 × 32 B), lanes beyond the drops never reaching their threshold.
        int lanes = drops == 1 ? 1 : 8;
        int block = drops == 1 ? 8 : 4;
        int patterns = block == 8 ? 6561 : 81;
        int stride = lanes == 1 ? 4 : 3 * 8;
        var table = new int[patterns * stride];
        Span<int> digits = stackalloc int[8];
        for (int p = 0; p < patterns; p++)
        {
            for (int i = 0, q = p; i < block; i++, q /= 3)
            {
                digits[i] = q % 3;
            }

            for (int j = 0; j < lanes; j++)
            {
                int sum, chain, top, peak;
                if (j >= drops)
                {
                    (sum, chain, top) = (0, 0, Never);
                }
                else
                {
                    long d = 0, c = 0, m = long.MinValue, e = 0;
                    for (int i = 0; i < block; i++)
                    {
                        long step = increments[digits[i] * 8 + j];
                        d += step;
                        c = Math.Max(c + step, 0);
                        m = Math.Max(m, d);
                        e = Math.Max(e, c);
                    }

                    (sum, chain, peak) = ((int)d, (int)c, (int)(m - thresholds[j]));
                    top = e >= thresholds[j] ? Always : peak;
                }

                if (lanes == 1)
                {
                    table[p * stride] = sum;
                    table[p * stride + 1] = chain;
                    table[p * stride + 2] = top;
                }
                else
                {
                    table[p * stride + j] = sum;
                    table[p * stride + 8 + j] = chain;
                    table[p * stride + 16 + j] = top;
                }
            }
        }

        // R = 2 × block × the largest increment (≥ 0) bounds the rise of any run of answers within a pair of blocks.
        Span<int> clearBelow = stackalloc int[8], clearBelowOct = stackalloc int[8];
        clearBelow.Fill(int.MaxValue);
        clearBelowOct.Fill(int.MaxValue);
        for (int j = 0; j < drops; j++)
        {
            int largest = Math.Max(0, Math.Max(increments[j], Math.Max(increments[8 + j], increments[16 + j])));
            clearBelow[j] = (int)(thresholds[j] - 2L * block * largest);
            clearBelowOct[j] = (int)(thresholds[j] - 16L * largest);
        }

        return new CusumBlockScan(table, lanes, block, Vector256.Create<int>(clearBelow), Vector256.Create<int>(clearBelowOct));
    }

    /// <summary>(D, c) of every 8-answer pattern, composed from its two 4-answer halves (first answer the lowest digit).</summary>
    private int[] OctTable()
    {
        var oct = new int[6561 * 16];
        for (int p = 0; p < 6561; p++)
        {
            int low = p % 81 * 24, high = p / 81 * 24;
            var dHigh = Vector256.Create(_table, high);
            (Vector256.Create(_table, low) + dHigh).CopyTo(oct, p * 16);
            Vector256.Max(Vector256.Create(_table, low + 8) + dHigh, Vector256.Create(_table, high + 8)).CopyTo(oct, p * 16 + 8);
        }

        return oct;
    }

    /// <summary>
    /// Advances the statistics <paramref name="w"/> (lane j = CUSUM j; for one CUSUM lane 0) over the longest run of whole chunks
    /// at the start of <paramref name="scores"/> in which every byte is a score 0–10 and no statistic reaches its threshold;
    /// returns the answers skipped (a multiple of <see cref="Chunk"/>, 0 when the first chunk needs the per-answer loop or the
    /// span is shorter than a chunk). Exactly the statistics the per-answer recursion gives after those answers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Skip(ReadOnlySpan<byte> scores, ref Vector256<int> w)
    {
        Span<int> patterns = stackalloc int[Chunk / 4];
        if (_lanes > 1 && _octTable is null && scores.Length >= OctTableFrom)
        {
            _octTable = OctTable();
        }

        var oct = _octTable;
        int done = 0;
        while (scores.Length - done >= Chunk)
        {
            var chunk = scores.Slice(done, Chunk);
            if (!Patterns(chunk, patterns, oct is null ? _block : 8))
            {
                break;
            }

            if (_lanes == 1)
            {
                int state = w.ToScalar();
                if (!PassOne(patterns[..(Chunk / 8)], ref state) && !ScanOne(patterns[..(Chunk / 8)], ref state))
                {
                    break;
                }

                w = Vector256.CreateScalar(state);
            }
            else if (oct is not null)
            {
                // 8-answer patterns for the first pass; a chunk it cannot clear is scanned exactly on its 4-answer patterns.
                if (!PassEight(patterns[..(Chunk / 8)], oct, 16, _clearBelowOct, ref w)
                    && !(Patterns(chunk, patterns, _block) && ScanEight(patterns, ref w)))
                {
                    break;
                }
            }
            else if (!PassEight(patterns, _table, 24, _clearBelow, ref w) && !ScanEight(patterns, ref w))
            {
                break;
            }

            done += Chunk;
        }

        return done;
    }

    /// <summary>
    /// One CUSUM over a chunk's 8-answer blocks with the cheap test: true (state advanced) when the largest state at the pairs'
    /// starts plus R stays below the threshold; false (state untouched) when the chunk needs <see cref="ScanOne"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool PassOne(ReadOnlySpan<int> patterns, ref int state)
    {
        ref int table = ref MemoryMarshal.GetArrayDataReference(_pairs);
        ref int pattern = ref MemoryMarshal.GetReference(patterns); // no bounds checks in the loop: b + 1 < Length
        var s = Vector128.CreateScalarUnsafe(state);
        var peak = s;
        for (int b = 0; b < patterns.Length - 1; b += 2)
        {
            ref int first = ref Unsafe.Add(ref table, (nint)(uint)Unsafe.Add(ref pattern, b) * 2);
            ref int second = ref Unsafe.Add(ref table, (nint)(uint)Unsafe.Add(ref pattern, b + 1) * 2);
            var d2 = Vector128.CreateScalarUnsafe(second);
            var d = Vector128.CreateScalarUnsafe(first) + d2;
            var c = Vector128.Max(Vector128.CreateScalarUnsafe(Unsafe.Add(ref first, 1)) + d2, Vector128.CreateScalarUnsafe(Unsafe.Add(ref second, 1)));
            s = Vector128.Max(s + d, c);
            peak = Vector128.Max(peak, s);
        }

        if (peak.ToScalar() >= _clearBelow.ToScalar())
        {
            return false;
        }

        state = s.ToScalar();
        return true;
    }

    /// <summary>
    /// Up to 8 CUSUMs over a chunk's blocks with the cheap test of <see cref="PassOne"/>: <paramref name="table"/> holds per
    /// pattern D lanes then c lanes, <paramref name="stride"/> ints apart; <paramref name="clearBelow"/> is H − R for a pair of its blocks.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool PassEight(ReadOnlySpan<int> patterns, int[] table, int stride, Vector256<int> clearBelow, ref Vector256<int> state)
    {
        ref int origin = ref MemoryMarshal.GetArrayDataReference(table);
        ref int pattern = ref MemoryMarshal.GetReference(patterns); // no bounds checks in the loop: b + 1 < Length
        var s = state;
        var peak = s;
        for (int b = 0; b < patterns.Length - 1; b += 2)
        {
            ref int first = ref Unsafe.Add(ref origin, (nint)(uint)Unsafe.Add(ref pattern, b) * stride);
            ref int second = ref Unsafe.Add(ref origin, (nint)(uint)Unsafe.Add(ref pattern, b + 1) * stride);
            var d2 = Vector256.LoadUnsafe(ref second);
            var d = Vector256.LoadUnsafe(ref first) + d2;
            var c = Vector256.Max(Vector256.LoadUnsafe(ref first, 8) + d2, Vector256.LoadUnsafe(ref second, 8));
            s = Vector256.Max(s + d, c);
            peak = Vector256.Max(peak, s);
        }

        if (Vector256.GreaterThanOrEqualAny(peak, clearBelow))
        {
            return false;
        }

        state = s;
        return true;
    }

    /// <summary>One CUSUM over a chunk's 8-answer blocks; false (state untouched) when some state reaches the threshold.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool ScanOne(ReadOnlySpan<int> patterns, ref int state)
    {
        // Lane 0 of 128-bit vectors: vpaddd/vpmaxsd have no data-dependent branch (Math.Max may compile to one that mispredicts).
        ref int table = ref MemoryMarshal.GetArrayDataReference(_table);
        var s = Vector128.CreateScalarUnsafe(state);
        var excess = Vector128.CreateScalarUnsafe(int.MinValue);
        // Two blocks per step: their composition (D₁ + D₂, max(c₁ + D₂, c₂)) does not wait for the state, so the state's chain
        // of dependent operations is one add and one max per 16 answers; the state between the blocks feeds only the excess.
        for (int b = 0; b + 1 < patterns.Length; b += 2)
        {
            ref int first = ref Unsafe.Add(ref table, (nint)(uint)patterns[b] * 4);
            ref int second = ref Unsafe.Add(ref table, (nint)(uint)patterns[b + 1] * 4);
            var d1 = Vector128.CreateScalarUnsafe(first);
            var c1 = Vector128.CreateScalarUnsafe(Unsafe.Add(ref first, 1));
            var d2 = Vector128.CreateScalarUnsafe(second);
            var d = d1 + d2;
            var c = Vector128.Max(c1 + d2, Vector128.CreateScalarUnsafe(Unsafe.Add(ref second, 1)));
            var middle = Vector128.Max(s + d1, c1);
            excess = Vector128.Max(excess, Vector128.Max(s + Vector128.CreateScalarUnsafe(Unsafe.Add(ref first, 2)),
                middle + Vector128.CreateScalarUnsafe(Unsafe.Add(ref second, 2))));
            s = Vector128.Max(s + d, c);
        }

        if (excess.ToScalar() >= 0)
        {
            return false;
        }

        state = s.ToScalar();
        return true;
    }

    /// <summary>Up to 8 CUSUMs over a chunk's 4-answer blocks; false (state untouched) when some state reaches its threshold.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool ScanEight(ReadOnlySpan<int> patterns, ref Vector256<int> state)
    {
        ref int table = ref MemoryMarshal.GetArrayDataReference(_table);
        var s = state;
        var excess = Vector256.Create(int.MinValue);
        // Two blocks per step, as in ScanOne.
        for (int b = 0; b + 1 < patterns.Length; b += 2)
        {
            ref int first = ref Unsafe.Add(ref table, (nint)(uint)patterns[b] * 24);
            ref int second = ref Unsafe.Add(ref table, (nint)(uint)patterns[b + 1] * 24);
            var d1 = Vector256.LoadUnsafe(ref first);
            var c1 = Vector256.LoadUnsafe(ref first, 8);
            var d2 = Vector256.LoadUnsafe(ref second);
            var d = d1 + d2;
            var c = Vector256.Max(c1 + d2, Vector256.LoadUnsafe(ref second, 8));
            var middle = Vector256.Max(s + d1, c1);
            excess = Vector256.Max(excess, Vector256.Max(s + Vector256.LoadUnsafe(ref first, 16), middle + Vector256.LoadUnsafe(ref second, 16)));
            s = Vector256.Max(s + d, c);
        }

        if (Vector256.GreaterThanOrEqualAny(excess, Vector256<int>.Zero))
        {
            return false;
        }

        state = s;
        return true;
    }

    /// <summary>
    /// The base-3 class pattern of each block of <paramref name="block"/> (4 or 8) answers of <paramref name="chunk"/> (the first
    /// answer the lowest digit) into <paramref name="patterns"/>; false when a byte exceeds 10.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Patterns(ReadOnlySpan<byte> chunk, Span<int> patterns, int block)
    {
        // Scores 0–6 → 0, 7–8 → 1, 9–10 → 2 (11–15 → 0: such chunks are refused by the maximum).
        var classes = Vector256.Create((byte)0, 0, 0, 0, 0, 0, 0, 1, 1, 2, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 2, 2, 0, 0, 0, 0, 0);
        var threes = Vector256.Create((ushort)0x0301).AsSByte();
        var nines = Vector256.Create(0x00090001).AsInt16();
        var top = Vector256<byte>.Zero;
        ref byte first = ref MemoryMarshal.GetReference(chunk);
        ref int output = ref MemoryMarshal.GetReference(patterns);
        if (block == 4)
        {
            for (int i = 0; i < chunk.Length; i += 32)
            {
                var bytes = Vector256.LoadUnsafe(ref first, (nuint)i);
                top = Vector256.Max(top, bytes);
                var pairs = Avx2.MultiplyAddAdjacent(Avx2.Shuffle(classes, bytes), threes);
                Avx2.MultiplyAddAdjacent(pairs, nines).StoreUnsafe(ref output, (nuint)(i / 4));
            }
        }
        else
        {
            // 64 answers a step: the 4-answer patterns (< 81) of two vectors packed to 16 bits (per 128-bit lane: A₀…A₃ B₀…B₃,
            // then A₄…A₇ B₄…B₇), a multiply-add by (1, 81) joins each pair of quads into an 8-answer pattern, a permute orders them.
            var eightyOnes = Vector256.Create(0x00510001).AsInt16();
            var order = Vector256.Create(0, 1, 4, 5, 2, 3, 6, 7);
            for (int i = 0; i < chunk.Length; i += 64)
            {
                var bytesA = Vector256.LoadUnsafe(ref first, (nuint)i);
                var bytesB = Vector256.LoadUnsafe(ref first, (nuint)i + 32);
                top = Vector256.Max(top, Vector256.Max(bytesA, bytesB));
                var quadsA = Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(Avx2.Shuffle(classes, bytesA), threes), nines);
                var quadsB = Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(Avx2.Shuffle(classes, bytesB), threes), nines);
                var octs = Avx2.MultiplyAddAdjacent(Avx2.PackSignedSaturate(quadsA, quadsB), eightyOnes);
                Avx2.PermuteVar8x32(octs, order).StoreUnsafe(ref output, (nuint)(i / 8));
            }
        }

        return Vector256.LessThanOrEqualAll(top, Vector256.Create((byte)10));
    }
}
