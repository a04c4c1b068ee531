using System.Text.Json;

namespace TrustMetrics.Cli.Tests.Scales;

public sealed class ScaleAndReportCommandTests : IDisposable
{
    private readonly CliRunner cli = new();

    public void Dispose() => cli.Dispose();

    [Fact]
    public void Csat_json_matches_the_reference_t_and_wilson_intervals()
    {
        // survey-metrics.md §2.4: d = [5,4,4,3,5,2,4,5,3,4], mean 3.9, t CI [3.1886284, 4.6113716]; T2B 7/10 Wilson [0.3967781475, 0.8922087326].
        string csv = "csat\n5\n4\n4\n3\n5\n2\n4\n5\n3\n4\n";
        var json = CliRunner.Invoke("csat", "-i", cli.File("c.csv", csv), "-c", "csat", "-f", "json").Json();
        Assert.Equal("csat", json.GetProperty("metric").GetString());
        Assert.Equal(7, json.GetProperty("satisfied").GetInt64());
        var percent = json.GetProperty("percentSatisfied");
        Assert.Equal(70.0, percent.GetProperty("value").GetDouble(), 9);
        Assert.Equal(39.67781475, percent.GetProperty("confidenceInterval").GetProperty("lower").GetDouble(), 6);
        Assert.Equal(89.22087326, percent.GetProperty("confidenceInterval").GetProperty("upper").GetDouble(), 6);
        var mean = json.GetProperty("mean");
        Assert.Equal(3.9, mean.GetProperty("value").GetDouble(), 9);
        Assert.Equal(3.1886284, mean.GetProperty("confidenceInterval").GetProperty("lower").GetDouble(), 6);
        Assert.Equal(4.6113716, mean.GetProperty("confidenceInterval").GetProperty("upper").GetDouble(), 6);
        Assert.Equal(4, json.GetProperty("distribution").GetProperty("4").GetInt64());
    }

    [Fact]
    public void Ces_json_uses_percent_easy_and_the_seven_point_scale()
    {
        // §2.4: CES d = [6,5,7,4,6,6,3,5,7,6,5,4], mean 5.333333333, CI [4.551247312, 6.115419355].
        string csv = "ces\n6\n5\n7\n4\n6\n6\n3\n5\n7\n6\n5\n4\n";
        var json = CliRunner.Invoke("ces", "-i", cli.File("e.csv", csv), "-c", "ces", "-f", "json").Json();
        Assert.Equal(9, json.GetProperty("easy").GetInt64());
        Assert.Equal(75.0, json.GetProperty("percentEasy").GetProperty("value").GetDouble(), 9);
        Assert.Equal(4.551247312, json.GetProperty("mean").GetProperty("confidenceInterval").GetProperty("lower").GetDouble(), 6);
        Assert.Equal(7, json.GetProperty("scale").GetProperty("max").GetInt32());
    }

    [Fact]
    public void Csat_scale_and_threshold_and_method_are_honoured()
    {
        string csv = "s\n1\n7\n6\n5\n7\n";
        var json = CliRunner.Invoke("csat", "-i", cli.File("s.csv", csv), "-c", "s", "--scale", "1-7", "--threshold", "6", "--method", "clopper-pearson", "-f", "json").Json();
        Assert.Equal(3, json.GetProperty("satisfied").GetInt64());
        Assert.Equal("clopper-pearson", json.GetProperty("percentSatisfied").GetProperty("confidenceInterval").GetProperty("method").GetString());
    }

    [Fact]
    public void Csat_off_scale_answer_is_named()
    {
        var run = CliRunner.Invoke("csat", "-i", cli.File("s.csv", "csat\n4\n6\n"), "-c", "csat");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("line 3", run.Error);
        Assert.Contains("'6'", run.Error);
    }

    [Fact]
    public void Report_runs_on_the_embedded_sample()
    {
        var run = CliRunner.Invoke("report");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("TrustMetrics survey report", run.Output);
        Assert.Contains("NPS by segment", run.Output);
        Assert.Contains("CES by channel", run.Output);
    }

    [Fact]
    public void Report_json_covers_every_metric_and_flags_the_sample_app_dip()
    {
        var json = CliRunner.Invoke("report", "--format", "json").Json();
        Assert.True(json.GetProperty("rows").GetInt64() > 1000);
        Assert.Equal("score", json.GetProperty("nps").GetProperty("confidenceInterval").GetProperty("method").GetString());
        Assert.True(json.GetProperty("csat").GetProperty("percentSatisfied").GetProperty("value").GetDouble() > 0);
        Assert.True(json.GetProperty("ces").GetProperty("percentEasy").GetProperty("value").GetDouble() > 0);
        Assert.Equal(["segment", "channel", "month"], json.GetProperty("breakdowns").EnumerateArray().Select(b => b.GetProperty("by").GetString()));
        // The sample's documented trust dip (app channel, 2026-04) survives Holm's adjustment.
        Assert.Contains(json.GetProperty("npsChanges").EnumerateArray(), c =>
            c.GetProperty("group").GetString() == "app" && c.GetProperty("to").GetString() == "2026-04"
            && c.GetProperty("significant").GetBoolean() && c.GetProperty("difference").GetDouble() < 0);
    }

    [Fact]
    public void Report_on_a_user_file_with_only_an_nps_column()
    {
        var json = CliRunner.Invoke("report", "-i", cli.File("n.csv", "nps,region\n9,North\n3,South\n10,North\n"), "--by", "region", "-f", "json").Json();
        Assert.Equal(3, json.GetProperty("nps").GetProperty("n").GetInt64());
        Assert.False(json.TryGetProperty("csat", out _));
        Assert.Equal(JsonValueKind.Array, json.GetProperty("breakdowns")[0].GetProperty("nps").ValueKind);
    }

    [Fact]
    public void Report_markdown_has_tables()
    {
        var run = CliRunner.Invoke("report", "--format", "markdown");
        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("# TrustMetrics survey report", run.Output);
        Assert.Contains("| Metric | n | Value | SE | 95% CI |", run.Output);
    }
}
