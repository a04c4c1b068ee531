using System.Runtime.Intrinsics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using TrustMetrics.Monitoring;
using TrustMetrics.Nps;

namespace TrustMetrics.Tests.Monitoring;

/// <summary>
/// The block skip of <c>ChangeDetector.AddNpsScores</c> (<see cref="CusumBlockScan"/>) against the per-answer recursion
/// W ← max(0, W + d) it replaces. The reference is that recursion itself (run here on longs, answer by answer) and the library's
/// one-by-one <see cref="ChangeDetector.Add"/>: every expectation is an exact equality (integer statistics; alarms, change points,
/// run counts and run sums the same, JSON states identical). No case is discarded (the generators map every input to a valid case).
/// </summary>
public class CusumBlockScanTests
{
    /// <summary>A seeded NPS stream: pre-change class probabilities from the seed, and after <paramref name="changeAt"/> promoters turned to detractors with probability <paramref name="shift"/>.</summary>
    private static byte[] Stream(int seed, int n, int changeAt, double shift)
    {
        var random = new Random(seed);
        double detractors = 0.15 + 0.5 * random.NextDouble(), passives = 0.1 + 0.2 * random.NextDouble();
        var scores = new byte[n];
        for (int i = 0; i < n; i++)
        {
            double u = random.NextDouble();
            int score = u < detractors ? random.Next(0, 7) : u < detractors + passives ? random.Next(7, 9) : random.Next(9, 11);
            if (i >= changeAt && score >= 9 && random.NextDouble() < shift)
            {
                score = random.Next(0, 7);
            }

            scores[i] = (byte)score;
        }

        return scores;
    }

    private static ChangeDetector Detector(int kind, double arl) => kind switch
    {
        0 => ChangeDetector.Cusum(PreChangeDistribution.FromNpsTally(new NpsTally(7, 2, 2)), 0.1, arl),
        1 => ChangeDetector.Glr(PreChangeDistribution.FromNpsTally(new NpsTally(7, 2, 2)), arl),
        2 => ChangeDetector.Cusum(PreChangeDistribution.FromNpsTally(new NpsTally(30, 30, 40)), 0.25, arl),
        3 => ChangeDetector.Glr(PreChangeDistribution.FromNpsTally(new NpsTally(20, 50, 30)), arl, [0.05, 0.2, 0.5]),
        // A 0/1 baseline: the NPS value −1 lies outside its support and is scored by the same tilt.
        _ => ChangeDetector.Cusum(PreChangeDistribution.FromCounts([0.0, 1.0], [6, 4]), 0.1, arl),
    };

    private static readonly double[] Arls = [200, 2_000, 50_000, 1_000_000];

    private static string Describe(ChangeAlarm a) => FormattableString.Invariant($"{a.Method} {a.AlarmAt} {a.ChangeAt} {a.PostChangeMean:R} {a.Drop:R}");

    /// <summary>
    /// Batch = one by one on random streams (5 detector kinds × 4 ARL₀ from 200, which alarms every few hundred answers, to
    /// 1,000,000, which lets the skip run over whole streams; lengths past several chunks; a change at a random point; random
    /// batch splits; sometimes a non-NPS value first, so a run sum is not an integer): same alarms (time, change point,
    /// post-change mean, drop) and the same JSON state after the stream.
    /// </summary>
    [Property(MaxTest = 50, MaxRejected = 50)]
    public Property Batches_with_the_block_skip_equal_one_by_one_updates(int seed, byte kindRaw, byte arlRaw, ushort lengthRaw, byte shiftRaw, bool oddFirst)
    {
        int kind = kindRaw % 5;
        double arl = Arls[arlRaw % Arls.Length];
        int n = CusumBlockScan.Chunk / 2 + lengthRaw % (6 * CusumBlockScan.Chunk);
        var random = new Random(seed);
        var scores = Stream(seed, n, random.Next(0, n), shiftRaw / 255.0);
        var one = Detector(kind, arl);
        var batched = Detector(kind, arl);
        if (oddFirst)
        {
            one.Add(0.37);
            batched.Add(0.37);
        }

        var alarms = new List<string>();
        foreach (byte s in scores)
        {
            if (one.Add(s <= 6 ? -1 : s <= 8 ? 0 : 1))
            {
                alarms.Add(Describe(one.LastAlarm!));
            }
        }

        var batchedAlarms = new List<string>();
        int at = 0;
        while (at < n)
        {
            int take = Math.Min(n - at, random.Next(0, 3 * CusumBlockScan.Chunk));
            var batch = scores.AsSpan(at, take);
            while (batched.AddNpsScores(batch, out int used))
            {
                batchedAlarms.Add(Describe(batched.LastAlarm!));
                batch = batch[used..];
            }

            at += take;
        }

        return (alarms.SequenceEqual(batchedAlarms) && one.ToJson() == batched.ToJson()).ToProperty()
            .Label($"kind {kind}, ARL₀ {arl}, n {n}: {alarms.Count} alarms one by one, {batchedAlarms.Count} batched");
    }

