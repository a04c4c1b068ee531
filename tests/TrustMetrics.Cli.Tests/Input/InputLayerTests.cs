using Parquet;
using Parquet.Schema;

namespace TrustMetrics.Cli.Tests.Input;

/// <summary>The one input layer: delimiters (detected or given), headerless files, Parquet, the date and number rules.</summary>
public sealed class InputLayerTests : IDisposable
{
    private readonly CliRunner cli = new();

    public void Dispose() => cli.Dispose();

    private static int Responses(CliRunner.Run run)
    {
        Assert.True(run.ExitCode == 0, run.Error);
        return run.Json().GetProperty("n").GetInt32();
    }

    [Theory]
    [InlineData("nps,seg\n9,a\n3,b\n10,a\n")]
    [InlineData("nps;seg\n9;a\n3;b\n10;a\n")]
    [InlineData("nps\tseg\n9\ta\n3\tb\n10\ta\n")]
    [InlineData("  nps   seg\r\n 9  a\r\n 3 b\r\n10   a\r\n")]
    public void Delimiter_is_detected(string text)
    {
        string input = cli.File("s.csv", text);
        Assert.Equal(3, Responses(CliRunner.Invoke("nps", "--input", input, "--column", "nps", "--group", "seg", "--format", "json")));
    }

    [Theory]
    [InlineData("comma", "nps,seg\n9,a\n3,b\n")]
    [InlineData("semicolon", "nps;seg\n9;a\n3;b\n")]
    [InlineData("tab", "nps\tseg\n9\ta\n3\tb\n")]
    [InlineData("whitespace", "nps seg\n9 a\n3     b\n")]
    public void Delimiter_can_be_given(string delimiter, string text)
    {
        string input = cli.File("s.csv", text);
        Assert.Equal(2, Responses(CliRunner.Invoke("nps", "--input", input, "--column", "nps", "--delimiter", delimiter, "--format", "json")));
    }

    [Fact]
    public void Headerless_file_is_named_by_columns()
    {
        string input = cli.File("s.txt", "9 a\n3 b\n10 a\n");
        Assert.Equal(3, Responses(CliRunner.Invoke("nps", "--input", input, "--no-header", "--columns", "score,seg", "--column", "score", "--format", "json")));

        var wrongCount = CliRunner.Invoke("nps", "--input", input, "--no-header", "--columns", "score,seg,extra", "--column", "score");
        Assert.Equal(2, wrongCount.ExitCode);
        Assert.Contains("line 1", wrongCount.Error, StringComparison.Ordinal);
        Assert.Contains("--columns", wrongCount.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--no-header")]
    [InlineData("--columns")]
    public void No_header_and_columns_go_together(string option)
    {
        string input = cli.File("s.txt", "9 a\n");
        string[] args = option == "--columns" ? ["nps", "--input", input, "--column", "a", "--columns", "a,b"] : ["nps", "--input", input, "--column", "a", "--no-header"];
        var run = CliRunner.Invoke(args);
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parquet_file_is_read_with_the_same_options()
    {
        var id = new DataField<string>("customer_id");
        var date = new DataField<DateTime>("date");
        var amount = new DataField<double?>("amount");
        string path = cli.PathOf("tx.parquet");
        await using (var stream = File.Create(path))
        {
            await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(id, date, amount), stream);
            using var group = writer.CreateRowGroup();
            await group.WriteAsync(id, new[] { "a", "a", "b", "a" });
            await group.WriteAsync(date, new ReadOnlyMemory<DateTime>([new DateTime(2026, 1, 1), new DateTime(2026, 1, 8), new DateTime(2026, 1, 2), new DateTime(2026, 1, 15)]));
            await group.WriteAsync(amount, new ReadOnlyMemory<double?>([10, 5, 7, 0]));
        }

        var run = CliRunner.Invoke("clv", "summarize", "--input", path, "--customer", "customer_id", "--date", "date", "--amount", "amount");
        Assert.True(run.ExitCode == 0, run.Error);

        // a: first 2026-01-01, repeats on days 7 and 14 ($5, $0) → frequency 2, recency 14, T 14, mean repeat spend 2.5; b: one purchase,
        // T = 13 days (lifetimes' summary_data_from_transaction_data by hand).
        Assert.Equal("customer_id,frequency,recency,T,monetary_value\na,2,14,14,2.5\nb,0,0,13,0\n", run.Output.ReplaceLineEndings("\n"));

        var missing = CliRunner.Invoke("clv", "summarize", "--input", path, "--customer", "customer", "--date", "date");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("no column named 'customer'", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Not_a_parquet_file_is_exit_2()
    {
        string path = cli.File("broken.parquet", "customer_id,date\na,2026-01-01\n");
        var run = CliRunner.Invoke("clv", "summarize", "--input", path, "--customer", "customer_id", "--date", "date");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("broken.parquet", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-03-02")]
    [InlineData("20260302")]
    [InlineData("2026-03-02T09:30:00+09:00")]
    [InlineData("2026-03-02 23:59:59Z")]
    public void Iso_dates_are_read(string date)
    {
        string input = cli.File("tx.csv", $"id,date\n1,2026-01-01\n1,{date}\n");
        var run = CliRunner.Invoke("clv", "summarize", "--input", input, "--customer", "id", "--date", "date");
        Assert.True(run.ExitCode == 0, run.Error);

        // Calendar semantics: the date as written (60 days after 2026-01-01), whatever the offset.
        Assert.Contains("1,1,60,60", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_layouts_need_date_format()
    {
        string input = cli.File("tx.csv", "id,date\n1,01/01/2026\n1,03/02/2026\n");
        var refused = CliRunner.Invoke("clv", "summarize", "--input", input, "--customer", "id", "--date", "date");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("line 2, column 'date': '01/01/2026'", refused.Error, StringComparison.Ordinal);
        Assert.Contains("day/month order", refused.Error, StringComparison.Ordinal);

        // dd/MM/yyyy: 3 February, 33 days after 1 January; MM/dd/yyyy: 2 March, 60 days.
        Assert.Contains("1,1,33,33", CliRunner.Invoke("clv", "summarize", "--input", input, "--customer", "id", "--date", "date", "--date-format", "dd/MM/yyyy").Output, StringComparison.Ordinal);
        Assert.Contains("1,1,60,60", CliRunner.Invoke("clv", "summarize", "--input", input, "--customer", "id", "--date", "date", "--date-format", "MM/dd/yyyy").Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Decimal_comma_in_a_semicolon_file_is_refused_with_a_hint()
    {
        string input = cli.File("s.csv", "time;event\n4,5;1\n2;0\n");
        var run = CliRunner.Invoke("survival", "--input", input, "--duration", "time", "--event", "event");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("line 2, column 'time': '4,5'", run.Error, StringComparison.Ordinal);
        Assert.Contains("write 4.5", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_numbers_are_shortest_round_trip_without_negative_zero()
    {
        string input = cli.File("tx.csv", "id,date,amount\n1,2026-01-01,-0.0\n1,2026-01-02,0.1\n1,2026-01-03,0.2\n2,2026-01-01,-0\n");
        var run = CliRunner.Invoke("clv", "summarize", "--input", input, "--customer", "id", "--date", "date", "--amount", "amount");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.DoesNotContain("-0", run.Output, StringComparison.Ordinal);

        // Mean of the repeat purchases 0.1 and 0.2 in binary doubles: (0.1 + 0.2) / 2 = 0.15000000000000002, written in full.
        Assert.Contains("1,2,2,2,0.15000000000000002", run.Output, StringComparison.Ordinal);
    }
}
