using TrustMetrics.Cli.Clv;
using TrustMetrics.Clv;

namespace TrustMetrics.Cli.Tests.Clv;

/// <summary>
/// <c>clv fit</c>'s byte-level summary reader (issue 14 item 5) must give exactly the rows of the general reader
/// (CsvTable + Numbers, the reference: double.Parse of each cell), and hand every file it does not fully understand back to it
/// (null), so errors and unusual files keep the general reader's behaviour.
/// </summary>
public sealed class SummaryFastReaderTests : IDisposable
{
    private static readonly string Cdnow = Path.Combine(AppContext.BaseDirectory, "Data", "cdnow_customers_summary.csv");
    private static readonly ClvInput.Columns Names = new("customer_id", "frequency", "recency", "T", "monetary_value");
    private readonly CliRunner cli = new();

    public void Dispose() => cli.Dispose();

    [Fact]
    public void Cdnow_summary_reads_to_the_general_readers_rows()
    {
        var fast = SummaryFastReader.TryRead(Cdnow, Names);
        Assert.NotNull(fast);
        AssertSame(ClvInput.ReadCompressed(Cdnow, Names), fast);
        Assert.Equal(2357, fast.CustomerCount);
    }

    [Theory]
    [InlineData("customer_id,frequency,recency,T\n1,2,15.196539,28.385272\n2,0,0.000000,35.752925\n3,2,15.196539,28.385272\n4,1,0.1,0.3\n")]
    [InlineData("customer_id,frequency,recency,T\r\n1,2,15.196539,28.385272\r\n2,0,0,35.752925\r\n")] // CRLF, no final line break issue
    [InlineData("customer_id,frequency,recency,T\n1,2,15.5,28\n2,0,0,35")] // no final line break
    [InlineData("frequency,T,recency,extra\n2,28.25,15.5,abc\n0,35,0,x\n2.0,28.25,15.5,y\n")] // other column order, x written 2.0
    [InlineData("customer_id,frequency,recency,T\n1,3,0.12345678901234,0.99999999999999\n2,1,0.000001,1e0\n")] // 14 digits; 1e0 → general
    public void Simple_files_read_as_the_general_reader_reads_them(string content)
    {
        string file = cli.File("summary.csv", content);
        var general = ClvInput.ReadCompressed(file, Names);
        var fast = SummaryFastReader.TryRead(file, Names);
        if (content.Contains("1e0", StringComparison.Ordinal))
        {
            Assert.Null(fast);
            return;
        }

        Assert.NotNull(fast);
        AssertSame(general, fast);
        var fixedPoint = SummaryFastReader.TryRead(file, Names, fixedPoint: true, decimals: false);
        Assert.NotNull(fixedPoint);
        AssertSame(general, fixedPoint);
    }

    [Theory]
    [InlineData(39, 60, true)] // the peers' shape: T < 39 weeks, six decimals; the first layout (27 bits per time) holds it
    [InlineData(400, 60, true)] // T passes 134.2 in the second 2 MB chunk: the keys read so far are re-packed to 29 bits
    [InlineData(400, 70_000, false)] // x needs 17 bits and two times 2 × 29: no 64-bit key, the decimal path reads it
    [InlineData(5000, 3, false)] // T needs 33 bits: the decimal path reads it
    public void Large_six_decimal_files_read_as_the_general_reader(double laterMaxT, int laterMaxX, bool packed)
    {
        // 120,000 customers (≈ 3.3 MB: two chunks, each cut in two halves parsed on both cores) drawn at random; a customer in 500
        // appears twice. The first 80,000 have T < 39 and x < 60, the rest reach laterMaxT and laterMaxX.
        var random = new Random(31);
        var text = new System.Text.StringBuilder("customer_id,frequency,recency,T\n");
        for (int i = 0; i < 120_000; i++)
        {
            bool later = i >= 80_000;
            long t = (long)(random.NextDouble() * (later ? laterMaxT : 39) * 1e6);
            int x = random.Next(4) == 0 ? 0 : random.Next(1, later ? laterMaxX : 60);
            long tx = x == 0 ? 0 : (long)(random.NextDouble() * t);
            string line = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{i},{x},{tx / 1_000_000}.{tx % 1_000_000:D6},{t / 1_000_000}.{t % 1_000_000:D6}\n");
            text.Append(line);
            if (i % 500 == 0)
            {
                text.Append(line);
            }
        }

        string file = cli.File("large.csv", text.ToString());
        var general = ClvInput.ReadCompressed(file, Names);
        var fixedPoint = SummaryFastReader.TryRead(file, Names, fixedPoint: true, decimals: false);
        Assert.Equal(packed, fixedPoint is not null);
        if (fixedPoint is not null)
        {
            AssertSame(general, fixedPoint);
        }

        var fast = SummaryFastReader.TryRead(file, Names);
        Assert.NotNull(fast);
        AssertSame(general, fast);
        Assert.True(general.RowCount < general.CustomerCount);
    }

