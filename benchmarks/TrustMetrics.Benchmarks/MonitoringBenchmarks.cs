using BenchmarkDotNet.Attributes;
using TrustMetrics.Monitoring;
using TrustMetrics.Nps;

namespace TrustMetrics.Benchmarks;

/// <summary>
/// Issue 16's speed target: 100,000,000 one-byte NPS answers through one monitor within 5× the plain per-answer NPS tally loop
/// over the same bytes. Like with like: every benchmark reads the same 100 M bytes once, in one scalar <c>foreach</c>, so the only
/// difference is the per-answer work: classifying and counting the answer (<see cref="PerAnswerTally"/>, the baseline) against
/// mapping it to −1/0/+1 through an 11-entry table and one monitor update. The monitors keep their state across invocations (a stream that goes on), and none allocates.
/// The vectorised <see cref="NpsTally.FromScores(ReadOnlySpan{byte})"/> is shown beside them for scale (it is not per answer).
/// The <c>…Batch</c> benchmarks feed the same bytes through the monitors' batch entry points (<c>AddNpsScores</c>: state in
/// registers, bit-for-bit the same results as the one-by-one <c>Add</c> benchmarks beside them); issue 16's target is met by these.
/// A whole-file timing of the same, interleaved: <c>-- monitor-whole</c> (<see cref="MonitoringWholeRun"/>).
/// Run: <c>dotnet run -c Release --project benchmarks/TrustMetrics.Benchmarks -- --filter '*MonitoringBenchmarks*' --job short</c>
/// (add <c>--inProcess</c> on a loaded machine, where BenchmarkDotNet's 2-minute build of its own runner can time out).
/// </summary>
[MemoryDiagnoser]
public class MonitoringBenchmarks
{
    private static readonly double[] NpsValue = [-1, -1, -1, -1, -1, -1, -1, 0, 0, 1, 1];
    private byte[] scores = [];
    private ConfidenceSequence sequence = null!;
    private MeanDropTest dropTest = null!;
    private ChangeDetector cusum = null!;
    private ChangeDetector glr = null!;
    private ConfidenceSequence sequenceBatch = null!;
    private MeanDropTest dropTestBatch = null!;
    private ChangeDetector cusumBatch = null!;
    private ChangeDetector glrBatch = null!;
    private ChangeDetector cusumKernel = null!;
    private ChangeDetector glrKernel = null!;

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

        // The pre-change distribution of the uniform scores: 7/11 detractors, 2/11 passives, 2/11 promoters (NPS −45.5).
        var baseline = PreChangeDistribution.FromNpsTally(new NpsTally(7, 2, 2));
        sequence = ConfidenceSequence.ForNps();
        dropTest = new MeanDropTest(-1, 1, baseline.Mean);
        cusum = ChangeDetector.Cusum(baseline, 0.1, 1_000_000);
        glr = ChangeDetector.Glr(baseline, 1_000_000);
        sequenceBatch = ConfidenceSequence.ForNps();
        dropTestBatch = new MeanDropTest(-1, 1, baseline.Mean);
        cusumBatch = ChangeDetector.Cusum(baseline, 0.1, 1_000_000);
        glrBatch = ChangeDetector.Glr(baseline, 1_000_000);
        cusumKernel = MonitoringWholeRun.WithoutBlockSkip(ChangeDetector.Cusum(baseline, 0.1, 1_000_000));
        glrKernel = MonitoringWholeRun.WithoutBlockSkip(ChangeDetector.Glr(baseline, 1_000_000));
    }

    /// <summary>
    /// The plain per-answer NPS tally: per answer, two compares added as 0/1 to the detractor and promoter counters (branch-free,
    /// the fastest scalar form; passives = n − detractors − promoters). A switch on the class would mispredict on mixed answers and
    /// flatter the monitors.
    /// </summary>
    [Benchmark(Baseline = true)]
    public long PerAnswerTally()
    {
        long detractors = 0, promoters = 0;
        foreach (byte s in scores)
        {
            detractors += s <= 6 ? 1 : 0;
            promoters += s >= 9 ? 1 : 0;
        }

        return detractors * 31 + promoters;
    }

    /// <summary>The vectorised tally of the same bytes (for scale: not a per-answer loop).</summary>
    [Benchmark]
    public NpsTally VectorisedTally() => NpsTally.FromScores(scores);

    /// <summary>The anytime-valid confidence sequence for NPS (a running sum; the interval is computed on demand).</summary>
    [Benchmark]
    public long ConfidenceSequenceUpdate()
    {
        var cs = sequence;
        foreach (byte s in scores)
        {
            cs.Add(NpsValue[s]);
        }

        return cs.Count;
    }

    /// <summary>Page's CUSUM for a 10-point drop, ARL₀ = 1,000,000 (one table-looked-up lattice increment per answer).</summary>
    [Benchmark]
    public long CusumUpdate()
    {
        var detector = cusum;
        long alarms = 0;
        foreach (byte s in scores)
        {
            alarms += detector.Add(NpsValue[s]) ? 1 : 0;
        }

        return alarms;
    }

    /// <summary>The GLR detector over its default grid (6 drops: 10–60 NPS points), ARL₀ = 1,000,000: six CUSUMs in one branch-free pass over a per-value increment table.</summary>
    [Benchmark]
    public long GlrUpdate()
    {
        var detector = glr;
        long alarms = 0;
        foreach (byte s in scores)
        {
            alarms += detector.Add(NpsValue[s]) ? 1 : 0;
        }

        return alarms;
    }

    /// <summary>The anytime-valid drop test (the e-value, with a log and a normal tail, is evaluated only when a cheap bound says it could raise the running maximum).</summary>
    [Benchmark]
    public long DropTestUpdate()
    {
        var test = dropTest;
        long rejections = 0;
        foreach (byte s in scores)
        {
            rejections += test.Add(NpsValue[s]) ? 1 : 0;
        }

        return rejections;
    }

    /// <summary>The confidence sequence's batch update: the class counts (vectorised) added exactly.</summary>
    [Benchmark]
    public long ConfidenceSequenceBatch()
    {
        sequenceBatch.AddNpsScores(scores);
        return sequenceBatch.Count;
    }

    /// <summary>The drop test's batch update: the running sum in a register, one compare per answer against a per-block limit.</summary>
    [Benchmark]
    public long DropTestBatch()
    {
        dropTestBatch.AddNpsScores(scores);
        return dropTestBatch.Count;
    }

    /// <summary>The CUSUM's batch update (the block skip of CusumBlockScan: 8-answer class patterns, a 6,561-entry table), reading every alarm.</summary>
    [Benchmark]
    public long CusumBatch() => Detect(cusumBatch, scores);

    /// <summary>The GLR's batch update: its 6 CUSUMs side by side in one Vector256&lt;int&gt;, skipped 4 answers per table lookup (CusumBlockScan), reading every alarm.</summary>
    [Benchmark]
    public long GlrBatch() => Detect(glrBatch, scores);

    /// <summary>The CUSUM's batch update without the block skip: the per-answer vector kernel alone (the code before CusumBlockScan).</summary>
    [Benchmark]
    public long CusumBatchPerAnswerKernel() => Detect(cusumKernel, scores);

    /// <summary>The GLR's batch update without the block skip: the per-answer vector kernel alone.</summary>
    [Benchmark]
    public long GlrBatchPerAnswerKernel() => Detect(glrKernel, scores);

    private static long Detect(ChangeDetector detector, ReadOnlySpan<byte> answers)
    {
        while (detector.AddNpsScores(answers, out int used))
        {
            answers = answers[used..];
        }

        return detector.Alarms;
    }
}
