using System.Globalization;
using System.Text;
using System.Text.Json;

namespace TrustMetrics.Cli.Tests.Monitoring;

public sealed class MonitorCommandTests : IDisposable
{
    private readonly CliRunner cli = new();

    public void Dispose() => cli.Dispose();

    [Fact]
    public void Sample_flags_the_app_channel_april_drop_and_nothing_else()
    {
        // The embedded company: app NPS ≈ +18 in Jan–Mar, −9 in April, back to ≈ +15 after; phone, store and web stable.
        string survey = cli.Sample("survey.csv");
        var run = CliRunner.Invoke("monitor", "--input", survey, "--time", "month", "--metric", "nps", "--column", "nps",
            "--group", "channel", "--overall", "--compare-groups", "--format", "json");
        Assert.Equal(0, run.ExitCode);
        var json = run.Json();
        var alerts = json.GetProperty("alerts").EnumerateArray().ToList();
        Assert.NotEmpty(alerts);
        foreach (var alert in alerts)
        {
            Assert.Equal("app", alert.GetProperty("group").GetString());
            Assert.Equal("nps", alert.GetProperty("metric").GetString());
            Assert.Contains(alert.GetProperty("detector").GetString(), new[] { "cusum", "glr" });
            // Fires in April (GLR) or at the first responses after it (CUSUM; the sample's times are months).
            Assert.InRange(alert.GetProperty("time").GetString()!, "2026-04-01", "2026-05-01");
            Assert.True(alert.GetProperty("changeSize").GetDouble() < -15, "a drop of more than 15 NPS points");
            Assert.NotNull(alert.GetProperty("changeTime").GetString());
            Assert.True(alert.GetProperty("lower").GetDouble() <= alert.GetProperty("estimate").GetDouble());
            Assert.True(alert.GetProperty("estimate").GetDouble() <= alert.GetProperty("upper").GetDouble());
            // Added fields: the change interval (anytime-valid, of the mean from the change time to the alarm minus the baseline)
            // holds the change size; the baseline is app's January NPS (≈ +18).
            Assert.True(alert.GetProperty("changeLower").GetDouble() <= alert.GetProperty("changeSize").GetDouble());
            Assert.True(alert.GetProperty("changeSize").GetDouble() <= alert.GetProperty("changeUpper").GetDouble());
            Assert.InRange(alert.GetProperty("baseline").GetDouble(), 0, 40);
        }

        Assert.Contains(alerts, a => a.GetProperty("detector").GetString() == "glr");
        var text = CliRunner.Invoke("monitor", "--input", survey, "--time", "month", "--metric", "nps", "--column", "nps", "--group", "channel");
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("Change 95% interval", text.Output);
        Assert.Contains("Baseline", text.Output);
        var groups = json.GetProperty("groups").EnumerateArray().ToList();
        Assert.Equal(["All", "app", "phone", "store", "web"], groups.Select(g => g.GetProperty("group").GetString()!).ToArray());
        Assert.Equal(4000, groups[0].GetProperty("n").GetInt64());
        Assert.Equal(4000, groups.Skip(1).Sum(g => g.GetProperty("n").GetInt64()));
        var final = groups[0].GetProperty("final");
        Assert.True(final.GetProperty("lower").GetDouble() < final.GetProperty("estimate").GetDouble());
        Assert.True(final.GetProperty("estimate").GetDouble() < final.GetProperty("upper").GetDouble());
    }

    [Fact]
    public void Anytime_alerts_have_a_null_change_time_and_pairs_are_written_a_bar_b()
    {
        // Segment A: promoters throughout; B: promoters for 300 days, then detractors. The baseline (first fifth) is all +1.
        var csv = new StringBuilder("day,segment,score\n");
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (int i = 0; i < 1000; i++)
        {
            string day = start.AddHours(i).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            csv.Append(CultureInfo.InvariantCulture, $"{day},A,10\n{day},B,{(i < 300 ? 10 : 0)}\n");
        }

        string file = cli.File("drop.csv", csv.ToString());
        var run = CliRunner.Invoke("monitor", "--input", file, "--time", "day", "--metric", "nps", "--column", "score", "--group", "segment",
            "--compare-groups", "--arl", "1000", "--format", "json");
        Assert.Equal(0, run.ExitCode);
        var alerts = run.Json().GetProperty("alerts").EnumerateArray().ToList();
        var baseline = Assert.Single(alerts, a => a.GetProperty("detector").GetString() == "anytime-baseline");
        Assert.Equal("B", baseline.GetProperty("group").GetString());
        Assert.Equal(JsonValueKind.Null, baseline.GetProperty("changeTime").ValueKind);
        var pair = Assert.Single(alerts, a => a.GetProperty("detector").GetString() == "anytime-compare");
        Assert.Equal("B|A", pair.GetProperty("group").GetString());
        Assert.True(pair.GetProperty("upper").GetDouble() < 0);
        Assert.Equal(JsonValueKind.Null, pair.GetProperty("changeTime").ValueKind);
        Assert.DoesNotContain(alerts, a => a.GetProperty("group").GetString() == "A");
        // The baseline has one value only (all promoters): no CUSUM/GLR for that group, only the anytime comparisons.
        Assert.DoesNotContain(alerts, a => a.GetProperty("detector").GetString() is "cusum" or "glr");
        Assert.Equal(["time", "group", "metric", "detector", "estimate", "lower", "upper", "changeTime", "changeSize"],
            baseline.EnumerateObject().Select(p => p.Name).ToArray());
    }

    [Fact]
    public void Rate_and_csat_metrics_run_and_text_names_the_alerts()
    {
        string survey = cli.Sample("survey.csv");
        var csat = CliRunner.Invoke("monitor", "--input", survey, "--time", "month", "--metric", "csat", "--column", "csat", "--group", "segment");
        Assert.Equal(0, csat.ExitCode);
        Assert.Contains("Final confidence sequences", csat.Output);
        string rates = cli.File("r.csv", "t,complaint\n2026-01-01,0\n2026-01-02,1\n2026-01-03,no\n2026-01-04,yes\n2026-01-05,0\n");
        var rate = CliRunner.Invoke("monitor", "--input", rates, "--time", "t", "--metric", "rate", "--column", "complaint", "--format", "json");
        Assert.Equal(0, rate.ExitCode);
        Assert.Equal(5, rate.Json().GetProperty("groups")[0].GetProperty("n").GetInt64());
    }

    [Fact]
    public void Bad_cells_and_options_are_refused()
    {
        string rates = cli.File("bad.csv", "t,complaint\n2026-01-01,0\n2026-01-02,maybe\n");
        var run = CliRunner.Invoke("monitor", "--input", rates, "--time", "t", "--metric", "rate", "--column", "complaint");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("maybe", run.Error);
        string times = cli.File("badtime.csv", "t,nps\nyesterday,9\n");
        Assert.Equal(2, CliRunner.Invoke("monitor", "--input", times, "--time", "t", "--metric", "nps", "--column", "nps").ExitCode);
        Assert.Equal(1, CliRunner.Invoke("monitor", "--input", times, "--time", "t", "--metric", "nps", "--column", "nps", "--alpha", "1.5").ExitCode);
        Assert.Equal(1, CliRunner.Invoke("monitor", "--input", times, "--time", "t", "--metric", "ces", "--column", "nps").ExitCode);
    }
}
