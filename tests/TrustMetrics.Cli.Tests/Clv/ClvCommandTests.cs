using System.Globalization;

namespace TrustMetrics.Cli.Tests.Clv;

/// <summary>
/// <c>trustmetrics clv</c> against the references of ltv-churn.md (§1 lifetimes test_utils vectors, §3 BG/NBD CDNOW R-here fit,
/// §7 Gamma–Gamma R-here fit) and the error contract (file, line, column, value; exit code 2).
/// </summary>
public sealed class ClvCommandTests : IDisposable
{
    private static readonly string Cdnow = Path.Combine(AppContext.BaseDirectory, "Data", "cdnow_customers_summary.csv");
    private static readonly string CdnowSpend = Path.Combine(AppContext.BaseDirectory, "Data", "cdnow_customers_summary_with_transactions.csv");
    private readonly CliRunner cli = new();

    public void Dispose() => cli.Dispose();

    [Fact]
    public void Fit_bgnbd_json_has_the_contract_fields_with_cdnow_values()
    {
        var run = CliRunner.Invoke("clv", "fit", "--input", Cdnow, "--model", "bgnbd", "--format", "json");
        Assert.Equal(0, run.ExitCode);
        var json = run.Json();
        Assert.Equal("bgnbd", json.GetProperty("model").GetString());
        Assert.Equal(2357, json.GetProperty("n").GetInt64());
        var p = json.GetProperty("parameters");
        // R-here 0.242592863, 4.413530438, 0.7928854937, 2.425752092; LL −9582.42556057; SE 0.0125573158 …
        Assert.Equal(0.242592863, p.GetProperty("r").GetDouble(), 5);
        Assert.Equal(4.413530438, p.GetProperty("alpha").GetDouble(), 4);
        Assert.Equal(0.7928854937, p.GetProperty("a").GetDouble(), 5);
        Assert.Equal(2.425752092, p.GetProperty("b").GetDouble(), 4);
        Assert.Equal(0.0125573158, json.GetProperty("standardErrors").GetProperty("r").GetDouble(), 5);
        Assert.Equal(-9582.42556057, json.GetProperty("logLikelihood").GetDouble(), 3);
        Assert.True(json.GetProperty("converged").GetBoolean());
        Assert.True(json.GetProperty("iterations").GetInt32() > 0);
    }

    [Fact]
    public void Fit_gammagamma_skips_one_time_buyers_and_reports_them()
    {
        var run = CliRunner.Invoke("clv", "fit", "--input", CdnowSpend, "--model", "gammagamma", "--format", "json",
            "--frequency-column", "x", "--recency-column", "t_x", "--monetary-column", "zbar");
        Assert.Equal(0, run.ExitCode);
        var json = run.Json();
        Assert.Equal(946, json.GetProperty("n").GetInt64());
        Assert.Equal(1411, json.GetProperty("skipped").GetInt64());
        var p = json.GetProperty("parameters");
        // R-here 6.248795206, 3.744589333, 15.44777208; LL −4055.9232435.
        Assert.Equal(6.2488, p.GetProperty("p").GetDouble(), 3);
        Assert.Equal(3.7446, p.GetProperty("q").GetDouble(), 3);
        Assert.Equal(15.4478, p.GetProperty("gamma").GetDouble(), 3);
        Assert.Equal(-4055.9232435, json.GetProperty("logLikelihood").GetDouble(), 3);
    }

