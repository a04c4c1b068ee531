using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using TrustMetrics.Monitoring;
using TrustMetrics.Nps;

namespace TrustMetrics.Tests.Monitoring;

/// <summary>
/// The batch entry points (<c>AddNpsScores</c>) against the one-by-one updates they replace: same JSON state bit for bit (the
/// reference is the scalar <c>Add</c> of this library, so every expectation is an exact equality), same alarms and rejection
/// times, whatever the split of the stream into batches.
/// </summary>
public class MonitoringBatchTests
{
    /// <summary>Seeded NPS scores: <paramref name="n"/> uniform 0–10 scores, the last <paramref name="dropped"/> with every 9–10 turned into a 0 (a drop of ≈ 36 points).</summary>
    private static byte[] Stream(int n, int dropped, int seed)
    {
        var random = new Random(seed);
        var scores = new byte[n];
        for (int i = 0; i < n; i++)
        {
            int s = random.Next(0, 11);
            scores[i] = (byte)(i >= n - dropped && s >= 9 ? 0 : s);
        }

        return scores;
    }

    /// <summary>Seeded batch lengths 0…<paramref name="largest"/> covering <paramref name="scores"/>.</summary>
    private static IEnumerable<Range> Batches(int length, int largest, int seed)
    {
        var random = new Random(seed);
        int at = 0;
        while (at < length)
        {
            int take = Math.Min(length - at, random.Next(0, largest + 1));
            yield return new Range(at, at + take);
            at += take;
        }
    }

    private static readonly PreChangeDistribution Uniform = PreChangeDistribution.FromNpsTally(new NpsTally(7, 2, 2));

    [Theory]
    [InlineData(-1.0, 1.0)] // ForNps: dyadic values 0, ½, 1: the counting path
    [InlineData(-1.0, 2.0)] // values 0, ⅓, ⅔: the one-by-one path
    public void Confidence_sequence_batches_equal_one_by_one_updates(double lower, double upper)
    {
        var scores = Stream(20_000, 5_000, 1);
        var one = new ConfidenceSequence(lower, upper);
        var batched = new ConfidenceSequence(lower, upper);
        foreach (byte s in scores)
        {
            one.AddNpsScore(s);
        }

        foreach (var r in Batches(scores.Length, 3000, 2))
        {
            batched.AddNpsScores(scores.AsSpan(r));
        }

        Assert.Equal(one.ToJson(), batched.ToJson());
    }

    [Fact]
    public void Confidence_sequence_batch_after_a_non_dyadic_sum_stays_exact()
    {
        var scores = Stream(5_000, 0, 3);
        var one = ConfidenceSequence.ForNps();
        var batched = ConfidenceSequence.ForNps();
        one.Add(0.3);
        batched.Add(0.3);
        foreach (byte s in scores)
        {
            one.AddNpsScore(s);
        }

        batched.AddNpsScores(scores);
        Assert.Equal(one.ToJson(), batched.ToJson());
    }

    [Theory]
    [InlineData(0)] // null stream: the skip test skips almost everything
    [InlineData(4_000)] // a drop of ≈ 36 points over the last 4,000 answers: the test rejects
    public void Drop_test_batches_equal_one_by_one_updates(int dropped)
    {
        var scores = Stream(30_000, dropped, 4);
        var one = new MeanDropTest(-1, 1, Uniform.Mean);
        var batched = new MeanDropTest(-1, 1, Uniform.Mean);
        long firstRejection = 0, batchedRejection = 0;
        for (int i = 0; i < scores.Length; i++)
        {
            if (one.Add(NpsScale.Classify(scores[i]) switch { NpsCategory.Detractor => -1, NpsCategory.Passive => 0, _ => 1 }))
            {
                firstRejection = i + 1;
            }
        }

        foreach (var r in Batches(scores.Length, 5000, 5))
        {
            if (batched.AddNpsScores(scores.AsSpan(r)))
            {
                Assert.Equal(0, batchedRejection);
                batchedRejection = batched.RejectedAt!.Value;
            }
        }

        Assert.Equal(one.ToJson(), batched.ToJson());
        Assert.Equal(firstRejection, batchedRejection);
        Assert.Equal(dropped > 0, batched.Rejected);
    }

    /// <summary>−1/0/+1 of a 0–10 score, the values one-by-one <c>Add</c> receives.</summary>
    private static double Value(byte s) => s <= 6 ? -1 : s <= 8 ? 0 : 1;

