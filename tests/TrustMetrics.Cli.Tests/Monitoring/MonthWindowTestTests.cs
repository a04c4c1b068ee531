using TrustMetrics.Cli.Monitoring;

namespace TrustMetrics.Cli.Tests.Monitoring;

/// <summary>
/// The report's month-versus-baseline test (<see cref="MonthWindowTest"/>): Welch's z for a month's mean against the baseline's,
/// one-sided at (α/2) / (S · L), and its place in the replay (one look per month after the baseline, the month closed when the next
/// begins or the file ends).
/// </summary>
public sealed class MonthWindowTestTests
{
    private static MonthWindowTest.Sums Of(IEnumerable<double> values)
    {
        var sums = default(MonthWindowTest.Sums);
        foreach (double v in values)
        {
            sums.Add(v);
        }

        return sums;
    }

    private static IEnumerable<double> Nps(int promoters, int passives, int detractors) =>
        Enumerable.Repeat(1.0, promoters).Concat(Enumerable.Repeat(0.0, passives)).Concat(Enumerable.Repeat(-1.0, detractors));

    [Fact]
    public void Welch_z_against_the_bonferroni_bound()
    {
        // Baseline NPS +10 (40/30/30 of 100), month −30 (20/30/50 of 100). Exact computation (Python statistics, R var()):
        // difference −0.4, SE √(s²_b/100 + s²_m/100) = 0.1145919418, z = −3.4906. Level (0.05/2)/(4 · 2) = 0.003125:
        // z₀.₉₉₆₈₇₅ = 2.7343687865 (R qnorm(1 - 0.025/8)), so the month is flagged; the interval is −0.4 ± 2.7344 · SE.
        var baseline = Of(Nps(40, 30, 30));
        var month = Of(Nps(20, 30, 50));
        double level = MonthWindowTest.LookLevel(0.05, family: 4, looks: 2);
        Assert.Equal(0.003125, level, 15);
        var test = MonthWindowTest.Compare(baseline, month, level)!.Value;
        Assert.Equal(-0.4, test.Difference, 12);
        Assert.Equal(-0.4 - 2.734368786533176 * 0.11459194182538811, test.Lower, 9);
        Assert.Equal(-0.4 + 2.734368786533176 * 0.11459194182538811, test.Upper, 9);
        Assert.True(test.Flagged);

        // Eight series and five months (the sample's NPS): bound z = 3.2272184260 (R qnorm(1 - 0.025/40)), still below |z| = 3.49;
        // a smaller drop (month NPS 0: 30/40/30, z = −0.87) is not flagged.
        Assert.True(MonthWindowTest.Compare(baseline, month, MonthWindowTest.LookLevel(0.05, 8, 5))!.Value.Flagged);
        Assert.False(MonthWindowTest.Compare(baseline, Of(Nps(30, 40, 30)), MonthWindowTest.LookLevel(0.05, 8, 5))!.Value.Flagged);
    }

    [Fact]
    public void Small_months_and_constant_samples_are_not_tested()
    {
        var baseline = Of(Nps(40, 30, 30));
        Assert.Null(MonthWindowTest.Compare(baseline, Of(Nps(0, 0, MonthWindowTest.MinAnswers - 1)), 0.001));
        Assert.Null(MonthWindowTest.Compare(Of(Enumerable.Repeat(1.0, 50)), Of(Enumerable.Repeat(1.0, 50)), 0.001));
        Assert.NotNull(MonthWindowTest.Compare(baseline, Of(Nps(0, 0, MonthWindowTest.MinAnswers)), 0.001));
    }

    [Fact]
    public void The_replay_tests_each_month_after_the_baseline_once_and_alerts_at_its_end()
    {
        // January is the baseline (200 answers, NPS +10); February and March stable; April drops to −30 (100 answers); May stable.
        // Five months, the first fifth = January: L = 4 months after it, family of 1 series: one-sided level 0.025/4.
        var rows = new List<MonitorRow>();
        void Month(int month, int promoters, int passives, int detractors)
        {
            foreach (double v in Nps(promoters, passives, detractors))
            {
                rows.Add(new MonitorRow(new DateTime(2026, month, 1), "All", v));
            }
        }

        Month(1, 80, 60, 60);
        Month(2, 40, 30, 30);
        Month(3, 40, 30, 30);
        Month(4, 20, 30, 50);
        Month(5, 40, 30, 30);
        var options = new MonitorOptions(0.05, 1_000_000, null, PerGroup: false, Overall: false, CompareGroups: false) { MonthFamily = 1 };
        var replay = MonitorRun.Replay(rows, new MonitorScale(-1, 1, 100, 1), options);
        var alert = Assert.Single(replay.Alerts, a => a.Detector == "month-baseline");
        Assert.Equal(new DateTime(2026, 4, 1), alert.Time);
        Assert.Equal(new DateTime(2026, 4, 1), alert.ChangeTime);
        Assert.Equal(-40, alert.ChangeSize, 9);
        Assert.Equal(10, alert.BaselineMean!.Value, 9);
        Assert.True(alert.ChangeUpper < 0);

        // Without the month family (the monitor command) there is no such alert.
        Assert.DoesNotContain(MonitorRun.Replay(rows, new MonitorScale(-1, 1, 100, 1), options with { MonthFamily = 0 }).Alerts, a => a.Detector == "month-baseline");

        // A drop in the last month is tested when the file ends.
        rows.RemoveAll(r => r.Time.Month == 5);
        var last = MonitorRun.Replay(rows, new MonitorScale(-1, 1, 100, 1), options);
        Assert.Equal(new DateTime(2026, 4, 1), Assert.Single(last.Alerts, a => a.Detector == "month-baseline").Time);
    }
}
