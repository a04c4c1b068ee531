using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace TrustMetrics.Cli.Output;

/// <summary>
/// The text <see cref="Formatting.CsvNumber"/> gives (<c>0</c> for ±0, otherwise <c>double.ToString("R", InvariantCulture)</c>: the
/// shortest decimal that reads back as the same double, the closest such one) written as UTF-8 into a span, several times faster
/// for the values a prediction table holds. Positive normal doubles with a decimal exponent in [−4, 14] (the range "R" writes
/// without an exponent) take an exact integer path: v = f·2⁻ˢ; for p = 15, 16, 17 significant digits the correctly rounded
/// q = round(f·10ᵏ / 2ˢ) (k = p − 1 − e₁₀) is computed exactly as round(f·5ᵏ / 2ˢ⁻ᵏ) (10ᵏ = 5ᵏ·2ᵏ, and 5ᵏ fits in 64 bits,
/// so one 64 × 64 → 128-bit product and shifts, no 128-bit arithmetic), and it reads back as v exactly when
/// |q·2ˢ − f·10ᵏ| &lt; 10ᵏ/2 (within half a unit in the last place of v); the first p that reads back gives the shortest digits, as
/// any shorter decimal that reads back is this one with its trailing zeros (the p-digit grid is coarser than the doubles). Every
/// case outside that (another range, a power of two — its lower gap is half the upper —, an exact tie, no p ≤ 17 found) is
/// formatted by .NET itself. Checked against <c>ToString("R")</c> on random and edge values (test <c>ShortestNumberTests</c>).
/// </summary>
internal static class ShortestNumber
{
    /// <summary>Longest text written (.NET's "R" of a double: sign, 17 digits, point, exponent).</summary>
    public const int MaxLength = 32;

    /// <summary>10⁰ … 10¹⁹ (all that fit in 64 bits).</summary>
    private static readonly ulong[] PowersOfTen = BuildPowers(10, 20);

    /// <summary>5⁰ … 5²⁷ (all that fit in 64 bits): value·10^k = f·5^k / 2^(s−k) keeps every product within 128 bits.</summary>
    private static readonly ulong[] PowersOfFive = BuildPowers(5, 28);

    private const int MinDecade = -5;

    /// <summary>The doubles nearest 10^e for e = <see cref="MinDecade"/> … 16: a first guess of the decade, checked exactly.</summary>
    private static readonly double[] DecadeStarts = [.. Enumerable.Range(MinDecade, 22).Select(e => double.Parse("1e" + e.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture))];

    /// <summary>
    /// Writes the text of <paramref name="value"/> and returns its length (at most <see cref="MaxLength"/>); the bytes of
    /// <paramref name="destination"/> past that length may be overwritten too (scratch, at most the first five).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Write(double value, Span<byte> destination)
    {
        if (value == 0)
        {
            destination[0] = (byte)'0';
            return 1;
        }

        if (value == 1)
        {
            destination[0] = (byte)'1';
            return 1;
        }

        return value >= 1e-4 && value < 1e15 && TryFixed(value, destination, out int n) ? n : Framework(value, destination);
    }

    /// <summary>Writes <paramref name="value"/> in invariant decimal digits (as <c>long.TryFormat</c>) and returns its length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int WriteInteger(long value, Span<byte> destination)
    {
        if ((ulong)value < 10)
        {
            destination[0] = (byte)('0' + (int)value);
            return 1;
        }

        if (value < 0 || value >= (long)PowersOfTen[18])
        {
            value.TryFormat(destination, out int written, default, CultureInfo.InvariantCulture);
            return written;
        }

        int count = 2;
        while (count < 18 && (ulong)value >= PowersOfTen[count])
        {
            count++;
        }

        Digits((ulong)value, destination[..count]);
        return count;
    }

