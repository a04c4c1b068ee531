using System.Globalization;
using System.Text;
using System.Text.Json;

namespace TrustMetrics.Cli.Tests.Monitoring;

public sealed class MonitorCommandTests : IDisposable
{
    private readonly CliRunner cli = new();

    public void Dispose() => cli.Dispose();

    [Fact]
    public void Sample_raises_no_alert_with_a_january_baseline()
    {
        // The embedded company: app NPS ≈ +18 in Jan–Mar, −9 in April (~75 answers), back to ≈ +15 after; phone, store and web
        // stable. The baseline is January (~150 answers a channel), estimated: CUSUM/GLR thresholds guarantee ARL₀ 10⁶ with
        // probability 0.9 over it (Gandy & Kvaløy 2013), which a one-month drop of that size cannot reach (treated as known, the
        // GLR fired in April); the anytime comparison is too wide at that n. Nothing fires in the stable channels either.
        string survey = cli.Sample("survey.csv");
        var run = CliRunner.Invoke("monitor", "--input", survey, "--time", "month", "--metric", "nps", "--column", "nps",
            "--group", "channel", "--overall", "--compare-groups", "--format", "json");
        Assert.Equal(0, run.ExitCode);
        var json = run.Json();
        Assert.Empty(json.GetProperty("alerts").EnumerateArray());
        var groups = json.GetProperty("groups").EnumerateArray().ToList();
        Assert.Equal(["All", "app", "phone", "store", "web"], groups.Select(g => g.GetProperty("group").GetString()!).ToArray());
        Assert.Equal(4000, groups[0].GetProperty("n").GetInt64());
        Assert.Equal(4000, groups.Skip(1).Sum(g => g.GetProperty("n").GetInt64()));
        var final = groups[0].GetProperty("final");
        Assert.True(final.GetProperty("lower").GetDouble() < final.GetProperty("estimate").GetDouble());
        Assert.True(final.GetProperty("estimate").GetDouble() < final.GetProperty("upper").GetDouble());
    }

    [Fact]
    public void Change_alerts_print_the_change_interval_and_the_baseline()
    {
        // 1,000 baseline answers at NPS +20 (a fixed 3/2/5 pattern of detractors, passives, promoters), then from answer 3,000 on
        // NPS −40 (7 detractors, 3 promoters in 10). Baseline = first fifth of the range; ARL₀ 1,000 so the detectors fire soon.
        var csv = new StringBuilder("t,score\n");
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (int i = 0; i < 5000; i++)
        {
            int r = i % 10;
            int score = i < 3000 ? (r < 3 ? 0 : r < 5 ? 8 : 10) : (r < 7 ? 0 : 10);
            csv.Append(CultureInfo.InvariantCulture, $"{start.AddHours(i):yyyy-MM-ddTHH:mm:ssZ},{score}\n");
        }

        string file = cli.File("change.csv", csv.ToString());
        var run = CliRunner.Invoke("monitor", "--input", file, "--time", "t", "--metric", "nps", "--column", "score", "--arl", "1000", "--format", "json");
        Assert.Equal(0, run.ExitCode);
        var changes = run.Json().GetProperty("alerts").EnumerateArray().Where(a => a.GetProperty("detector").GetString() is "cusum" or "glr").ToList();
        Assert.NotEmpty(changes);
        foreach (var alert in changes)
        {
            // The fields first, unchanged; then the added ones.
            Assert.Equal(["time", "group", "metric", "detector", "estimate", "lower", "upper", "changeTime", "changeSize", "changeLower", "changeUpper", "baseline"],
                alert.EnumerateObject().Select(p => p.Name).ToArray());
            Assert.True(string.CompareOrdinal(alert.GetProperty("changeTime").GetString(), "2026-05-01") >= 0, "the change is placed after the baseline");
            // The anytime-valid interval of (mean since the change point − baseline mean) holds the change size (the same difference).
            Assert.True(alert.GetProperty("changeLower").GetDouble() <= alert.GetProperty("changeSize").GetDouble());
            Assert.True(alert.GetProperty("changeSize").GetDouble() <= alert.GetProperty("changeUpper").GetDouble());
            Assert.True(alert.GetProperty("changeSize").GetDouble() < -20);
            Assert.Equal(20, alert.GetProperty("baseline").GetDouble(), 6); // exactly +20: 1,000 answers of the 3/2/5 pattern
        }

        var text = CliRunner.Invoke("monitor", "--input", file, "--time", "t", "--metric", "nps", "--column", "score", "--arl", "1000");
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("Change 95% interval", text.Output);
        Assert.Contains("Baseline", text.Output);
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
        Assert.Equal(["time", "group", "metric", "detector", "estimate", "lower", "upper", "changeTime", "changeSize", "changeLower", "changeUpper", "baseline"],
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
