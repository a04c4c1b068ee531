using System.Globalization;
using System.Text;
using TrustMetrics.Cli.Clv;
using TrustMetrics.Cli.Input;
using TrustMetrics.Clv;

namespace TrustMetrics.Cli.Tests.Clv;

/// <summary>
/// <c>clv summarize</c>'s byte-level transaction reader (issue 17 item 5) must give exactly the summary of the general reader
/// (CsvTable + Dates + the number rule, the reference: the same command with the fast path off), and hand every file it does not
/// fully understand back to it, so unusual files and errors keep the general reader's behaviour.
/// </summary>
public sealed class TransactionFastReaderTests : IDisposable
{
    private readonly CliRunner cli = new();

    public void Dispose() => cli.Dispose();

    [Theory]
    [InlineData(1, "day", 1.0, null)]
    [InlineData(2, "day", 7.0, null)]
    [InlineData(3, "week", 1.0, null)]
    [InlineData(4, "month", 1.0, null)]
    [InlineData(5, "day", 1.0, "2025-06-30")] // an end before the last transactions: later rows are dropped
    public void Generated_files_summarize_as_the_general_reader(int seed, string unit, double multiplier, string? end)
    {
        string file = cli.File($"tx{seed}.csv", Generated(seed, sorted: seed % 2 == 0, crlf: seed == 3));
        var timeUnit = unit switch { "week" => ClvTimeUnit.Week, "month" => ClvTimeUnit.Month, _ => ClvTimeUnit.Day };
        Assert.True(TakesFastPath(file, "amount"));
        foreach (string? amount in new[] { "amount", null })
        {
            string fast = Summarize(file, amount, end, timeUnit, multiplier, fastPath: true);
            string general = Summarize(file, amount, end, timeUnit, multiplier, fastPath: false);
            Assert.Equal(general, fast);
            Assert.Equal(general, Summarize(file, amount, end, timeUnit, multiplier, fastPath: true, allOutOfOrder: true));
        }
    }

    [Fact]
    public void Byte_order_mark_yyyymmdd_dates_and_extra_columns_take_the_fast_path()
    {
        string file = cli.File("bom.csv", "note,customer_id,date,amount\nx,a,20260105,10\ny,b,2026-01-06,0.1\nz y,a,2026-01-05,0.2\n,a,20260301,3.14159265358979\n", bom: true);
        Assert.True(TakesFastPath(file, "amount"));
        Assert.Equal(Summarize(file, "amount", null, ClvTimeUnit.Day, 1, fastPath: false), Summarize(file, "amount", null, ClvTimeUnit.Day, 1, fastPath: true));
    }

    [Theory]
    [InlineData("customer_id,date,amount\n\"a\",2026-01-05,1\n")] // quotes
    [InlineData("customer_id;date;amount\na;2026-01-05;1\nb;2026-01-06;2\n")] // another delimiter
    [InlineData("customer_id,date,amount\na,2026-01-05T10:00:00,1\n")] // a date-time
    [InlineData("customer_id,date,amount\na,2026-02-30,1\n")] // an impossible day: the general reader's error
    [InlineData("customer_id,date,amount\na,03/02/2026,1\n")] // ambiguous day/month: the general reader's error
    [InlineData("customer_id,date,amount\na,2026-01-05,1e1\n")] // an exponent
    [InlineData("customer_id,date,amount\na,2026-01-05,-1\n")] // a sign
    [InlineData("customer_id,date,amount\na,2026-01-05,4,5\n")] // a decimal comma: ragged row
    [InlineData("customer_id,date,amount\n a,2026-01-05,1\n")] // a space the general reader trims
    [InlineData("customer_id,date,amount\nä,2026-01-05,1\n")] // a non-ASCII id
    [InlineData("customer_id,date,amount\na,2026-01-05,1\n\nb,2026-01-06,2\n")] // a blank line
    [InlineData("customer_id,date,amount\n,2026-01-05,1\n")] // an empty id: the general reader's error
    [InlineData("customer_id,date,amount\n")] // no transactions: the general reader's error
    public void Unusual_files_decline_to_the_general_reader(string content)
    {
        string file = cli.File("odd.csv", content);
        Assert.False(TakesFastPath(file, "amount"));
        string Outcome(bool fastPath)
        {
            try
            {
                return Summarize(file, "amount", null, ClvTimeUnit.Day, 1, fastPath);
            }
            catch (InputException e)
            {
                return "error: " + e.Message;
            }
        }

        Assert.Equal(Outcome(false), Outcome(true));
    }

