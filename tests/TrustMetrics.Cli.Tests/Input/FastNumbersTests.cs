using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using TrustMetrics.Cli.Input;

// As tests/TrustMetrics.Tests/PropertyConfig.cs: a property fails once its discards reach its number of tests.
[assembly: Properties(MaxRejected = 100)]

namespace TrustMetrics.Cli.Tests.Input;

/// <summary>
/// <see cref="FastNumbers"/> against its reference, .NET's <c>double.Parse</c> (invariant culture, <c>NumberStyles.Float</c>;
/// IEEE 754 correctly rounded since .NET Core 3.0): the same double bit for bit on every text, through the fast path or not.
/// </summary>
public class FastNumbersTests
{
    private static void Same(string text)
    {
        bool expected = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double reference);
        Assert.Equal(expected, FastNumbers.TryParse(text.AsSpan(), out double chars));
        Assert.Equal(expected, FastNumbers.TryParse(Encoding.UTF8.GetBytes(text), out double bytes));
        if (expected)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(reference), BitConverter.DoubleToInt64Bits(chars));
            Assert.Equal(BitConverter.DoubleToInt64Bits(reference), BitConverter.DoubleToInt64Bits(bytes));
        }

        // The plain path, when it answers, answers the same.
        if (FastNumbers.TryPlain(Encoding.UTF8.GetBytes(text), out double plain))
        {
            Assert.True(expected);
            Assert.Equal(BitConverter.DoubleToInt64Bits(reference), BitConverter.DoubleToInt64Bits(plain));
        }
    }

    [Property]
    public void RoundTripTextOfAnyDoubleParsesToTheSameBits(double value) =>
        Same(value.ToString("R", CultureInfo.InvariantCulture));

    [Property]
    public void PlainDecimalsParseAsDoubleParse(ulong digits, byte point, bool negative)
    {
        // Up to 20 digits with the point anywhere (or none), leading zeros kept: both sides of the 15-digit fast-path limit.
        string number = digits.ToString(CultureInfo.InvariantCulture);
        int at = point % (number.Length + 2);
        string text = at == 0 ? number : at > number.Length ? "0." + number : number[..at] + (at < number.Length ? "." + number[at..] : "");
        Same((negative ? "-" : "") + text);
    }

    [Property]
    public void SixDecimalTimesAsTheBenchmarkFilesHaveThem(uint micro) =>
        Same((micro / 1e6).ToString("F6", CultureInfo.InvariantCulture));

    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("0.0")]
    [InlineData("-0.000")]
    [InlineData("1")]
    [InlineData("123456789012345")]
    [InlineData("1234567890123456")]
    [InlineData("12345678901234567890123")]
    [InlineData("0.1")]
    [InlineData("0.30000000000000004")]
    [InlineData("9007199254740993")]
    [InlineData("0.0000000000000000000001")]
    [InlineData("0.00000000000000000000001")]
    [InlineData("999999999999999")]
    [InlineData("99999999999999.9")]
    [InlineData("1e5")]
    [InlineData("1E-06")]
    [InlineData("+1.5")]
    [InlineData(" 1.5")]
    [InlineData("1.5 ")]
    [InlineData(".5")]
    [InlineData("5.")]
    [InlineData("-")]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("1.2.3")]
    [InlineData("4,5")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("1e400")]
    [InlineData("1e-400")]
    [InlineData("١٢")]
    [InlineData("12abc")]
    [InlineData("0x10")]
    public void EdgeCasesParseAsDoubleParse(string text) => Same(text);

    [Fact]
    public void PlainPathDeclinesWhatItDoesNotRead()
    {
        foreach (string text in new[] { "1e5", "+1", " 1", "1 ", ".5", "5.", "NaN", "1234567890123456", "0.00000000000000000000001", "" })
        {
            Assert.False(FastNumbers.TryPlain(Encoding.UTF8.GetBytes(text), out double value), text);
            Assert.Equal(0.0, value);
        }
    }
}