    private static int Framework(double value, Span<byte> destination)
    {
        value.TryFormat(destination, out int n, "R", CultureInfo.InvariantCulture);
        return n;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryFixed(double value, Span<byte> destination, out int length)
    {
        length = 0;
        ulong bits = BitConverter.DoubleToUInt64Bits(value);
        ulong fraction = bits & ((1UL << 52) - 1);
        int exponent = (int)(bits >> 52) & 0x7FF;
        if (fraction == 0 || exponent == 0)
        {
            return false;   // a power of two (asymmetric gaps) or subnormal: not on this path
        }

        ulong f = fraction | (1UL << 52);
        int s = 1075 - exponent;          // value = f · 2^−s

        // The decade 10^e10 ≤ value < 10^(e10+1): value lies in [2^e2, 2^(e2+1)), so e10 is ⌊e2·log₁₀2⌋ (78913 / 2¹⁸ is log₁₀2
        // to 6 digits, exact enough for |e2| < 100) or one more, which the nearest double to 10^(e10+1) nearly always tells; the
        // decade is right exactly when the truncated 16-digit scaling ⌊value·10^(15−e10)⌋ has 16 digits (checked, corrected if
        // not). That product is also the 16-digit candidate below.
        int e10 = ((exponent - 1023) * 78913) >> 18;
        if ((uint)(e10 + 1 - MinDecade) < (uint)DecadeStarts.Length && value >= DecadeStarts[e10 + 1 - MinDecade])
        {
            e10++;
        }

        int k16, shift16;
        ulong high16, low16;
        for (int attempt = 0; ; attempt++)
        {
            k16 = 15 - e10;
            shift16 = s - k16;            // value·10^k = f·5^k / 2^(s−k); 2 ≤ s − k16 ≤ 46 for 1e−4 ≤ value < 1e15
            if (attempt == 3 || e10 < -5 || e10 > 15 || shift16 < 2 || shift16 > 62)
            {
                return false;
            }

            high16 = Multiply(f, PowersOfFive[k16], out low16);
            ulong truncated = Quotient(high16, low16, shift16);
            if (truncated < PowersOfTen[15])
            {
                e10--;
            }
            else if (truncated >= PowersOfTen[16])
            {
                e10++;
            }
            else
            {
                break;
            }
        }

        if (e10 < -4 || e10 > 14)
        {
            return false;
        }

        // The first of p = 15, 16, 17 digits that reads back. The closest p-digit decimal reads back whenever a (p−1)-digit one
        // does (that one, times 10, is a p-digit decimal at least as far), so 16 is tried first: when it fails 15 fails too.
        ulong q;
        int p;
        var sixteen = Candidate(high16, low16, shift16, PowersOfFive[k16], out ulong q16);
        if (sixteen == Fit.ReadsBack)
        {
            ulong five15 = PowersOfFive[k16 - 1];
            ulong high15 = Multiply(f, five15, out ulong low15);
            var fifteen = Candidate(high15, low15, shift16 + 1, five15, out ulong q15);
            if (fifteen == Fit.Undecided)
            {
                return false;
            }

            (q, p) = fifteen == Fit.ReadsBack ? (q15, 15) : (q16, 16);
        }
        else if (sixteen == Fit.DoesNot)
        {
            // f·5^(k16+1) = 5·(f·5^k16): (high16, low16) times 5 as 4·x + x, with the carries.
            ulong five17 = PowersOfFive[k16 + 1];
            ulong times4 = low16 << 2;
            ulong low17 = times4 + low16;
            ulong high17 = (high16 << 2) + high16 + (low16 >> 62) + (low17 < times4 ? 1UL : 0UL);
            if (Candidate(high17, low17, shift16 - 1, five17, out q) != Fit.ReadsBack)
            {
                return false;
            }

            p = 17;
        }
        else
        {
            return false;
        }

        // Rounding carried into the next decade (…999.6 → 1000): one digit fewer at the next exponent, the same value.
        if (q == PowersOfTen[p])
        {
            q = PowersOfTen[p - 1];
            e10++;
            if (e10 > 14)
            {
                return false;
            }
        }

        // The p digits of q, trailing zeros dropped.
        int count = p;
        while (count > 1 && q % 10 == 0)
        {
            q /= 10;
            count--;
        }

        int at = 0;
        if (e10 >= 0)
        {
            int whole = e10 + 1;
            if (count <= whole)
            {
                Digits(q, destination[..count]);
                destination.Slice(count, whole - count).Fill((byte)'0');
                at = whole;
            }
            else
            {
                ulong scale = PowersOfTen[count - whole];
                Digits(q / scale, destination[..whole]);
                destination[whole] = (byte)'.';
                Digits(q % scale, destination.Slice(whole + 1, count - whole));
                at = count + 1;
            }
        }
        else
        {
            // "0." and the zeros before the first digit (at most three: e10 ≥ −4), written as "0.000" and partly overwritten.
            int zeros = -e10 - 1;
            "0.000"u8.CopyTo(destination);
            Digits(q, destination.Slice(2 + zeros, count));
            at = 2 + zeros + count;
        }

        length = at;
        return true;
    }

    private enum Fit
    {
        ReadsBack,
        DoesNot,
        Undecided,   // an exact tie, or exactly half a unit in the last place away: left to .NET's rounding rule
    }

    /// <summary>
    /// The candidate q = round(n / 2^shift) for n = high·2⁶⁴ + low = f·5ᵏ (= value·10ᵏ·2^shift), and whether q·10⁻ᵏ reads back as
    /// value: |q·2^shift − n| &lt; 5ᵏ/2, i.e. within half a unit in the last place of value, both sides scaled by 10ᵏ/2ᵏ.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Fit Candidate(ulong high, ulong low, int shift, ulong five, out ulong q)
    {
        q = Quotient(high, low, shift);
        ulong remainder = low & ((1UL << shift) - 1);
        ulong half = 1UL << (shift - 1);
        if (remainder == half)
        {
            return Fit.Undecided;
        }

        ulong difference = remainder;
        if (remainder > half)
        {
            q++;
            difference = (1UL << shift) - remainder;
        }

        ulong twice = difference << 1;
        return twice < five ? Fit.ReadsBack : twice == five ? Fit.Undecided : Fit.DoesNot;
    }

    /// <summary>
    /// The 128-bit product f·g = high·2⁶⁴ + low for f &lt; 2⁵³ and g &lt; 2⁶³, from four 32 × 32-bit products (inlined: the Native
    /// AOT build targets x64 without BMI2, where <see cref="Math.BigMul(ulong, ulong, out ulong)"/> is an out-of-line fallback).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Multiply(ulong f, ulong g, out ulong low)
    {
        ulong f0 = (uint)f, f1 = f >> 32, g0 = (uint)g, g1 = g >> 32;
        ulong p00 = f0 * g0, p01 = f0 * g1, p10 = f1 * g0, p11 = f1 * g1;
        ulong middle = (p00 >> 32) + (uint)p01 + (uint)p10;   // < 3·2³², no overflow
        low = (middle << 32) | (uint)p00;
        return p11 + (p01 >> 32) + (p10 >> 32) + (middle >> 32);
    }

    /// <summary>⌊(high·2⁶⁴ + low) / 2^shift⌋ for 1 ≤ shift ≤ 63, when it fits in 64 bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Quotient(ulong high, ulong low, int shift) => (high << (64 - shift)) | (low >> shift);

    /// <summary>
    /// Writes <paramref name="value"/> (&lt; 10^<c>destination.Length</c>) with exactly <c>destination.Length</c> digits, leading
    /// zeros kept: eight digits at a time in 32-bit arithmetic, two at a time from a table.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Digits(ulong value, Span<byte> destination)
    {
        ref byte start = ref MemoryMarshal.GetReference(destination);
        int i = destination.Length;
        while (i >= 8)
        {
            ulong next = value / 100_000_000;
            uint eight = (uint)(value - (next * 100_000_000));
            uint high = eight / 10_000, low = eight - (high * 10_000);
            uint a = high / 100, c = low / 100;
            Pair(a, ref Unsafe.Add(ref start, i - 8));
            Pair(high - (a * 100), ref Unsafe.Add(ref start, i - 6));
            Pair(c, ref Unsafe.Add(ref start, i - 4));
            Pair(low - (c * 100), ref Unsafe.Add(ref start, i - 2));
            i -= 8;
            value = next;
        }

        uint rest = (uint)value;
        while (i >= 2)
        {
            uint next = rest / 100;
            Pair(rest - (next * 100), ref Unsafe.Add(ref start, i - 2));
            i -= 2;
            rest = next;
        }

        if (i == 1)
        {
            start = (byte)('0' + rest);
        }
    }

    /// <summary>The two digits of <paramref name="pair"/> (&lt; 100) at <paramref name="target"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Pair(uint pair, ref byte target) =>
        Unsafe.WriteUnaligned(ref target, Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref MemoryMarshal.GetReference(DigitPairs), (int)(pair * 2))));

    private static ReadOnlySpan<byte> DigitPairs =>
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"u8;

    private static ulong[] BuildPowers(ulong radix, int count)
    {
        var powers = new ulong[count];
        powers[0] = 1;
        for (int i = 1; i < count; i++)
        {
            powers[i] = powers[i - 1] * radix;
        }

        return powers;
    }
}
