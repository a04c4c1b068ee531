namespace TrustMetrics.Cli.Tests.Churn;

public sealed class ChurnAndRetentionCommandTests : IDisposable
{
    private readonly CliRunner cli = new();

    public void Dispose() => cli.Dispose();

    private const string Customers =
        "id,start,end\n1,2025-01-05,2025-03-10\n2,2025-01-20,\n3,2025-02-01,2025-02-15\n4,2025-02-10,2025-05-01\n" +
        "5,2025-03-03,\n6,2025-03-15,2025-04-20\n7,2025-04-01,\n8,2025-04-11,2025-06-02\n";

    [Fact]
    public void Retention_reproduces_the_published_high_end_fit()
    {
        // ltv-churn.md §8: High End years 0–7 per 1,000 (Fader & Hardie 2007 via JDM/PyMC-Marketing); R-here MLE
        // α 0.6680883597, β 3.806095298, LL −1611.15814739; DERL(d = 0.10) after 7 renewals 7.529628081; DEL 5.922253624.
        var json = CliRunner.Invoke("retention", "--survivors", "1000,869,743,653,593,551,517,491", "--format", "json").Json();
        Assert.Equal("sbg", json.GetProperty("metric").GetString());
        // Fitted parameters to 1e-6 relative: the R-here optimum itself has gradients up to 7e-4 (ltv-churn.md §0).
        Relative(0.6680883597, json.GetProperty("parameters").GetProperty("alpha").GetDouble(), 1e-6);
        Relative(3.806095298, json.GetProperty("parameters").GetProperty("beta").GetDouble(), 1e-6);
        Assert.Equal(-1611.15814739, json.GetProperty("logLikelihood").GetDouble(), 5);
        Assert.True(json.GetProperty("converged").GetBoolean());
        Relative(5.922253624, json.GetProperty("discountedExpectedLifetime").GetDouble(), 1e-6);
        Relative(7.529628081, json.GetProperty("discountedExpectedResidualLifetime").GetDouble(), 1e-6);
        // α ≤ 1: the expected lifetime is infinite, written as null rather than a number.
        Assert.Equal(System.Text.Json.JsonValueKind.Null, json.GetProperty("expectedLifetime").ValueKind);
        var projection = json.GetProperty("projection").EnumerateArray().ToList();
        Assert.Equal(12, projection.Count);
        Relative(0.4604396867, projection[7].GetProperty("survival").GetDouble(), 1e-6); // year 8, R-here
    }

    private static void Relative(double expected, double actual, double tolerance) =>
        Assert.True(Math.Abs(actual - expected) <= tolerance * Math.Abs(expected), $"expected {expected} ± {tolerance:P4}, got {actual}");

    [Fact]
    public void Retention_with_no_churn_explains_itself_with_exit_code_2()
    {
        var run = CliRunner.Invoke("retention", "--survivors", "100,100,100");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--survivors", run.Error);
    }

    [Fact]
    public void Retention_rejects_a_non_numeric_element()
    {
        var run = CliRunner.Invoke("retention", "--survivors", "1000,abc,500");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("element 2 ('abc')", run.Error);
    }

    [Fact]
    public void Churn_json_has_period_rates_and_the_cohort_table()
    {
        var json = CliRunner.Invoke("churn", "-i", cli.File("c.csv", Customers), "--start", "start", "--end", "end", "--period", "month", "-f", "json").Json();
        Assert.Equal("churn", json.GetProperty("metric").GetString());
        Assert.Equal(8, json.GetProperty("customers").GetInt64());
        var periods = json.GetProperty("periods").EnumerateArray().ToList();
        Assert.Equal("2025-01-01", periods[0].GetProperty("start").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, periods[0].GetProperty("rate").ValueKind); // no starting base
        // March: 3 at start (1, 2, 4), customer 1 lost from the base → 1/3, Wilson interval around it.
        var march = periods[2];
        Assert.Equal(3, march.GetProperty("customersAtStart").GetInt64());
        Assert.Equal(1.0 / 3, march.GetProperty("rate").GetDouble(), 12);
        Assert.Equal("wilson", march.GetProperty("churn").GetProperty("confidenceInterval").GetProperty("method").GetString());
        var rows = json.GetProperty("cohorts").GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(4, rows.Count);
        Assert.Equal(2, rows[0].GetProperty("size").GetInt64());
        Assert.True(json.GetProperty("cohorts").GetProperty("summary").GetArrayLength() >= 4);
    }

    [Fact]
    public void Churn_end_before_start_names_the_line_and_both_dates()
    {
        var run = CliRunner.Invoke("churn", "-i", cli.File("b.csv", "start,end\n2025-01-05,\n2025-03-01,2025-02-01\n"), "--start", "start", "--end", "end");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("line 3", run.Error);
        Assert.Contains("2025-02-01", run.Error);
        Assert.Contains("2025-03-01", run.Error);
    }

    [Fact]
    public void Churn_bad_date_and_duplicate_id_are_input_errors()
    {
        var bad = CliRunner.Invoke("churn", "-i", cli.File("d.csv", "start,end\n05/01/2025x,\n"), "--start", "start", "--end", "end");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("'05/01/2025x'", bad.Error);
        var duplicate = CliRunner.Invoke("churn", "-i", cli.File("u.csv", "id,start,end\n7,2025-01-01,\n7,2025-02-01,\n"), "--start", "start", "--end", "end", "--id", "id");
        Assert.Equal(2, duplicate.ExitCode);
        Assert.Contains("already appeared on line 2", duplicate.Error);
    }

    [Fact]
    public void Churn_text_output_shows_both_tables()
    {
        var run = CliRunner.Invoke("churn", "-i", cli.File("c.csv", Customers), "--start", "start", "--end", "end");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Churn by period", run.Output);
        Assert.Contains("Cohort retention", run.Output);
    }
}
