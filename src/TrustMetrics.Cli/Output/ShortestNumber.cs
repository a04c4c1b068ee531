using System.Globalization;
using System.Runtime.CompilerServices;

namespace TrustMetrics.Cli.Output;

/// <summary>
/// The text <see cref="Formatting.CsvNumber"/> gives (<c>0</c> for ±0, otherwise <c>double.ToString("R", InvariantCulture)</c>: the
/// shortest decimal that reads back as the same double, the closest such one) written as UTF-8 into a span, several times faster
/// for the values a prediction table holds. Positive normal doubles with a decimal exponent in [−4, 14] (the range "R" writes
/// without an exponent) take an exact integer path: v = f·2⁻ˢ; for p = 15, 16, 17 significant digits the correctly rounded
/// q = round(f·10ᵏ / 2ˢ) (k = p − 1 − e₁₀) is computed in 128-bit integers, and it reads back as v exactly when
/// |q·2ˢ − f·10ᵏ| &lt; 10ᵏ/2 (within half a unit in the last place of v); the first p that reads back gives the shortest digits, as
/// any shorter decimal that reads back is this one with its trailing zeros (the p-digit grid is coarser than the doubles). Every
/// case outside that (another range, a power of two — its lower gap is half the upper —, an exact tie, no p ≤ 17 found) is
/// formatted by .NET itself. Checked against <c>ToString("R")</c> on random and edge values (test <c>ShortestNumberTests</c>).
/// </summary>
internal static class ShortestNumber
{
    /// <summary>Longest text written (.NET's "R" of a double: sign, 17 digits, point, exponent).</summary>
    public const int MaxLength = 32;

    private static readonly UInt128[] PowersOfTen = BuildPowers();

    /// <summary>Writes the text of <paramref name="value"/> and returns its length (at most <see cref="MaxLength"/>).</summary>
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
        int s = 1075 - exponent;          // value = f · 2^−s; s ≥ 3 for value < 1e15, s ≤ 66 for value ≥ 1e−4
        if (s < 1 || s > 70)
        {
            return false;
        }

        // The exact decade 10^e10 ≤ value < 10^(e10+1): the truncated 17-digit scaling ⌊value·10^(16−e10)⌋ must have 17 digits.
        int e10 = (int)Math.Floor(Math.Log10(value));
        for (int attempt = 0; ; attempt++)
        {
            int k = 16 - e10;
            if (attempt == 3 || k < 0 || k >= PowersOfTen.Length)
            {
                return false;
            }

            UInt128 truncated = ((UInt128)f * PowersOfTen[k]) >> s;
            if (truncated < PowersOfTen[16])
            {
                e10--;
            }
            else if (truncated >= PowersOfTen[17])
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

        UInt128 q;
        int p = 15;
        while (true)
        {
            int k = p - 1 - e10;
            var power = PowersOfTen[k];
            UInt128 n = (UInt128)f * power;
            q = n >> s;
            UInt128 remainder = n - (q << s);
            UInt128 half = (UInt128)1 << (s - 1);
            if (remainder == half)
            {
                return false;   // an exact tie: leave the rounding rule to .NET
            }

            if (remainder > half)
            {
                q++;
            }

            UInt128 scaled = q << s;
            UInt128 difference = scaled > n ? scaled - n : n - scaled;
            UInt128 twice = difference << 1;
            if (twice < power)
            {
                break;          // q · 10^−k reads back as value
            }

            if (twice == power || p == 17)
            {
                return false;
            }

            p++;
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
        Span<byte> digits = stackalloc byte[17];
        ulong rest = (ulong)q;
        for (int i = p - 1; i >= 0; i--)
        {
            digits[i] = (byte)('0' + (int)(rest % 10));
            rest /= 10;
        }

        int count = p;
        while (count > 1 && digits[count - 1] == (byte)'0')
        {
            count--;
        }

        int at = 0;
        if (e10 >= 0)
        {
            int whole = e10 + 1;
            for (int i = 0; i < whole; i++)
            {
                destination[at++] = i < count ? digits[i] : (byte)'0';
            }

            if (count > whole)
            {
                destination[at++] = (byte)'.';
                digits[whole..count].CopyTo(destination[at..]);
                at += count - whole;
            }
        }
        else
        {
            destination[at++] = (byte)'0';
            destination[at++] = (byte)'.';
            for (int i = 0; i < -e10 - 1; i++)
            {
                destination[at++] = (byte)'0';
            }

            digits[..count].CopyTo(destination[at..]);
            at += count;
        }

        length = at;
        return true;
    }

    private static UInt128[] BuildPowers()
    {
        var powers = new UInt128[22];
        powers[0] = 1;
        for (int i = 1; i < powers.Length; i++)
        {
            powers[i] = powers[i - 1] * 10;
        }

        return powers;
    }
}
