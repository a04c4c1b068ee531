using System.Text.Json;
using TrustMetrics.Cli.Monitoring;
using TrustMetrics.Cli.Report;
using TrustMetrics.Monitoring;
using TrustMetrics.Nps;

namespace TrustMetrics.Cli.Tests.Report;

/// <summary>
/// The report's monitors (issue 16 item 7): on timestamped survey data the monitors of <c>trustmetrics monitor</c> replay the
/// answers, their alerts join the key findings without saying a change twice, report.json lists every alert, and the NPS and trust
/// time charts draw the anytime-valid band.
/// </summary>
public sealed class MonitorFindingsTests(SampleReportFixture sample) : IDisposable, IClassFixture<SampleReportFixture>
{
    private readonly CliRunner cli = new();

    public void Dispose() => cli.Dispose();

    private static JsonElement Json(string folder) => JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "report.json"))).RootElement;

    private static string S(JsonElement e, string name) => e.GetProperty(name).ValueKind == JsonValueKind.Null ? "" : e.GetProperty(name).GetString()!;

    [Fact]
    public void On_the_sample_the_monitors_flag_the_app_and_smb_stories_and_nothing_in_stable_segments()
    {
        var json = Json(sample.Folder);
        Assert.True(json.GetProperty("monitored").GetBoolean());
        var alerts = json.GetProperty("monitorAlerts").EnumerateArray().ToList();
        Assert.NotEmpty(alerts);

        // The app channel's April NPS drop (one month, 182 answers, NPS −8.8 against a baseline of +21.3 from 150 answers, January and four of February): the
        // month-versus-baseline test flags it when April ends (Welch z = −3.5 against the Bonferroni bound z = 3.23 of one-sided
        // level 0.025 / (8 series · 5 months)); CUSUM and GLR, whose thresholds guarantee ARL₀ 10⁶ with probability 0.9 over the
        // estimated baseline (Gandy & Kvaløy 2013), do not reach it. No NPS alert fires anywhere else.
        var app = Assert.Single(alerts, a => S(a, "section") == "survey" && S(a, "metric") == "nps" && S(a, "group") == "app");
        Assert.Equal("month-baseline", S(app, "detector"));
        Assert.Equal("2026-04-01", S(app, "time"));
        Assert.Equal("2026-04-01", S(app, "changeTime"));
        Assert.Equal(-30.1, app.GetProperty("changeSize").GetDouble(), 1);     // −8.8 − 21.3, to one decimal
        Assert.DoesNotContain(alerts, a => S(a, "section") == "survey" && S(a, "metric") == "nps" && S(a, "group") != "app");

        // The SMB transparency drop of May.
        Assert.Contains(alerts, a => S(a, "section") == "trust" && S(a, "group") == "SMB" && S(a, "measure") == "transparency" && S(a, "time") == "2026-05-01");

        // Nothing in the stable segments: every alert is the app update of April (app channel; consumers, who use the app, in CSAT)
        // or the SMB price rise of May (SMB, and everyone's trust through SMB), and no change starts before February.
        foreach (var a in alerts)
        {
            string where = $"{S(a, "section")} {S(a, "metric")} {S(a, "measure")} {S(a, "group")} {S(a, "detector")} {S(a, "time")}";
            bool planted = S(a, "section") switch
            {
                "survey" => S(a, "group") == "app" || (S(a, "group") == "Consumer" && S(a, "metric") == "csat"),
                "trust" => S(a, "group") is "SMB" or "All" && string.CompareOrdinal(S(a, "time"), "2026-05-01") >= 0,
                _ => false,
            };
            Assert.True(planted, "unexpected alert " + where);
            Assert.DoesNotContain(S(a, "group"), new[] { "Enterprise", "web", "phone", "store" });
            Assert.Equal(0.05, a.GetProperty("alpha").GetDouble(), 12);
            Assert.Equal(1_000_000, a.GetProperty("arl").GetDouble());
        }
    }

    [Fact]
    public void A_monitor_alert_on_a_listed_change_joins_its_sentence_instead_of_repeating_it()
    {
        var json = Json(sample.Folder);
        var findings = json.GetProperty("keyFindings").EnumerateArray().ToList();
        // The app channel's April NPS drop is found by both: the period comparison's sentence, the month-versus-baseline test joining
        // it; the SMB transparency drop likewise, GLR joining its sentence.
        var app = Assert.Single(findings, f => S(f, "section") == "survey" && S(f, "metric") == "nps" && S(f, "group") == "app");
        Assert.Contains("app channel: NPS fell 28.6 points from 2026-03 to 2026-04", S(app, "sentence"));
        Assert.Equal("both", S(app, "source"));
        Assert.Equal("month-baseline", S(app.GetProperty("monitor"), "detector"));
        Assert.Contains("the month-versus-baseline test flagged it in 2026-04", S(app, "sentence"));
        Assert.EndsWith("; monitors: month vs baseline", S(app, "detail"));
        var smb = Assert.Single(findings, f => S(f, "section") == "trust" && S(f, "group") == "SMB" && S(f, "measure") == "transparency");
        Assert.Equal("both", S(smb, "source"));
        Assert.Equal("glr", S(smb.GetProperty("monitor"), "detector"));
        Assert.Contains("likelihood-ratio change detector (GLR) flagged it in 2026-05, the change beginning about 2026-04", S(smb, "sentence"));
        Assert.Contains("monitors: GLR", S(smb, "detail"));

        // Every finding is one series once; the alerts of a finding point back to its rank; the others are not findings.
        Assert.Equal(findings.Count, findings.Select(f => (S(f, "section"), S(f, "metric"), S(f, "measure"), S(f, "group"), S(f, "from"))).Distinct().Count());
        var ranks = findings.ToDictionary(f => f.GetProperty("rank").GetInt32());
        foreach (var alert in json.GetProperty("monitorAlerts").EnumerateArray())
        {
            if (alert.GetProperty("keyFindingRank").ValueKind == JsonValueKind.Number)
            {
                var finding = ranks[alert.GetProperty("keyFindingRank").GetInt32()];
                Assert.Equal(S(alert, "group"), S(finding, "group"));
                Assert.Equal(S(alert, "metric"), S(finding, "metric"));
                Assert.NotEqual("periods", S(finding, "source"));
            }
        }

        Assert.All(findings.Where(f => S(f, "source") == "periods"), f => Assert.Equal(JsonValueKind.Null, f.GetProperty("monitor").ValueKind));
        string md = File.ReadAllText(Path.Combine(sample.Folder, "report.md"));
        Assert.Contains("replayed in time order through the monitors", md);
    }

    [Fact]
    public void Time_charts_draw_the_anytime_band_with_its_legend()
    {
        foreach (string chart in new[] { "nps-trend", "nps-trend-by-channel", "nps-trend-by-segment", "trust-trend", "churn-trend", "net-sentiment-trend",
            "review-rating-trend" })
        {
            string svg = File.ReadAllText(Path.Combine(sample.Folder, "charts", chart + ".svg"));
            Assert.Contains("95% anytime-valid band (confidence sequence)", svg);
            Assert.Contains("stroke-dasharray", svg);
        }
    }

    [Fact]
    public void Korean_reports_name_the_monitors_in_korean()
    {
        string folder = cli.PathOf("ko");
        var run = CliRunner.Invoke("report", "--output", folder, "--lang", "ko");
        Assert.True(run.ExitCode == 0, run.Error);
        var findings = Json(folder).GetProperty("keyFindings").EnumerateArray().ToList();
        var smb = Assert.Single(findings, f => S(f, "section") == "trust" && S(f, "group") == "SMB" && S(f, "measure") == "transparency");
        Assert.Contains("감지 2026-05 · 우도비 변화 탐지 (GLR), 변화 시작 2026-04경", S(smb, "sentence"));
        Assert.Contains("상시 유효 신뢰대", File.ReadAllText(Path.Combine(folder, "charts", "nps-trend.svg")));
    }

    [Fact]
    public void Periods_that_are_not_times_run_no_monitor()
    {
        string survey = cli.File("waves.csv", "segment,month,nps\n" + string.Concat(Enumerable.Range(0, 400).Select(i =>
            $"{(i % 2 == 0 ? "A" : "B")},{(i < 200 ? "wave1" : "wave2")},{(i < 300 ? 9 : 0)}\n")));
        string folder = cli.PathOf("waves");
        var run = CliRunner.Invoke("report", "--survey", survey, "--output", folder);
        Assert.True(run.ExitCode == 0, run.Error);
        var json = Json(folder);
        Assert.False(json.GetProperty("monitored").GetBoolean());
        Assert.Empty(json.GetProperty("monitorAlerts").EnumerateArray());
    }

    [Fact]
    public void Merging_rules_keep_one_sentence_per_change()
    {
        var dip = new ChangeCandidate("survey", "chart-nps-trend-by-channel", "nps", null, "channel", "app", "2026-03", "2026-04", 20.4, -8.8, -29.2, 8.4,
            -45.2, -12.1, 0.95, 0.001, 0.027, 40, HigherIsBetter: true, FindingUnit.Points);
        MonitorFinding Alert(string group, string? by, string detector, DateTime time, DateTime? change, double size, double lower, double upper) =>
            new("survey", "survey", "nps", null, by, group, FindingUnit.Points, new DateTime(2026, 1, 31), MonthStamps: true, 0.05, 1e6,
                new MonitorAlert(time, group, detector, 0, -10, 10, change, size, lower, upper, 18));
        var april = new DateTime(2026, 4, 1);
        var march = new DateTime(2026, 3, 1);
        var monitors = new List<MonitorFinding>
        {
            Alert("app", "channel", "cusum", new DateTime(2026, 5, 1), march, -27, -80, 27),   // same episode, later: joins the GLR alert
            Alert("app", "channel", "glr", april, march, -36, -103, 31),                      // joins the period finding
            Alert("All", null, "glr", april, march, -8, -20, -1),                             // everyone's drop, explained by app's
            Alert("web", "channel", "cusum", april, march, -12, -30, 5),                      // alone, interval not below 0: not a finding
            Alert("phone", "channel", "glr", april, march, -20, -35, -5),                     // alone, interval below 0: its own finding
        };
        var findings = KeyFindings.Select([dip], 0.95, "en", monitors);
        Assert.Equal(2, findings.Count);
        var app = Assert.Single(findings, f => f.Change.Group == "app");
        Assert.Equal("both", app.Source);
        Assert.Equal(["glr", "cusum"], app.Monitor!.Detectors);
        Assert.Equal("app channel: NPS fell 29.2 points from 2026-03 to 2026-04 (20.4 → −8.8; 95% interval of the change −45.2 to −12.1); "
            + "the likelihood-ratio change detector (GLR) flagged it in 2026-04, the change beginning about 2026-03.", app.Sentence);
        var phone = Assert.Single(findings, f => f.Change.Group == "phone");
        Assert.Equal("monitor", phone.Source);
        Assert.Equal(FindingTier.Open, phone.Tier);
        Assert.Equal("phone channel: NPS dropped 20.0 points from about 2026-03 (18.0 → −2.0; 95% anytime interval of the change −35.0 to −5.0), "
            + "flagged in 2026-04 by the likelihood-ratio change detector (GLR).", phone.Sentence);
        Assert.Equal("monitors: GLR (ARL₀ 1,000,000 answers per group, anytime α 0.05)", phone.Detail);
        Assert.EndsWith("; monitors: GLR, CUSUM", app.Detail);
        // The period finding (|z| 3.5) ranks before the monitor-only one (|z| = 20 / (15 / 1.96) = 2.6 on the wider anytime interval).
        Assert.Equal([app, phone], findings);
    }

    [Fact]
    public void The_band_of_a_period_is_the_closed_form_normal_mixture_boundary()
    {
        // Howard et al. (2021) normal mixture (docs/monitoring.md §1), closed form: on the unit scale the radius is
        // u(V)/n with V = n/4, u(V) = sqrt(2(V + ρ)(log(1/α) + ½ log((V + ρ)/ρ))); ρ for α = 0.05, tightest at 1,000 answers.
        var tally = new NpsTally(30, 40, 80);       // 30 detractors, 40 passives, 80 promoters: NPS +33.3
        var (lower, upper) = AnytimeBands.Nps(tally, 0.05);
        double rho = ConfidenceSequence.ForNps(0.05).Rho;
        Assert.Equal(30.44, rho, 0.01);                // docs/monitoring.md: ρ = 30.44
        double n = 150, v = n / 4;
        double radius = 2 * Math.Sqrt(2 * (v + rho) * (Math.Log(1 / 0.05) + 0.5 * Math.Log((v + rho) / rho))) / n;
        double mean = (80 - 30) / n;
        Assert.Equal(100 * (mean - radius), lower, 9);
        Assert.Equal(100 * Math.Min(1, mean + radius), upper, 9);
        Assert.True(upper - lower > 2 * 1.96 * 100 * Math.Sqrt((80 + 30) / n - mean * mean) / Math.Sqrt(n), "wider than the fixed-n Wald interval");
    }

    [Fact]
    public void The_churn_band_is_the_closed_form_boundary_of_a_proportion()
    {
        // Same closed form (Howard et al. 2021 normal mixture, docs/monitoring.md §1) on the unit scale [0, 1]: 100 of 1,000 customers
        // at start lost, V = n/4, radius u(V)/n; ρ (α = 0.05, tightest at 1,000 answers) is the unit-scale one of the NPS test.
        var (lower, upper) = AnytimeBands.Percent(100, 1000, 0.05);
        double rho = ConfidenceSequence.ForNps(0.05).Rho;
        double n = 1000, v = n / 4;
        double radius = Math.Sqrt(2 * (v + rho) * (Math.Log(1 / 0.05) + 0.5 * Math.Log((v + rho) / rho))) / n;
        Assert.Equal(100 * (0.1 - radius), lower, 9);
        Assert.Equal(100 * (0.1 + radius), upper, 9);
        Assert.True(double.IsNaN(AnytimeBands.Percent(0, 0, 0.05).Lower));
        // A 1–5 mean: a range of 4, so the radius is 4 u(V)/n (all answers 3★ here: mean 3).
        var (low5, high5) = AnytimeBands.Stars([0, 0, 1000, 0, 0], 0.05);
        Assert.Equal(3 - 4 * radius, low5, 9);
        Assert.Equal(3 + 4 * radius, high5, 9);
    }
}