    [Fact]
    public void The_streams_of_the_property_alarm_and_the_skip_runs()
    {
        // The property above is not vacuous: with ARL₀ 200 a stream alarms many times, and with ARL₀ 1,000,000 the skip takes whole chunks.
        var detector = Detector(1, 200);
        var scores = Stream(5, 6 * CusumBlockScan.Chunk, 3 * CusumBlockScan.Chunk, 0.8);
        int alarms = 0;
        var batch = scores.AsSpan();
        while (detector.AddNpsScores(batch, out int used))
        {
            alarms++;
            batch = batch[used..];
        }

        Assert.True(alarms > 10, $"{alarms} alarms");
        Assert.True(CusumBlockScan.IsSupported == Avx2Supported());
        if (CusumBlockScan.IsSupported)
        {
            Span<int> rows = [1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1];
            var scan = CusumBlockScan.Create(rows, [100_000], 1)!;
            var w = Vector256<int>.Zero;
            Assert.Equal(4 * CusumBlockScan.Chunk, scan.Skip(Stream(6, 4 * CusumBlockScan.Chunk + 100, 0, 0), ref w));
        }
    }

    [Theory]
    [InlineData(1, 1_000_000.0)] // GLR, 6 drops: few alarms, most chunks cleared by the 8-answer pass
    [InlineData(3, 2_000.0)] // GLR, 3 drops: alarms every few thousand answers, chunks rescanned exactly
    [InlineData(0, 1_000_000.0)] // one CUSUM
    public void Large_batches_equal_one_by_one_updates(int kind, double arl)
    {
        // Batches of 10,000–60,000 answers (≥ CusumBlockScan.OctTableFrom: several CUSUMs go 8 answers per lookup), a change
        // two thirds in, JSON read back between batches: same alarms and the same JSON state as Add on each answer.
        var scores = Stream(21, 240_000, 160_000, 0.6);
        var one = Detector(kind, arl);
        var batched = Detector(kind, arl);
        var alarms = new List<string>();
        foreach (byte s in scores)
        {
            if (one.Add(s <= 6 ? -1 : s <= 8 ? 0 : 1))
            {
                alarms.Add(Describe(one.LastAlarm!));
            }
        }

        var batchedAlarms = new List<string>();
        var random = new Random(22);
        int at = 0;
        while (at < scores.Length)
        {
            int take = Math.Min(scores.Length - at, random.Next(10_000, 60_000));
            var batch = scores.AsSpan(at, take);
            batched = ChangeDetector.FromJson(batched.ToJson());
            while (batched.AddNpsScores(batch, out int used))
            {
                batchedAlarms.Add(Describe(batched.LastAlarm!));
                batch = batch[used..];
            }

            at += take;
        }

        Assert.True(alarms.Count > 0, "the change raises an alarm");
        Assert.Equal(alarms, batchedAlarms);
        Assert.Equal(one.ToJson(), batched.ToJson());
    }

    private static bool Avx2Supported() => System.Runtime.Intrinsics.X86.Avx2.IsSupported;

