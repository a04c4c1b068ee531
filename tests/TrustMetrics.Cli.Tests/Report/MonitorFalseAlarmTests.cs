using TrustMetrics.Cli.Monitoring;
using TrustMetrics.Cli.Report;
using Xunit.Abstractions;

namespace TrustMetrics.Cli.Tests.Report;

/// <summary>
/// False-alarm rate of the report's monitor configuration (<see cref="ReportMonitors.Options"/>: α = 0.05, ARL₀ = 10⁶, baseline = the
/// first fifth of the time range extended to ≥ 150 answers per group, per group plus everyone, the month-versus-baseline test over
/// the family of those four series) on null streams shaped like the sample: three groups of 300, 1,000 and 3,000 NPS answers over
/// twelve yyyy-MM months, a stable NPS (25% detractors, 35% passives, 40% promoters). A run is one such file; it raises a false alarm
/// when any monitor of any of its four series fires. Bounds: the anytime-baseline alerts are ≤ α per series; the month test is
/// ≤ α/2 over the family by Bonferroni (each month of each series at (α/2)/(4·L)); CUSUM/GLR have thresholds that guarantee
/// ARL₀ ≥ 10⁶ with probability 0.9 over the estimated baseline (Gandy &amp; Kvaløy 2013, <c>EstimatedBaseline</c>; 0.7 % of runs).
/// The share of runs with any alarm must stay ≤ α. Small scale here (12 runs, fixed seed: the assertions allow the binomial
/// spread); <c>benchmarks/cli/report-monitor-false-alarms.sh</c> runs more (1,000 quoted in docs/report.md with their interval).
/// </summary>
public sealed class MonitorFalseAlarmTests(ITestOutputHelper output)
{
    private static readonly int[] Sizes = [300, 1000, 3000];

    [Fact]
    public void Null_streams_rarely_raise_a_report_alarm()
    {
        int runs = int.TryParse(Environment.GetEnvironmentVariable("TRUSTMETRICS_FALSE_ALARM_RUNS"), out int r) ? r : 12;
        var (anytime, changes, months, any, byGroup) = Simulate(runs, seed: 20261206);
        var (anyLow, anyHigh) = WilsonInterval(any, runs);
        output.WriteLine($"runs {runs}: anytime-baseline alarm in {anytime} ({(double)anytime / runs:P1}), CUSUM/GLR alarm in {changes} "
            + $"({(double)changes / runs:P1}), month-baseline alarm in {months} ({(double)months / runs:P1}), any alarm in {any} ({(double)any / runs:P1}; "
            + $"95% Wilson interval {anyLow:P1} to {anyHigh:P1}); CUSUM/GLR alarms by series: "
            + string.Join(", ", byGroup.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}")));
        // Each bound plus two binomial standard deviations (12 runs: at most one run for each).
        Assert.True(anytime <= 0.05 * runs + 2 * Math.Sqrt(0.05 * 0.95 * runs), $"anytime false alarms {anytime} of {runs}");
        Assert.True(months <= Math.Max(1, 0.025 * runs + 2 * Math.Sqrt(0.025 * 0.975 * runs)), $"month-baseline false alarms {months} of {runs}");
        Assert.True(changes <= Math.Max(1, 0.1 * runs), $"change-detector false alarms {changes} of {runs}");
        Assert.True(any <= Math.Max(1, 0.05 * runs + 2 * Math.Sqrt(0.05 * 0.95 * runs)), $"false alarms {any} of {runs}");
    }

    /// <summary>Wilson's 95% score interval for a binomial proportion (R <c>prop.test(x, n, correct = FALSE)$conf.int</c>).</summary>
    internal static (double Lower, double Upper) WilsonInterval(int successes, int trials)
    {
        const double z = 1.959963984540054;
        double p = (double)successes / trials, z2 = z * z / trials;
        double centre = (p + z2 / 2) / (1 + z2), half = z * Math.Sqrt(p * (1 - p) / trials + z * z / (4.0 * trials * trials)) / (1 + z2);
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    private static (int Anytime, int Changes, int Months, int Any, Dictionary<string, int> ByGroup) Simulate(int runs, int seed)
    {
        var random = new Random(seed);
        var scale = new MonitorScale(-1, 1, 100, 1);
        // The report's settings; the family is everyone plus the three groups.
        var perGroup = ReportMonitors.Options(0.05, perGroup: true, family: Sizes.Length + 1);
        var overall = ReportMonitors.Options(0.05, perGroup: false, family: Sizes.Length + 1);
        int anytime = 0, changes = 0, months = 0, any = 0;
        var byGroup = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int run = 0; run < runs; run++)
        {
            var rows = new List<MonitorRow>();
            for (int g = 0; g < Sizes.Length; g++)
            {
                for (int i = 0; i < Sizes[g]; i++)
                {
                    double u = random.NextDouble();
                    rows.Add(new MonitorRow(new DateTime(2026, 1 + random.Next(12), 1), "g" + g, u < 0.25 ? -1 : u < 0.60 ? 0 : 1));
                }
            }

            var alerts = MonitorRun.Replay(rows, scale, perGroup).Alerts
                .Concat(MonitorRun.Replay(rows.Select(x => x with { Group = ReportGroups.All }).ToList(), scale, overall).Alerts).ToList();
            bool a = alerts.Any(x => x.Detector == "anytime-baseline"), c = alerts.Any(x => x.Detector is "cusum" or "glr"),
                m = alerts.Any(x => x.Detector == "month-baseline");
            anytime += a ? 1 : 0;
            changes += c ? 1 : 0;
            months += m ? 1 : 0;
            any += alerts.Count > 0 ? 1 : 0;
            foreach (string group in alerts.Where(x => x.Detector is "cusum" or "glr").Select(x => x.Group).Distinct(StringComparer.Ordinal))
            {
                byGroup[group] = byGroup.GetValueOrDefault(group) + 1;
            }
        }

        return (anytime, changes, months, any, byGroup);
    }
}