    [Fact]
    public void A_date_format_option_declines()
    {
        string file = cli.File("fmt.csv", "customer_id,date,amount\na,2026-01-05,1\n");
        using (new InputSettings(dateFormat: "dd/MM/yyyy").Use())
        {
            Assert.Null(TransactionFastReader.Open(SurveySource.FromFile(file), "customer_id", "date", "amount"));
        }

        Assert.NotNull(TransactionFastReader.Open(SurveySource.FromFile(file), "customer_id", "date", "amount"));
    }

    [Fact]
    public void A_file_larger_than_one_chunk_is_read_in_both_halves_and_across_chunks()
    {
        // Over 2 MB: two chunks, each parsed in two halves on both cores.
        string file = cli.File("big.csv", Generated(7, sorted: false, crlf: false, customers: 20_000, rows: 100_000));
        Assert.True(new FileInfo(file).Length > 2 << 20);
        Assert.True(TakesFastPath(file, "amount"));
        Assert.Equal(Summarize(file, "amount", null, ClvTimeUnit.Week, 1, fastPath: false), Summarize(file, "amount", null, ClvTimeUnit.Week, 1, fastPath: true));
    }

    private static bool TakesFastPath(string file, string? amount)
    {
        try
        {
            var reader = TransactionFastReader.Open(SurveySource.FromFile(file), "customer_id", "date", amount);
            return reader is not null && reader.Read((_, _, _) => { });
        }
        catch (InputException)
        {
            return false;
        }
    }

    private static string Summarize(string file, string? amount, string? end, ClvTimeUnit unit, double multiplier, bool fastPath, bool allOutOfOrder = false)
    {
        var output = new StringWriter();
        SummaryWriter.Run(new CliContext(output, new StringWriter(), false), null, file, "customer_id", "date", amount, end, unit, multiplier, allOutOfOrder, fastPath);
        return output.ToString();
    }

    /// <summary>
    /// Transactions with one-purchase customers, several purchases on one day (ties), amounts with up to 15 significant digits and
    /// long ids; shuffled (out of date order for some customers) unless <paramref name="sorted"/>.
    /// </summary>
    private static string Generated(int seed, bool sorted, bool crlf, int customers = 300, int rows = 2000)
    {
        var random = new Random(seed);
        var lines = new List<(int Day, string Line)>();
        var start = new DateOnly(2024, 11, 20);
        for (int i = 0; i < rows; i++)
        {
            int customer = i < customers ? i : random.Next(customers);
            string id = customer % 5 == 0 ? $"customer-{customer:D6}-long-id" : $"c{customer}";
            int day = random.Next(600);
            string amount = (random.Next(4)) switch
            {
                0 => random.Next(100).ToString(CultureInfo.InvariantCulture),
                1 => (random.Next(1_000_000) / 100.0).ToString("0.00", CultureInfo.InvariantCulture),
                2 => "0." + random.NextInt64(100_000_000_000_000, 999_999_999_999_999).ToString(CultureInfo.InvariantCulture),
                _ => (random.NextDouble() * 1000).ToString("0.000000000000", CultureInfo.InvariantCulture),
            };
            string date = start.AddDays(day).ToString(random.Next(10) == 0 ? "yyyyMMdd" : "yyyy-MM-dd", CultureInfo.InvariantCulture);
            lines.Add((day, $"{id},{date},{amount}"));
            if (random.Next(6) == 0)
            {
                lines.Add((day, $"{id},{date},{amount}1")); // a second purchase the same day
            }
        }

        if (sorted)
        {
            lines = [.. lines.OrderBy(l => l.Day)];
        }

        string newline = crlf ? "\r\n" : "\n";
        var text = new StringBuilder("customer_id,date,amount").Append(newline);
        foreach (var (_, line) in lines)
        {
            text.Append(line).Append(newline);
        }

        return text.ToString();
    }
}
