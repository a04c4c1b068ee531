using BenchmarkDotNet.Attributes;
using TrustMetrics.Survival;

namespace TrustMetrics.Benchmarks;

/// <summary>
/// Kaplan–Meier (Ŝ, Greenwood SE and log-log interval at every distinct time) on 1 and 10 million subjects, for continuous times
/// (seeded exponential event times, mean 365 days, censored by a uniform 0–1,000-day follow-up: ~30% censored, every time
/// distinct) and for the same times rounded up to whole days (~1,000 distinct times, heavy ties). Baseline: what a first attempt
/// looks like (LINQ OrderBy + GroupBy + one loop). Also the comparison sort a careful first attempt would use (Array.Sort of keys
/// with the flags as items). The reference (ltv-churn task): R 4.2 survival::survfit takes 1.8–2.2 s for 10⁶ continuous times and
/// 1.5–1.6 s for 10⁶ whole days on this machine; target ≤ 200 ms for 10⁶.
/// "Library" builds the tally and the curve (rows are computed when read); "LibraryReadAll" also reads every row, bounds included,
/// and the median, so it does all the work the baselines do.
/// </summary>
[MemoryDiagnoser]
public class KaplanMeierBenchmarks
{
    private static readonly SurvivalAnalyzer Analyzer = new();
    private static readonly double Z = 1.959963984540054;

    private double[] durations = [];
    private byte[] events = [];

    /// <summary>How the durations are recorded.</summary>
    public enum TimeKind
    {
        /// <summary>Continuous times: every duration distinct.</summary>
        Continuous,

        /// <summary>Whole days: heavy ties.</summary>
        WholeDays,
    }

    [Params(1_000_000, 10_000_000)]
    public int Subjects { get; set; }

    [Params(TimeKind.Continuous, TimeKind.WholeDays)]
    public TimeKind Times { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(2026);
        durations = new double[Subjects];
        events = new byte[Subjects];
        for (int i = 0; i < Subjects; i++)
        {
            double churn = -365.0 * Math.Log(1.0 - random.NextDouble());
            double followUp = 1000.0 * random.NextDouble();
            double observed = Math.Min(churn, followUp);
            durations[i] = Times == TimeKind.WholeDays ? Math.Ceiling(observed) : observed;
            events[i] = churn <= followUp ? (byte)1 : (byte)0;
        }
    }

    /// <summary>LINQ: order, group by time, count events and censorings, then the product-limit loop with Greenwood and log-log bounds.</summary>
    [Benchmark(Baseline = true)]
    public int NaiveLinq()
    {
        var groups = durations.Select((t, i) => (Time: t, Event: events[i]))
            .OrderBy(r => r.Time)
            .GroupBy(r => r.Time)
            .Select(g => (Time: g.Key, Events: g.Count(r => r.Event == 1), Censored: g.Count(r => r.Event == 0)))
            .ToList();
        var table = new List<(double Time, long AtRisk, double Survival, double Se, double Lower, double Upper)>(groups.Count);
        long atRisk = durations.Length;
        double s = 1, greenwood = 0;
        foreach (var (time, d, c) in groups)
        {
            if (d > 0)
            {
                s *= (atRisk - d) / (double)atRisk;
                greenwood += d / ((double)atRisk * (atRisk - d));
            }

            var (lower, upper) = LogLog(s, Math.Sqrt(greenwood));
            table.Add((time, atRisk, s, s * Math.Sqrt(greenwood), lower, upper));
            atRisk -= d + c;
        }

        return table.Count;
    }

    /// <summary>A careful first attempt: copy, Array.Sort(keys, items), one loop over runs of equal times.</summary>
    [Benchmark]
    public int ArraySortKeysItems()
    {
        double[] keys = (double[])durations.Clone();
        byte[] items = (byte[])events.Clone();
        Array.Sort(keys, items);
        var table = new List<(double Time, long AtRisk, double Survival, double Se, double Lower, double Upper)>();
        long atRisk = keys.Length;
        double s = 1, greenwood = 0;
        for (int i = 0; i < keys.Length;)
        {
            double time = keys[i];
            long d = 0, n = 0;
            for (; i < keys.Length && keys[i] == time; i++)
            {
                d += items[i];
                n++;
            }

            if (d > 0)
            {
                s *= (atRisk - d) / (double)atRisk;
                greenwood += d / ((double)atRisk * (atRisk - d));
            }

            var (lower, upper) = LogLog(s, Math.Sqrt(greenwood));
            table.Add((time, atRisk, s, s * Math.Sqrt(greenwood), lower, upper));
            atRisk -= n;
        }

        return table.Count;
    }

    [Benchmark]
    public KaplanMeierResult Library() => Analyzer.KaplanMeier(durations, events);

    [Benchmark]
    public double LibraryReadAll()
    {
        var km = Analyzer.KaplanMeier(durations, events);
        double sum = km.Median.Time ?? 0;
        foreach (var row in km.Table)
        {
            sum += row.Lower + row.Upper + row.StandardError;
        }

        return sum;
    }

    private static (double Lower, double Upper) LogLog(double s, double sigma)
    {
        if (s >= 1 || s <= 0)
        {
            return (s, s);
        }

        double log = Math.Log(s), shift = Z * sigma / log;
        return (Math.Exp(-Math.Exp(Math.Log(-log) - shift)), Math.Exp(-Math.Exp(Math.Log(-log) + shift)));
    }
}