    [Theory]
    [InlineData(-1.0, 1.0, 0)] // values 0, ½, 1: whole blocks counted; null stream, no rejection
    [InlineData(-1.0, 1.0, 30_000)] // a drop over the last 30,000 answers: the rejection falls inside a batch, after counted blocks
    [InlineData(-1.0, 2.0, 30_000)] // values 0, ⅓, ⅔: no exact count, one by one
    public void Drop_test_long_batches_with_json_round_trips_equal_one_by_one_updates(double lower, double upper, int dropped)
    {
        // 400,000 answers: past the first few thousand the skip limit lies thousands of answers away, so most answers go through
        // the counted blocks; the batched test is written to JSON and read back between batches.
        var scores = Stream(400_000, dropped, 8);
        var one = new MeanDropTest(lower, upper, Uniform.Mean);
        var batched = new MeanDropTest(lower, upper, Uniform.Mean);
        long firstRejection = 0, batchedRejection = 0, counted = 0;
        for (int i = 0; i < scores.Length; i++)
        {
            if (one.Add(Value(scores[i])))
            {
                firstRejection = i + 1;
            }
        }

        foreach (var r in Batches(scores.Length, 120_000, 9))
        {
            batched = MeanDropTest.FromJson(batched.ToJson());
            bool rejected = batched.AddNpsScores(scores.AsSpan(r));
            counted += batched.CountedAnswers;
            if (rejected)
            {
                Assert.Equal(0, batchedRejection);
                batchedRejection = batched.RejectedAt!.Value;
            }
        }

        Assert.Equal(one.ToJson(), batched.ToJson());
        Assert.Equal(firstRejection, batchedRejection);
        Assert.Equal(dropped > 0, batched.Rejected);
        Assert.True(upper == 1 ? counted > scores.Length / 2 : counted == 0, $"{counted} answers counted in blocks");
    }

    /// <summary>
    /// Batch = one by one for the drop test on random cases: stream length 20,000–260,000, a drop of random size over a random
    /// tail, a baseline μ₀ anywhere in the range, the range [−1, 1] (counted blocks), [−3, 1] (counted, no negative increment
    /// below some μ₀) or [−1, 2] (one by one), random batch splits with the state read back from JSON before each batch:
    /// the same JSON and rejection time. Every case is valid (no discards).
    /// </summary>
    [Property(MaxTest = 20)]
    public Property Drop_test_batches_equal_one_by_one_updates_on_random_cases(int seed, byte rangeRaw, byte baselineRaw, ushort lengthRaw, byte dropRaw)
    {
        (double lower, double upper) = (rangeRaw % 3) switch { 0 => (-1.0, 1.0), 1 => (-3.0, 1.0), _ => (-1.0, 2.0) };
        double baseline = -1 + 2 * (baselineRaw / 255.0);
        int n = 20_000 + lengthRaw % 240_000;
        var random = new Random(seed);
        var scores = Stream(n, dropRaw % 4 == 0 ? 0 : random.Next(0, n / 2), seed);
        var one = new MeanDropTest(lower, upper, baseline);
        var batched = new MeanDropTest(lower, upper, baseline);
        long firstRejection = 0, batchedRejection = 0;
        for (int i = 0; i < n; i++)
        {
            if (one.Add(Value(scores[i])))
            {
                firstRejection = i + 1;
            }
        }

        int at = 0;
        while (at < n)
        {
            int take = Math.Min(n - at, random.Next(0, 80_000));
            batched = MeanDropTest.FromJson(batched.ToJson());
            if (batched.AddNpsScores(scores.AsSpan(at, take)))
            {
                batchedRejection = batched.RejectedAt!.Value;
            }

            at += take;
        }

        return (one.ToJson() == batched.ToJson() && firstRejection == batchedRejection).ToProperty()
            .Label($"[{lower}, {upper}], μ₀ {baseline}, n {n}: rejected at {firstRejection} one by one, {batchedRejection} batched");
    }

    [Fact]
    public void Drop_test_batch_after_a_non_dyadic_value_stays_exact()
    {
        // U = 0.65 + … is no multiple of ½: the batch cannot count classes and adds one by one, still bit for bit.
        var scores = Stream(50_000, 0, 10);
        var one = new MeanDropTest(-1, 1, Uniform.Mean);
        var batched = new MeanDropTest(-1, 1, Uniform.Mean);
        one.Add(0.3);
        batched.Add(0.3);
        foreach (byte s in scores)
        {
            one.Add(Value(s));
        }

        batched.AddNpsScores(scores);
        Assert.Equal(one.ToJson(), batched.ToJson());
    }

    [Fact]
    public void Drop_test_with_no_negative_increment_still_evaluates_below_the_limit()
    {
        // Range [−3, 1], μ₀ = −2: the NPS values rescale to ½, ¾, 1 (dyadic) and every increment is ≥ 0, but earlier values of −3
        // put S far below 0, where E must be evaluated at every answer until S climbs back: batch = one by one.
        var scores = Stream(60_000, 0, 13);
        var one = new MeanDropTest(-3, 1, -2);
        var batched = new MeanDropTest(-3, 1, -2);
        for (int i = 0; i < 400; i++)
        {
            one.Add(-3);
            batched.Add(-3);
        }

        foreach (byte s in scores)
        {
            one.Add(Value(s));
        }

        batched.AddNpsScores(scores);
        Assert.Equal(one.ToJson(), batched.ToJson());
        Assert.True(batched.Rejected);
    }

