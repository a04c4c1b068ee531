namespace TrustMetrics.Cli.Tests.Clv;

/// <summary>
/// <c>trustmetrics clv segment</c> on the CDNOW summary (lifetimes' copy, weeks): the JSON contract and the numpy reference of
/// the core tests (TrustMetrics.Tests Clv/Data/value_segments_reference.txt; RFM counts do not depend on the fit).
/// </summary>
public sealed class ClvSegmentCommandTests : IDisposable
{
    private readonly CliRunner cli = new();

    public void Dispose() => cli.Dispose();

    private string Summary()
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Data", "cdnow_customers_summary_with_transactions.csv"));
        lines[0] = "customer_id,frequency,recency,T,monetary_value";
        return cli.File("summary.csv", string.Join('\n', lines) + "\n");
    }

    [Fact]
    public void Json_has_the_contract_fields_and_the_numpy_counts()
    {
        var run = CliRunner.Invoke("clv", "segment", "--input", Summary(), "--format", "json");
        Assert.Equal(0, run.ExitCode);
        var json = run.Json();
        var customers = json.GetProperty("customers");
        Assert.Equal(2357, customers.GetArrayLength());
        var first = customers[0];
        Assert.Equal("1", first.GetProperty("customer_id").GetString());
        Assert.Equal("544", first.GetProperty("rfm").GetString());          // numpy: 544 champions
        Assert.Equal("champions", first.GetProperty("segment").GetString());
        Assert.Equal("other", first.GetProperty("tier").GetString());
        Assert.Equal(36.27850952, first.GetProperty("clv").GetDouble(), 4);  // R-here (ltv-churn.md §7, freq "W"), CLI refit within 1e-5
        Assert.Equal(0.7266092367, first.GetProperty("pAlive").GetDouble(), 5); // R-here P(alive) of customer 1
        var segments = json.GetProperty("segments").EnumerateArray().ToDictionary(s => s.GetProperty("segment").GetString()!);
        Assert.Equal(335, segments["champions"].GetProperty("customers").GetInt64());   // numpy
        Assert.Equal(458, segments["lost"].GetProperty("customers").GetInt64());        // numpy
        Assert.Equal(236, segments["vip"].GetProperty("customers").GetInt64());         // numpy at R-here parameters
        Assert.Equal(131.2128749735953, segments["champions"].GetProperty("meanClv").GetDouble(), 3);
        Assert.True(segments["champions"].GetProperty("lower").GetDouble() < segments["champions"].GetProperty("upper").GetDouble());
    }

    [Fact]
    public void Csv_and_bad_options()
    {
        string path = Summary();
        var csv = CliRunner.Invoke("clv", "segment", "--input", path, "--format", "csv", "--vip", "0.2");
        Assert.Equal(0, csv.ExitCode);
        Assert.StartsWith("customer_id,rfm,segment,tier,clv,p_alive\n1,544,champions,", csv.Output.Replace("\r", "", StringComparison.Ordinal), StringComparison.Ordinal);
        var bad = CliRunner.Invoke("clv", "segment", "--input", path, "--vip", "1.5");
        Assert.Equal(1, bad.ExitCode); // --vip outside (0, 1]: a bad command line
        Assert.Contains("vip", bad.Error);
    }
}