    [Fact]
    public void Summarize_matches_lifetimes_monetary_example()
    {
        // LT-test test_summary_date_from_transaction_with_monetary_values (rows shuffled): end 2015-02-07, days.
        string tx = cli.File("tx.csv", "id,date,spent\n6,2015-02-02,5\n1,2015-01-01,1\n3,2015-01-05,5\n1,2015-02-06,2\n2,2015-01-01,2\n3,2015-01-01,3\n3,2015-01-02,1\n"
            + "4,2015-01-16,6\n4,2015-02-02,3\n4,2015-02-05,3\n5,2015-01-16,3\n5,2015-01-17,1\n5,2015-01-18,8\n");
        string output = cli.PathOf("summary.csv");
        var run = CliRunner.Invoke("clv", "summarize", "--input", tx, "--customer", "id", "--date", "date", "--amount", "spent", "--end", "2015-02-07", "--output", output);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            "customer_id,frequency,recency,T,monetary_value\n1,1,36,37,2\n2,0,0,37,0\n3,2,4,37,3\n4,2,20,22,3\n5,2,2,22,4.5\n6,0,0,5,0\n",
            File.ReadAllText(output));
    }

    [Fact]
    public void Predict_writes_expected_purchases_and_p_alive_per_customer()
    {
        string output = cli.PathOf("pred.csv");
        var run = CliRunner.Invoke("clv", "predict", "--input", Cdnow, "--model", "bgnbd", "--horizon", "39", "--output", output);
        Assert.Equal(0, run.ExitCode);
        var lines = File.ReadAllLines(output);
        Assert.Equal("customer_id,expected_purchases,p_alive", lines[0]);
        Assert.Equal(2358, lines.Length);
        var first = lines[1].Split(',');
        // Customer 1 = (2, 30.43, 38.86): E[Y(39)] R-here 1.225910704; P(alive) R-here 0.7266092367.
        Assert.Equal(1.225910704, double.Parse(first[1], CultureInfo.InvariantCulture), 5);
        Assert.Equal(0.7266092367, double.Parse(first[2], CultureInfo.InvariantCulture), 5);
    }

    [Fact]
    public void Predict_with_monetary_values_adds_spend_and_clv()
    {
        var run = CliRunner.Invoke("clv", "predict", "--input", CdnowSpend, "--horizon", "39", "--frequency-column", "x", "--recency-column", "t_x",
            "--monetary-column", "zbar", "--unit", "week", "--discount", "0.01", "--months", "12");
        Assert.Equal(0, run.ExitCode);
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("customer_id,expected_purchases,p_alive,expected_spend,clv", lines[0]);
        var first = lines[1].Split(',');
        // ltv-churn.md §7: E[M] of customer 1 = 24.65861944 (R-here); CLV with 4.345 weeks/month = 36.27850952 (R-here).
        Assert.Equal(24.65861944, double.Parse(first[3], CultureInfo.InvariantCulture), 4);
        Assert.InRange(double.Parse(first[4], CultureInfo.InvariantCulture), 36.27850952 - 1e-4, 36.27850952 + 1e-4);
    }

    [Theory]
    [InlineData("customer_id,frequency,recency,T\na,1,5,4\n", "line 2, column 'recency': '5' exceeds T = 4")]
    [InlineData("customer_id,frequency,recency,T\na,1,2,4\nb,-1,0,4\n", "line 3, column 'frequency': '-1' is not a whole number ≥ 0")]
    [InlineData("customer_id,frequency,recency,T\na,1,x2,4\n", "line 2, column 'recency': 'x2' is not a finite number")]
    [InlineData("customer_id,frequency,recency,T\n", "no customers")]
    [InlineData("", "line 1: malformed header")] // CsvTable's wording for an empty file (shared with the nps command)
    public void Bad_summary_input_exits_2_naming_file_line_column_and_value(string content, string message)
    {
        string file = cli.File("bad.csv", content);
        var run = CliRunner.Invoke("clv", "fit", "--input", file, "--model", "bgnbd", "--format", "json");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(file, run.Error, StringComparison.Ordinal);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Output);
    }

    [Fact]
    public void Bad_transaction_date_exits_2()
    {
        string tx = cli.File("tx.csv", "id,date\n1,2015-01-01\n1,yesterday\n");
        var run = CliRunner.Invoke("clv", "summarize", "--input", tx, "--customer", "id", "--date", "date");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("line 3, column 'date': 'yesterday' is not an ISO 8601 date", run.Error, StringComparison.Ordinal);
    }
}