    /// <summary>
    /// The kernel alone against the recursion on longs, with random per-class increments (any signs, up to ±2²⁴ apart from
    /// typical lattices) and thresholds: the skip takes only whole chunks in which no state reaches a threshold, leaves the
    /// exact state after them, and stops only before a chunk in which some state does reach one (or that holds a byte above 10).
    /// </summary>
    [Property(MaxTest = 80, MaxRejected = 80)]
    public Property The_skip_is_exact_and_maximal(int seed, byte lanesRaw, bool large, bool badByte)
    {
        var random = new Random(seed);
        int lanes = 1 + lanesRaw % 8;
        int scale = large ? 1 << 22 : 60;
        var increments = new int[24];
        var thresholds = new long[lanes];
        for (int j = 0; j < 8; j++)
        {
            for (int c = 0; c < 3; c++)
            {
                increments[c * 8 + j] = j < lanes ? random.Next(-scale, scale + 1) : -1;
            }
        }

        for (int j = 0; j < lanes; j++)
        {
            thresholds[j] = random.Next(1, 2 * scale * (1 + random.Next(0, 40)));
        }

        var scan = CusumBlockScan.Create(increments, thresholds, lanes);
        if (scan is null)
        {
            return (!CusumBlockScan.IsSupported).ToProperty();
        }

        int n = random.Next(0, 8 * CusumBlockScan.Chunk);
        var scores = new byte[n];
        for (int i = 0; i < n; i++)
        {
            scores[i] = (byte)random.Next(0, 11);
        }

        if (badByte && n > 0)
        {
            scores[random.Next(0, n)] = (byte)random.Next(11, 256);
        }

        var start = new long[lanes];
        var w = Vector256<int>.Zero;
        for (int j = 0; j < lanes; j++)
        {
            start[j] = random.Next(0, (int)thresholds[j]);
            w = w.WithElement(j, (int)start[j]);
        }

        int skipped = scan.Skip(scores, ref w);
        var state = (long[])start.Clone();
        bool reached = false;
        int firstStop = -1;
        for (int i = 0; i < n && firstStop < 0; i++)
        {
            int cls = scores[i] <= 6 ? 0 : scores[i] <= 8 ? 1 : 2;
            bool bad = scores[i] > 10;
            for (int j = 0; j < lanes; j++)
            {
                state[j] = Math.Max(0, state[j] + increments[cls * 8 + j]);
                reached |= state[j] >= thresholds[j];
            }

            if (reached || bad)
            {
                firstStop = i;
            }

            if (i + 1 == skipped && firstStop < 0)
            {
                for (int j = 0; j < lanes; j++)
                {
                    if (state[j] != w[j])
                    {
                        return false.ToProperty().Label($"lane {j}: {w[j]} after the skip, {state[j]} by the recursion");
                    }
                }
            }
        }

        // Exact: nothing stops inside the skipped answers. Maximal: the skip ends at the chunk holding the first stop, or at the last whole chunk.
        int expected = firstStop < 0 ? n / CusumBlockScan.Chunk * CusumBlockScan.Chunk : firstStop / CusumBlockScan.Chunk * CusumBlockScan.Chunk;
        return (skipped == expected).ToProperty().Label($"skipped {skipped}, expected {expected} (first stop {firstStop}, n {n})");
    }

    [Fact]
    public void An_alarm_before_a_bad_score_in_the_same_chunk_comes_first_then_the_bad_score_is_refused()
    {
        // The per-answer order is kept: the alarm is reported, the next call refuses the bad score and adds nothing.
        var scores = Stream(7, 3 * CusumBlockScan.Chunk, 0, 1.0);
        for (int i = 0; i < scores.Length; i++)
        {
            scores[i] = 0;
        }

        scores[^10] = 11;
        var one = Detector(0, 200);
        int alarmAt = 0;
        while (!one.Add(-1))
        {
            alarmAt++;
        }

        Assert.True(alarmAt + 1 < scores.Length - 10);
        var detector = Detector(0, 200);
        Assert.True(detector.AddNpsScores(scores, out int used));
        Assert.Equal(alarmAt + 1, used);
        int offset = used;
        ArgumentOutOfRangeException? error = null;
        while (error is null)
        {
            string before = detector.ToJson();
            try
            {
                Assert.True(detector.AddNpsScores(scores.AsSpan(offset), out int u), "every call alarms or refuses here");
                offset += u;
            }
            catch (ArgumentOutOfRangeException e)
            {
                error = e;
                Assert.Equal(before, detector.ToJson());
            }
        }

        Assert.True(offset <= scores.Length - 10, $"stopped at {offset}");
        Assert.Contains("11", error.Message, StringComparison.Ordinal);
    }
}
