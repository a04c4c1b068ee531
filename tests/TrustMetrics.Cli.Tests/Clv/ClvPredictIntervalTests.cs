using System.Globalization;

namespace TrustMetrics.Cli.Tests.Clv;

/// <summary>
/// <c>clv predict --interval</c> (issue 14 item 2) and the <c>clv evaluate</c> three-customer defect. The interval values are checked
/// against mpmath and the exact PMF in the core tests (TrustMetrics.Tests Clv/PredictionIntervalTests); here the CSV contract.
/// </summary>
public sealed class ClvPredictIntervalTests : IDisposable
{
    private static readonly string Cdnow = Path.Combine(AppContext.BaseDirectory, "Data", "cdnow_customers_summary.csv");
    private readonly CliRunner cli = new();

    public void Dispose() => cli.Dispose();

    [Theory]
    [InlineData("bgnbd")]
    [InlineData("mbgnbd")]
    public void Interval_columns_are_appended_and_ordered(string model)
    {
        string output = cli.PathOf("p.csv");
        var run = CliRunner.Invoke("clv", "predict", "--input", Cdnow, "--model", model, "--horizon", "39", "--interval", "0.9", "--output", output);
        Assert.Equal(0, run.ExitCode);
        var lines = File.ReadAllLines(output);
        Assert.Equal("customer_id,expected_purchases,p_alive,expected_purchases_lower,expected_purchases_upper,p_alive_lower,p_alive_upper,purchases_lower,purchases_upper", lines[0]);
        Assert.Equal(2358, lines.Length);
        foreach (var line in lines.Skip(1))
        {
            var f = line.Split(',').Skip(1).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            Assert.InRange(f[0], f[2], f[3]);                  // E[Y] inside its parameter interval
            Assert.InRange(f[1], f[4], f[5]);                  // P(alive) inside its interval
            Assert.True(f[6] <= f[7] && f[6] >= 0 && f[6] == Math.Floor(f[6]) && f[7] == Math.Floor(f[7]));
        }
    }

    [Fact]
    public void With_monetary_values_the_clv_interval_columns_equal_the_core_calculator()
    {
        string spendFile = Path.Combine(AppContext.BaseDirectory, "Data", "cdnow_customers_summary_with_transactions.csv");
        string output = cli.PathOf("v.csv");
        var run = CliRunner.Invoke("clv", "predict", "--input", spendFile, "--horizon", "39", "--frequency-column", "x", "--recency-column", "t_x",
            "--monetary-column", "zbar", "--unit", "week", "--discount", "0.01", "--months", "12", "--margin", "0.5", "--interval", "0.9", "--output", output);
        Assert.True(run.ExitCode == 0, run.Error);
        var lines = File.ReadAllLines(output);
        Assert.Equal("customer_id,expected_purchases,p_alive,expected_spend,clv,expected_purchases_lower,expected_purchases_upper,p_alive_lower,p_alive_upper,purchases_lower,purchases_upper,clv_lower,clv_upper", lines[0]);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.Equal(2357, rows.Length);

        // The same computation through the core API (the CLI only reads, fits and writes).
        var source = File.ReadAllLines(spendFile).Skip(1).Select(l => l.Split(',')).ToArray();
        var histories = source.Select(f => new TrustMetrics.Clv.PurchaseHistory(long.Parse(f[1], CultureInfo.InvariantCulture), D(f[2]), D(f[3]))).ToArray();
        var monetary = source.Select(f => D(f[4])).ToArray();
        var fit = new TrustMetrics.Clv.BgNbdFitter().Fit(TrustMetrics.Clv.CompressedHistories.From(histories));
        var spendFit = new TrustMetrics.Clv.GammaGammaFitter().Fit(TrustMetrics.Clv.CompressedSpend.From(histories.Select((h, i) => (h.Frequency, monetary[i])).Where(r => r.Frequency > 0)));
        var core = new TrustMetrics.Clv.PredictionIntervalCalculator().ComputeValue(fit, spendFit, histories, monetary, 12, 0.01, TrustMetrics.Clv.CustomerLifetimeValue.WeeksPerMonth, 0.5, 0.9);
        for (int i = 0; i < rows.Length; i++)
        {
            double clv = D(rows[i][4]), lower = D(rows[i][11]), upper = D(rows[i][12]);
            Assert.Equal(core.Value[i], clv, 9);
            Assert.Equal(core.Lower[i], lower);
            Assert.Equal(core.Upper[i], upper);
            Assert.True(lower >= 0 && lower <= upper);
        }

        static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);
    }

    [Fact]
    public void A_bad_level_is_exit_1_naming_the_option()
    {
        var run = CliRunner.Invoke("clv", "predict", "--input", Cdnow, "--horizon", "39", "--interval", "1.5");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--interval", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_on_three_customers_succeeds()
    {
        // One of the files that threw ArithmeticException from Hypergeometric.ScaledTail (a ≈ 7.7e9, b + x − 1 − (a − 1) = 0).
        string path = cli.File("tx3.csv", "customer,date\nc0,2020-02-05\nc0,2020-04-13\nc0,2020-07-29\nc1,2020-02-25\nc1,2020-07-21\nc2,2020-01-28\nc2,2020-02-29\nc2,2020-11-14\n");
        var run = CliRunner.Invoke("clv", "evaluate", "--input", path, "--customer", "customer", "--date", "date", "--calibration-end", "2020-06-30",
            "--end", "2020-12-31", "--models", "bgnbd,mbgnbd,paretonbd", "--format", "json");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(3, run.Json().GetProperty("customers").GetInt32());
    }
}