    [Fact]
    public void Drop_test_refuses_a_bad_byte_inside_a_counted_block_naming_its_index()
    {
        var scores = Stream(300_000, 0, 11);
        scores[250_001] = 11;
        var test = new MeanDropTest(-1, 1, Uniform.Mean);
        string before = test.ToJson();
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => test.AddNpsScores(scores));
        Assert.Contains("scores[250001] = 11", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, test.ToJson());
    }

    [Fact]
    public void Drop_test_reads_a_version_1_state_and_batches_equal_one_by_one_after_it()
    {
        // Version 1 kept S only; U is taken as S + nμ₀' (rounded once). From there Add and AddNpsScores agree bit for bit.
        string v1 = """{"version":1,"lowerBound":-1,"upperBound":1,"baselineMean":-0.25,"alpha":0.05,"rho":30.5,"count":20000,"unitSum":-12.375,"maxLogEValue":0.5,"rejectedAt":0}""";
        var one = MeanDropTest.FromJson(v1);
        var batched = MeanDropTest.FromJson(v1);
        Assert.Equal(20_000, one.Count);
        Assert.Equal(Math.Exp(-0.5), one.PValue);
        Assert.Contains("\"unitSum\":-12.375", one.ToJson(), StringComparison.Ordinal); // S = U − nμ₀' exactly here (dyadic)
        var scores = Stream(100_000, 20_000, 12);
        foreach (byte s in scores)
        {
            one.Add(Value(s));
        }

        batched.AddNpsScores(scores);
        Assert.Equal(one.ToJson(), batched.ToJson());
        Assert.True(batched.Rejected);
    }

    public static TheoryData<string> Detectors => ["cusum", "glr", "proportion"];

    private static ChangeDetector Detector(string kind) => kind switch
    {
        "cusum" => ChangeDetector.Cusum(Uniform, 0.1, 2_000),
        "glr" => ChangeDetector.Glr(Uniform, 2_000),
        // A 0/1 baseline: the NPS value −1 lies outside its support and is scored by the same tilt.
        _ => ChangeDetector.Cusum(PreChangeDistribution.FromCounts([0.0, 1.0], [6, 4]), 0.1, 2_000),
    };

    [Theory]
    [MemberData(nameof(Detectors))]
    public void Change_detector_batches_equal_one_by_one_updates(string kind)
    {
        // ARL₀ 2,000 over 40,000 answers: many alarms, before and after the drop in the last 10,000.
        var scores = Stream(40_000, 10_000, 6);
        var one = Detector(kind);
        var batched = Detector(kind);
        var alarms = new List<string>();
        var batchedAlarms = new List<string>();
        foreach (byte s in scores)
        {
            if (one.Add(s <= 6 ? -1 : s <= 8 ? 0 : 1))
            {
                alarms.Add(Describe(one.LastAlarm!));
            }
        }

        foreach (var r in Batches(scores.Length, 7000, 7))
        {
            var batch = scores.AsSpan(r);
            while (batched.AddNpsScores(batch, out int used))
            {
                batchedAlarms.Add(Describe(batched.LastAlarm!));
                batch = batch[used..];
            }
        }

        Assert.True(alarms.Count > 3, $"{alarms.Count} alarms");
        Assert.Equal(alarms, batchedAlarms);
        Assert.Equal(one.ToJson(), batched.ToJson());
    }

    private static string Describe(ChangeAlarm a) => FormattableString.Invariant($"{a.Method} {a.AlarmAt} {a.ChangeAt} {a.PostChangeMean:R} {a.Drop:R}");

    [Property]
    public Property Batches_refuse_scores_outside_0_to_10_and_add_nothing(byte[] scores)
    {
        var cs = ConfidenceSequence.ForNps();
        var test = new MeanDropTest(-1, 1, Uniform.Mean);
        var detector = ChangeDetector.Glr(Uniform, 2_000);
        string before = cs.ToJson() + test.ToJson() + detector.ToJson();
        bool valid = scores.All(s => s <= 10);
        try
        {
            cs.AddNpsScores(scores);
            test.AddNpsScores(scores);
            detector.AddNpsScores(scores, out _);
            return valid.ToProperty();
        }
        catch (ArgumentOutOfRangeException)
        {
            return (!valid && before == cs.ToJson() + test.ToJson() + detector.ToJson()).ToProperty();
        }
    }

    [Fact]
    public void A_proportion_sequence_refuses_nps_scores_worth_minus_one()
    {
        var cs = ConfidenceSequence.ForProportion();
        Assert.Throws<ArgumentOutOfRangeException>(() => cs.AddNpsScores([9, 10, 3]));
        Assert.Equal(0, cs.Count);
    }
}
