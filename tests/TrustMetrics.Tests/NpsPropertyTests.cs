using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using TrustMetrics.Nps;
using TrustMetrics.Scales;

namespace TrustMetrics.Tests;

/// <summary>
/// FsCheck laws of NPS tallies and intervals. Generators are bounded (counts ≤ 10⁶, arrays ≤ 2,000 elements) so the 100 default
/// cases of each property stay fast. Laws are mathematical facts about the definitions in survey-metrics.md §1, not reference values.
/// </summary>
public class NpsPropertyTests
{
    private static readonly NpsCalculator Calculator = new();

    /// <summary>A count: often tiny (zeros and single classes matter most), sometimes moderate, sometimes up to 10⁶.</summary>
    private static Gen<long> Count(int max = 1_000_000) => Gen.Frequency(
        (3, Gen.Choose(0, 5)),
        (3, Gen.Choose(0, 300)),
        (2, Gen.Choose(0, max))).Select(c => (long)c);

    /// <summary>A non-empty tally; one case in five has every respondent in one class (V = 0), the edge where intervals degenerate.</summary>
    private static Gen<NpsTally> NonEmptyTally(int max = 1_000_000) => Gen.Frequency(
        (4, from d in Count(max)
            from pa in Count(max)
            from p in Count(max)
            select new NpsTally(d, pa, p)),
        (1, from n in Count(max)
            from k in Gen.Choose(0, 2)
            select k == 0 ? new NpsTally(n, 0, 0) : k == 1 ? new NpsTally(0, n, 0) : new NpsTally(0, 0, n)))
        .Where(t => t.Count > 0);

    private static Gen<int[]> Scores(int maxLength = 2000) =>
        from length in Gen.Frequency((3, Gen.Choose(0, 100)), (2, Gen.Choose(0, maxLength)))
        from scores in Gen.Choose(0, 10).ArrayOf(length)
        select scores;

    private static Gen<int[]> NonEmptyScores(int maxLength = 2000) => Scores(maxLength).Where(s => s.Length > 0);

    [Property]
    public Property Score_and_interval_lie_within_plus_minus_100_for_the_closed_form_and_score_methods() =>
        Prop.ForAll(NonEmptyTally().ToArbitrary(), tally =>
        {
            foreach (var method in new[] { NpsIntervalMethod.Score, NpsIntervalMethod.AdjustedWald, NpsIntervalMethod.Wald })
            {
                AssertWithinRange(tally, method);
            }
        });

    /// <summary>
    /// The Bayesian interval costs one adaptive quadrature per CDF evaluation (≈ 0.1–1 s per interval at n ≈ 10⁶), so its laws use
    /// counts ≤ 300 to keep the suite within its time budget; large-n behaviour is covered by BadInputTests' 8·10⁹ tally.
    /// </summary>
    [Property]
    public Property Bayesian_score_and_interval_lie_within_plus_minus_100() =>
        Prop.ForAll(NonEmptyTally(300).ToArbitrary(), tally => AssertWithinRange(tally, NpsIntervalMethod.Bayesian));

    private static void AssertWithinRange(NpsTally tally, NpsIntervalMethod method)
    {
        var result = Calculator.Calculate(tally, 0.95, method);
        Assert.InRange(result.Score.Value, -100.0, 100.0);
        Assert.InRange(result.Interval.Lower, -100.0, 100.0);
        Assert.InRange(result.Interval.Upper, -100.0, 100.0);
        Assert.True(result.Interval.Lower <= result.Interval.Upper, $"{method}: {result.Interval}");
        Assert.True(double.IsFinite(result.StandardError));
    }

    [Property]
    public Property Shuffling_the_scores_gives_the_same_tally_and_result() =>
        Prop.ForAll(NonEmptyScores().SelectMany(s => Gen.Shuffle(s), (s, shuffled) => (Scores: s, Shuffled: shuffled)).ToArbitrary(), pair =>
        {
            Assert.Equal(NpsTally.FromScores(pair.Scores), NpsTally.FromScores(pair.Shuffled));
            Assert.Equal(Calculator.Calculate(pair.Scores).Score, Calculator.Calculate(pair.Shuffled).Score);
        });

