using System.Diagnostics;
using System.Globalization;
using TrustMetrics.Monitoring;
using TrustMetrics.Nps;

namespace TrustMetrics.Benchmarks;

/// <summary>
/// Whole-file timing of issue 16's speed target, outside BenchmarkDotNet: every monitor's batch update over all the bytes of a
/// one-byte-per-answer NPS file (default <c>/work/peers/synth/nps_100m.u8</c>, 100,000,000 answers) against the plain scalar
/// per-answer tally and the library's vectorised tally (<c>NpsTally.FromScores</c>, issue 16's "plain NPS tally") of the same bytes, interleaved round by round (tally, then each monitor, then the next round) so both
/// sides see the same machine load; prints each round's times and ratios and their medians. The monitors' baseline is the
/// tally of the first 1,000,000 answers (a baseline period); fresh monitors each round. The tally loop is compiled fully
/// optimised at once (AggressiveOptimization), as the monitors' batch methods are, so neither runs on-stack-replaced tier-0 code.
/// Besides wall time, each run's on-CPU time of the measuring thread (<c>/proc/thread-self/schedstat</c>, nanoseconds the
/// scheduler ran it) is printed with its ratios: on a loaded machine that leaves out the time the thread waited for a core
/// (not the cache and memory contention), so its ratios are the steadier provisional figure.
/// Run: <c>dotnet run -c Release --project benchmarks/TrustMetrics.Benchmarks -- monitor-whole [FILE] [ROUNDS] [--per-answer]</c>
/// (<c>--per-answer</c> also times the one-by-one <c>Add</c> loops, for comparison).
/// </summary>
internal static class MonitoringWholeRun
{
    private static readonly double[] NpsValue = [-1, -1, -1, -1, -1, -1, -1, 0, 0, 1, 1];

