using System.Globalization;
using System.Text;
using TrustMetrics.Cli.Output;

namespace TrustMetrics.Cli.Tests.Output;

/// <summary>
/// <see cref="ShortestNumber"/> against its reference, .NET's <c>double.ToString("R", InvariantCulture)</c> (shortest round-trip
/// since .NET Core 3.0) with ±0 written <c>0</c> (<see cref="Formatting.CsvNumber"/>): the same bytes on every value, through the
/// integer path or not, and every text reads back as the same double.
/// </summary>
public class ShortestNumberTests
{
    private static void Same(double value)
    {
        Span<byte> buffer = stackalloc byte[ShortestNumber.MaxLength];
        int n = ShortestNumber.Write(value, buffer);
        string text = Encoding.UTF8.GetString(buffer[..n]);
        Assert.Equal(Formatting.CsvNumber(value), text);
        // Reads back exactly (the integer path's claim; outside its range the text is .NET's own, checked above — .NET's "R" of a
        // few powers of two near 1e−289 reads back one unit in the last place off, which is not this code's to change).
        if (Math.Abs(value) >= 1e-4 && Math.Abs(value) < 1e15)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(value + 0.0), BitConverter.DoubleToInt64Bits(double.Parse(text, CultureInfo.InvariantCulture) + 0.0));
        }
    }

    [Fact]
    public void Random_values_of_every_magnitude_are_written_as_ToString_R()
    {
        var random = new Random(20261206);
        for (int i = 0; i < 200_000; i++)
        {
            // Log-uniform over 1e−7 … 1e17 (both sides of the integer path's range), random mantissa bits.
            double value = Math.Pow(10, (random.NextDouble() * 24) - 7);
            Same(value);
            Same(-value);
            Same(BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(value) + 1));
        }
    }

    [Fact]
    public void Short_decimals_powers_and_edges_are_written_as_ToString_R()
    {
        var random = new Random(7);
        for (int i = 0; i < 100_000; i++)
        {
            // Decimals with few digits (the shortest text is shorter than 15 digits) and their neighbours.
            double value = random.Next(1, 1_000_000) / Math.Pow(10, random.Next(0, 12));
            Same(value);
            Same(Math.BitIncrement(value));
            Same(Math.BitDecrement(value));
        }

        for (int e = -1074; e <= 1023; e++)
        {
            Same(Math.ScaleB(1, e));
            Same(Math.BitIncrement(Math.ScaleB(1, e)));
            Same(Math.BitDecrement(Math.ScaleB(1, e)));
        }

        for (int e = -10; e <= 20; e++)
        {
            double power = Math.Pow(10, e);
            Same(power);
            Same(Math.BitIncrement(power));
            Same(Math.BitDecrement(power));
        }

        foreach (double value in new[] { 0.0, -0.0, 1.0, -1.0, 0.1, 0.2, 0.3, 1.0 / 3, 2.0 / 3, 0.1 + 0.2, 1e-4, 9.999999999999999e-5, 1e15, 999999999999999.9,
            double.Epsilon, double.MaxValue, double.MinValue, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 5e-324, 0.20749823871251585 })
        {
            Same(value);
        }
    }

    [Fact]
    public void Integers_are_written_as_long_ToString()
    {
        // Reference: long.ToString(InvariantCulture), on every power of ten and its neighbours, both signs, and random magnitudes.
        var values = new List<long> { 0, long.MaxValue, long.MinValue, long.MinValue + 1 };
        for (long power = 1; power <= long.MaxValue / 10; power *= 10)
        {
            values.AddRange([power - 1, power, power + 1, -power, 10 * power - 1]);
        }

        var random = new Random(17);
        for (int i = 0; i < 100_000; i++)
        {
            values.Add(random.NextInt64() >> random.Next(0, 63));
        }

        Span<byte> buffer = stackalloc byte[ShortestNumber.MaxLength];
        foreach (long value in values)
        {
            int n = ShortestNumber.WriteInteger(value, buffer);
            Assert.Equal(value.ToString(CultureInfo.InvariantCulture), Encoding.UTF8.GetString(buffer[..n]));
        }
    }
}
