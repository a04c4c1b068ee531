using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace TrustMetrics.Cli.Input;

/// <summary>
/// The one fast numeric cell parser of the byte- and span-level readers (survival, clv summarize, clv fit's summary): a plain
/// decimal <c>[-]digits[.digits]</c> with at most 15 significant digits and at most 22 decimals is read as mantissa / 10^k — two
/// exact doubles and one correctly rounded division (Clinger 1990, "How to read floating point numbers accurately", the fast
/// path), hence exactly the double <see cref="double.Parse(string, IFormatProvider)"/> gives. Everything else (an exponent, more
/// digits, a sign <c>+</c>, spaces, <c>NaN</c>, …) is not handled here: <see cref="TryParse(ReadOnlySpan{byte}, out double)"/> hands
/// it to <see cref="double.TryParse(ReadOnlySpan{byte}, NumberStyles, IFormatProvider, out double)"/> (invariant culture,
/// <see cref="NumberStyles.Float"/>), and <see cref="TryPlain(ReadOnlySpan{byte}, out double)"/> returns false so that a fast
/// reader can give the cell to the general reader (which applies <see cref="Numbers"/>, the number rule, and reports errors).
/// </summary>
internal static class FastNumbers
{
    private const int MaxDigits = 15;

    private static readonly double[] PowersOfTen = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

    /// <summary>Bit for bit the value of <c>double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value)</c>.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out double value) =>
        TryPlain(text, out value) || double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    /// <summary>Bit for bit the value of <c>double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value)</c>.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out double value) =>
        TryPlain(text, out value) || double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    /// <summary>A plain decimal (see the class remarks) as <c>double.Parse</c> reads it; false, with 0, for any other text.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryPlain(ReadOnlySpan<byte> text, out double value) => Plain(text, out value);

    /// <summary>A plain decimal (see the class remarks) as <c>double.Parse</c> reads it; false, with 0, for any other text.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryPlain(ReadOnlySpan<char> text, out double value) => Plain(text, out value);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool Plain<T>(ReadOnlySpan<T> text, out double value)
        where T : unmanaged, IBinaryInteger<T>
    {
        value = 0;
        int i = 0;
        bool negative = false;
        if (text.Length > 0 && text[0] == T.CreateTruncating('-'))
        {
            negative = true;
            i = 1;
        }

        ulong mantissa = 0;
        int digits = 0, integerDigits = 0, decimals = 0;
        for (; i < text.Length; i++)
        {
            uint d = uint.CreateTruncating(text[i]) - '0';
            if (d > 9)
            {
                break;
            }

            mantissa = (mantissa * 10) + d;
            digits += mantissa == 0 ? 0 : 1;
            integerDigits++;
        }

        if (integerDigits == 0)
        {
            return false;
        }

        if (i < text.Length)
        {
            if (text[i] != T.CreateTruncating('.') || i + 1 == text.Length)
            {
                return false;
            }

            for (i++; i < text.Length; i++)
            {
                uint d = uint.CreateTruncating(text[i]) - '0';
                if (d > 9)
                {
                    return false;
                }

                mantissa = (mantissa * 10) + d;
                digits += mantissa == 0 ? 0 : 1;
                decimals++;
            }
        }

        // More than 15 significant digits may not fit a double exactly (and past 19 the mantissa wraps): not ours to read.
        if (digits > MaxDigits || decimals >= PowersOfTen.Length)
        {
            return false;
        }

        value = mantissa / PowersOfTen[decimals];
        if (negative)
        {
            value = -value;
        }

        return true;
    }
}