    public static void Run(string[] args)
    {
        string path = args.Length > 1 && !args[1].StartsWith("--", StringComparison.Ordinal) ? args[1] : "/work/peers/synth/nps_100m.u8";
        int rounds = args.Length > 2 && int.TryParse(args[2], out int r) ? r : 3;
        bool perAnswer = args.Contains("--per-answer");
        byte[] scores = File.ReadAllBytes(path);
        var baseline = PreChangeDistribution.FromNpsTally(NpsTally.FromScores(scores.AsSpan(0, Math.Min(scores.Length, 1_000_000))));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{path}: {scores.Length:N0} answers; baseline {baseline}; {rounds} rounds, {Environment.ProcessorCount} cores, load {Load()}"));

        var cases = new List<(string Name, Func<long> Body)>
        {
            ("scalar tally (baseline)", () => ScalarTally(scores)),
            ("vectorised NpsTally.FromScores", () => NpsTally.FromScores(scores).Promoters),
            ("ConfidenceSequence.AddNpsScores", () =>
            {
                var cs = ConfidenceSequence.ForNps();
                cs.AddNpsScores(scores);
                return cs.Count;
            }),
            ("MeanDropTest.AddNpsScores", () =>
            {
                var test = new MeanDropTest(-1, 1, baseline.Mean);
                test.AddNpsScores(scores);
                return test.Count;
            }),
            ("CUSUM (10 points) AddNpsScores", () => Detect(ChangeDetector.Cusum(baseline, 0.1), scores)),
            ("GLR (6 drops) AddNpsScores", () => Detect(ChangeDetector.Glr(baseline), scores)),
            ("CUSUM, per-answer kernel (before)", () => Detect(WithoutBlockSkip(ChangeDetector.Cusum(baseline, 0.1)), scores)),
            ("GLR, per-answer kernel (before)", () => Detect(WithoutBlockSkip(ChangeDetector.Glr(baseline)), scores)),
        };
        if (perAnswer)
        {
            cases.Add(("ConfidenceSequence.Add one by one", () =>
            {
                var cs = ConfidenceSequence.ForNps();
                foreach (byte s in scores)
                {
                    cs.Add(NpsValue[s]);
                }

                return cs.Count;
            }));
            cases.Add(("MeanDropTest.Add one by one", () =>
            {
                var test = new MeanDropTest(-1, 1, baseline.Mean);
                foreach (byte s in scores)
                {
                    test.Add(NpsValue[s]);
                }

                return test.Count;
            }));
            cases.Add(("CUSUM Add one by one", () => DetectOneByOne(ChangeDetector.Cusum(baseline, 0.1), scores)));
            cases.Add(("GLR Add one by one", () => DetectOneByOne(ChangeDetector.Glr(baseline), scores)));
        }

        // Warm-up: one untimed pass of each (JIT tiers, thresholds cached).
        foreach (var c in cases)
        {
            c.Body();
        }

        var times = cases.Select(_ => new List<double>()).ToArray();
        var ratios = cases.Select(_ => new List<double>()).ToArray();
        var vectorRatios = cases.Select(_ => new List<double>()).ToArray();
        var cpuTimes = cases.Select(_ => new List<double>()).ToArray();
        var cpuRatios = cases.Select(_ => new List<double>()).ToArray();
        for (int round = 0; round < rounds; round++)
        {
            double tally = 0, vectorTally = 0, vectorCpu = 0;
            for (int k = 0; k < cases.Count; k++)
            {
                double cpuStart = ThreadCpuSeconds();
                var watch = Stopwatch.StartNew();
                long check = cases[k].Body();
                double seconds = watch.Elapsed.TotalSeconds;
                double cpu = ThreadCpuSeconds() - cpuStart;
                if (k == 0)
                {
                    tally = seconds;
                }
                else if (k == 1)
                {
                    vectorTally = seconds;
                    vectorCpu = cpu;
                }

                cpuTimes[k].Add(cpu);
                cpuRatios[k].Add(k == 0 ? double.NaN : cpu / vectorCpu);

                times[k].Add(seconds);
                ratios[k].Add(seconds / tally);
                vectorRatios[k].Add(k == 0 ? double.NaN : seconds / vectorTally);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"round {round + 1}  {cases[k].Name,-34} {seconds * 1e3,9:F1} ms  {seconds / tally,6:F2}× scalar  {(k == 0 ? "" : $"{seconds / vectorTally,6:F2}× vectorised")}  cpu {cpu * 1e3,7:F1} ms{(k == 0 ? "" : $" {cpu / vectorCpu,6:F2}× vectorised")}  ({check})"));
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"medians over {rounds} rounds (load {Load()}):"));
        for (int k = 0; k < cases.Count; k++)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {cases[k].Name,-34} {Median(times[k]) * 1e3,9:F1} ms  {Median(ratios[k]),6:F2}× the scalar tally  {(k == 0 ? "" : $"{Median(vectorRatios[k]),6:F2}× the vectorised tally")}  ({Median(times[k]) / scores.Length * 1e9:F2} ns/answer); on-CPU {Median(cpuTimes[k]) * 1e3,7:F1} ms{(k == 0 ? "" : $" {Median(cpuRatios[k]),6:F2}× the vectorised tally")}"));
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static long ScalarTally(byte[] scores)
    {
        long detractors = 0, promoters = 0;
        foreach (byte s in scores)
        {
            detractors += s <= 6 ? 1 : 0;
            promoters += s >= 9 ? 1 : 0;
        }

        return detractors * 31 + promoters;
    }

    private static long Detect(ChangeDetector detector, ReadOnlySpan<byte> scores)
    {
        while (detector.AddNpsScores(scores, out int used))
        {
            scores = scores[used..];
        }

        return detector.Alarms;
    }

    /// <summary>
    /// The detector with its block skip (CusumBlockScan) switched off, so AddNpsScores runs the per-answer vector kernel alone:
    /// the code before the skip, for a before/after comparison in one run (benchmark only: the private field is cleared by reflection).
    /// </summary>
    internal static ChangeDetector WithoutBlockSkip(ChangeDetector detector)
    {
        typeof(ChangeDetector).GetField("_blockScan", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.SetValue(detector, null);
        return detector;
    }

    private static long DetectOneByOne(ChangeDetector detector, byte[] scores)
    {
        foreach (byte s in scores)
        {
            detector.Add(NpsValue[s]);
        }

        return detector.Alarms;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : 0.5 * (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]);
    }

    /// <summary>On-CPU time of the calling thread, in seconds (first field of /proc/thread-self/schedstat, ns); NaN where absent.</summary>
    private static double ThreadCpuSeconds()
    {
        const string path = "/proc/thread-self/schedstat";
        return File.Exists(path) ? long.Parse(File.ReadAllText(path).Split(' ')[0], CultureInfo.InvariantCulture) * 1e-9 : double.NaN;
    }

    private static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
}
