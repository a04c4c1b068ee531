using BenchmarkDotNet.Attributes;
using TrustMetrics.Monitoring;
using TrustMetrics.Nps;

namespace TrustMetrics.Benchmarks;

/// <summary>
/// 100 million one-byte NPS answers through one monitor (an O(1), allocation-free update per answer), beside the plain NPS
/// tally of the same bytes in the same run: the vectorised <see cref="NpsTally.FromScores(ReadOnlySpan{byte})"/> (baseline)
/// and a scalar per-answer tally loop. Target (issue 16): a monitor within 5× the plain tally, 0 B allocated.
/// </summary>
[MemoryDiagnoser]
public class MonitoringBenchmarks
{
    private static readonly double[] NpsValue = [-1, -1, -1, -1, -1, -1, -1, 0, 0, 1, 1];
    private byte[] scores = [];
    private ChangeDetector cusum = null!;

    [Params(100_000_000)]
    public int Count { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(2026);
        scores = new byte[Count];
        for (int i = 0; i < scores.Length; i++)
        {
            scores[i] = (byte)random.Next(0, 11);
        }

        // Pre-change distribution of the random scores: 7/11 detractors, 2/11 passives, 2/11 promoters; a 10-point drop.
        cusum = ChangeDetector.Cusum(PreChangeDistribution.FromNpsTally(new NpsTally(7, 2, 2)), 0.1, 1_000_000);
    }

    [Benchmark(Baseline = true)]
    public NpsTally Tally() => NpsTally.FromScores(scores);

    [Benchmark]
    public long ScalarTally()
    {
        long detractors = 0, promoters = 0;
        foreach (byte s in scores)
        {
            detractors += s <= 6 ? 1 : 0;
            promoters += s >= 9 ? 1 : 0;
        }

        return detractors * 31 + promoters;
    }

    [Benchmark]
    public long ConfidenceSequenceUpdate()
    {
        var cs = ConfidenceSequence.ForNps();
        foreach (byte s in scores)
        {
            cs.Add(NpsValue[s]);
        }

        return cs.Count;
    }

    [Benchmark]
    public long CusumUpdate()
    {
        long alarms = 0;
        foreach (byte s in scores)
        {
            alarms += cusum.Add(NpsValue[s]) ? 1 : 0;
        }

        return alarms;
    }
}