    [Fact]
    public void A_seventh_decimal_leaves_the_fixed_point_path_to_the_decimal_path()
    {
        string file = cli.File("seven.csv", "customer_id,frequency,recency,T\n1,2,15.196539,28.385272\n2,1,0.1234567,3\n");
        Assert.Null(SummaryFastReader.TryRead(file, Names, fixedPoint: true, decimals: false));
        var fast = SummaryFastReader.TryRead(file, Names);
        Assert.NotNull(fast);
        AssertSame(ClvInput.ReadCompressed(file, Names), fast);
    }

    [Fact]
    public void A_byte_order_mark_is_skipped()
    {
        string file = cli.File("bom.csv", "customer_id,frequency,recency,T\n1,2,15.5,28\n", bom: true);
        var fast = SummaryFastReader.TryRead(file, Names);
        Assert.NotNull(fast);
        AssertSame(ClvInput.ReadCompressed(file, Names), fast);
    }

    [Theory]
    [InlineData("customer_id,frequency,recency,T\n\"1,a\",2,15.5,28\n")] // quoted id
    [InlineData("customer_id,frequency,recency,T\n1,2,15.5,28\n\n2,0,0,3\n")] // blank line inside
    [InlineData("customer_id;frequency;recency;T\n1;2;15.5;28\n")] // semicolons
    [InlineData("customer_id,frequency,recency,T\n1,2,-15.5,28\n")] // sign: the general reader's error
    [InlineData("customer_id,frequency,recency,T\n1,2,30,28\n")] // recency > T: the general reader's error
    [InlineData("customer_id,frequency,recency,T\n1,0,3,28\n")] // x = 0 with recency: the general reader's error
    [InlineData("customer_id,frequency,recency,T\n1,2.5,3,28\n")] // fractional x: the general reader's error
    [InlineData("customer_id,frequency,recency,T\n1,2,3\n")] // short row
    [InlineData("customer_id,frequency,recency,T\n1,2,3,28,9\n")] // long row
    [InlineData("customer_id,frequency,recency,T\n1,2, 3,28\n")] // a space
    [InlineData("customer_id,frequency,recency,T\n1,2,3.,28\n")] // "3."
    [InlineData("customer_id,frequency,recency,T\n1,2,1234567890.1234567,28e9\n")] // 17 digits
    [InlineData("customer_id,frequency,recency,T\n")] // no customers
    public void Anything_unusual_goes_to_the_general_reader(string content)
    {
        string file = cli.File("unusual.csv", content);
        Assert.Null(SummaryFastReader.TryRead(file, Names));
    }

    private static void AssertSame(CompressedHistories expected, CompressedHistories actual)
    {
        Assert.Equal(expected.Frequency.ToArray(), actual.Frequency.ToArray());
        Assert.Equal(expected.Recency.ToArray(), actual.Recency.ToArray());
        Assert.Equal(expected.T.ToArray(), actual.T.ToArray());
        Assert.Equal(expected.Counts.ToArray(), actual.Counts.ToArray());
    }
}