    [Property]
    public Property Merging_tallies_equals_tallying_the_concatenation() =>
        Prop.ForAll(Gen.Zip(Scores(), Scores()).ToArbitrary(), pair =>
        {
            var (a, b) = pair;
            int[] both = [.. a, .. b];
            Assert.Equal(NpsTally.FromScores(both), NpsTally.FromScores(a) + NpsTally.FromScores(b));
            Assert.Equal(NpsTally.FromScores(both), NpsTally.FromScores(a).Merge(NpsTally.FromScores(b)));
        });

    [Property]
    public Property Merging_scale_tallies_equals_tallying_the_concatenation() =>
        Prop.ForAll(Gen.Zip(Gen.Choose(1, 5).ArrayOf(), Gen.Choose(1, 5).ArrayOf()).ToArbitrary(), pair =>
        {
            var (a, b) = pair;
            var scale = RatingScale.FivePoint;
            int[] both = [.. a, .. b];
            Assert.Equal(ScaleTally.FromScores(scale, both), ScaleTally.FromScores(scale, a).Merge(ScaleTally.FromScores(scale, b)));
        });

    [Property]
    public Property Merging_weighted_tallies_equals_tallying_the_concatenation()
    {
        // Small integer-valued weights: every partial sum of w and w² is an exactly representable integer, so the merged sums and the
        // sums over the concatenation are bit-for-bit equal whatever the order of addition.
        var response = Gen.Zip(Gen.Choose(0, 10), Gen.Choose(0, 20).Select(w => (double)w));
        var responses = response.ArrayOf();
        return Prop.ForAll(Gen.Zip(responses, responses).ToArbitrary(), pair =>
        {
            var (a, b) = pair;
            var both = a.Concat(b).ToArray();
            var merged = Tally(a).Merge(Tally(b));
            Assert.Equal(Tally(both), merged);
            Assert.Equal(WeightedNpsTally.FromScores(both), merged);
        });

        static WeightedNpsTally Tally((int Score, double Weight)[] r) =>
            WeightedNpsTally.FromScores(r.Select(x => x.Score).ToArray(), r.Select(x => x.Weight).ToArray());
    }

    [Property]
    public Property Adding_a_promoter_never_lowers_the_score() =>
        Prop.ForAll(Gen.Zip(NonEmptyTally(), Gen.Elements(9, 10)).ToArbitrary(), pair =>
        {
            var (tally, promoterScore) = pair;
            double before = Calculator.Calculate(tally, 0.95, NpsIntervalMethod.Wald).Score.Value;
            double after = Calculator.Calculate(tally.Add(promoterScore), 0.95, NpsIntervalMethod.Wald).Score.Value;
            // (P + 1 − D)/(n + 1) ≥ (P − D)/n ⇔ n ≥ P − D, always true.
            Assert.True(after >= before, $"{tally}: {before} → {after}");
        });

    [Property]
    public Property Byte_span_int_span_and_enumerable_inputs_agree() =>
        // Lengths up to 2,000 cover the SIMD path of FromScores(ReadOnlySpan<byte>) (≥ Vector<byte>.Count = 16/32/64 bytes) and
        // tails that are not a multiple of the vector width; the stream is wrapped so the non-array, non-list path runs too.
        Prop.ForAll(Scores().ToArbitrary(), scores =>
        {
            byte[] bytes = scores.Select(s => (byte)s).ToArray();
            var expected = NpsTally.FromScores(scores);
            Assert.Equal(expected, NpsTally.FromScores(bytes));
            Assert.Equal(expected, NpsTally.FromScores(scores.Select(s => s)));
            Assert.Equal(expected, NpsTally.FromScores(scores.ToList()));
            Assert.Equal(expected, NaiveTally(scores));
        });

