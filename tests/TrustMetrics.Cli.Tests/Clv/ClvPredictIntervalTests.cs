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
    public void A_bad_level_is_exit_2_naming_the_option()
    {
        var run = CliRunner.Invoke("clv", "predict", "--input", Cdnow, "--horizon", "39", "--interval", "1.5");
        Assert.Equal(2, run.ExitCode);
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