    [Theory]
    [InlineData(255 * 32 + 1)]          // just past one counter flush with 32-byte vectors (AVX2)
    [InlineData(255 * 32 * 3 + 17)]     // several flushes, tail not a multiple of 32
    [InlineData(255 * 64 * 2 + 63)]     // several flushes with 64-byte vectors (AVX-512), ragged tail
    public void Byte_counts_survive_the_lane_counter_flush(int length)
    {
        // Deterministic pseudo-random scores (seeded) plus the worst case for the 8-bit lane counters: every byte in one class,
        // so every lane counts every vector of a 255-vector block.
        var random = new Random(20240517);
        byte[] mixed = new byte[length];
        for (int i = 0; i < length; i++)
        {
            mixed[i] = (byte)random.Next(0, 11);
        }

        Assert.Equal(NaiveTally(mixed.Select(b => (int)b).ToArray()), NpsTally.FromScores(mixed));
        Assert.Equal(new NpsTally(length, 0, 0), NpsTally.FromScores(Enumerable.Repeat((byte)0, length).ToArray()));
        Assert.Equal(new NpsTally(length, 0, 0), NpsTally.FromScores(Enumerable.Repeat((byte)6, length).ToArray()));
        Assert.Equal(new NpsTally(0, length, 0), NpsTally.FromScores(Enumerable.Repeat((byte)8, length).ToArray()));
        Assert.Equal(new NpsTally(0, 0, length), NpsTally.FromScores(Enumerable.Repeat((byte)10, length).ToArray()));
        Assert.Equal(new NpsTally(0, 0, length), NpsTally.FromScores(Enumerable.Repeat((byte)9, length).ToArray()));
    }

    [Property]
    public Property Wald_and_score_intervals_contain_the_point_estimate() =>
        Prop.ForAll(NonEmptyTally().ToArbitrary(), tally =>
        {
            foreach (var method in new[] { NpsIntervalMethod.Wald, NpsIntervalMethod.Score })
            {
                var result = Calculator.Calculate(tally, 0.95, method);
                Assert.True(result.Interval.Contains(result.Score.Value), $"{method} {tally}: {result.Score.Value} ∉ {result.Interval}");
            }
        });

    [Property]
    public Property Adjusted_Wald_and_Bayesian_intervals_are_ordered_and_within_range() =>
        // These two methods centre on a shrunk estimate — NPS' = (P − D)/(n + 3), which is also the Dir(1,1,1) posterior mean
        // (survey-metrics.md §1.5 note) — so for small, extreme samples the interval may legitimately exclude the raw NPS
        // (e.g. (0,0,1): raw NPS 100, adjusted upper bound below 100). The law is only: lower ≤ upper, both in [−100, 100].
        // Counts ≤ 300 because of the Bayesian quadrature's cost (see above).
        Prop.ForAll(NonEmptyTally(300).ToArbitrary(), tally =>
        {
            foreach (var method in new[] { NpsIntervalMethod.AdjustedWald, NpsIntervalMethod.Bayesian })
            {
                var interval = Calculator.Calculate(tally, 0.95, method).Interval;
                Assert.True(-100 <= interval.Lower && interval.Lower <= interval.Upper && interval.Upper <= 100, $"{method} {tally}: {interval}");
            }
        });

    [Property]
    public Property Interval_narrows_when_the_sample_grows_with_fixed_shares() =>
        Prop.ForAll(NonEmptyTally(250_000).ToArbitrary(), tally =>
        {
            var larger = new NpsTally(4 * tally.Detractors, 4 * tally.Passives, 4 * tally.Promoters);
            foreach (var method in new[] { NpsIntervalMethod.Wald, NpsIntervalMethod.Score, NpsIntervalMethod.AdjustedWald })
            {
                double small = Calculator.Calculate(tally, 0.95, method).Interval.Width;
                double big = Calculator.Calculate(larger, 0.95, method).Interval.Width;
                bool oneClass = tally.Detractors == tally.Count || tally.Passives == tally.Count || tally.Promoters == tally.Count;
                if (method == NpsIntervalMethod.Wald && oneClass)
                {
                    // V = 0: the Wald interval is degenerate at any n (§1.2).
                    Assert.Equal(0.0, small);
                    Assert.Equal(0.0, big);
                }
                else
                {
                    Assert.True(big < small, $"{method} {tally}: width {small} at n, {big} at 4n");
                }
            }
        });

    private static NpsTally NaiveTally(int[] scores) => new(
        scores.Count(s => s <= 6), scores.Count(s => s is 7 or 8), scores.Count(s => s >= 9));
}
