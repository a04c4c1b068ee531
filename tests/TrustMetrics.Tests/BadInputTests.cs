using TrustMetrics.Estimation;
using TrustMetrics.Nps;
using TrustMetrics.Scales;

namespace TrustMetrics.Tests;

/// <summary>Argument validation at the public edge: every message names the argument and the offending value.</summary>
public class BadInputTests
{
    private static readonly NpsCalculator Nps = new();
    private static readonly CsatCalculator Csat = new();

    [Fact]
    public void Byte_score_above_10_names_index_and_value()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => NpsTally.FromScores(new byte[] { 1, 2, 3, 11 }));
        Assert.Contains("scores[3] = 11", e.Message, StringComparison.Ordinal);
        Assert.Equal("scores", e.ParamName);
        Assert.Equal((byte)11, Convert.ToByte(e.ActualValue, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(100)]   // inside the vectorised part (length 300 ≥ Vector<byte>.Count)
    [InlineData(299)]   // in the scalar tail or last vector
    [InlineData(0)]
    public void Byte_score_above_10_on_the_vectorised_path_names_its_index(int index)
    {
        byte[] scores = Enumerable.Range(0, 300).Select(i => (byte)(i % 11)).ToArray();
        scores[index] = 200;
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => NpsTally.FromScores(scores));
        Assert.Contains($"scores[{index}] = 200", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => Nps.Calculate(NpsTally.FromScores((ReadOnlySpan<byte>)scores)));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(11)]
    [InlineData(int.MinValue)]
    public void Int_score_outside_0_10_names_index_and_value_on_every_input_path(int bad)
    {
        int[] scores = [9, 7, 0, bad, 10];
        string expected = $"scores[3] = {bad}";
        Assert.Contains(expected, Assert.Throws<ArgumentOutOfRangeException>(() => NpsTally.FromScores(scores)).Message, StringComparison.Ordinal);
        Assert.Contains(expected, Assert.Throws<ArgumentOutOfRangeException>(() => NpsTally.FromScores(scores.ToList())).Message, StringComparison.Ordinal);
        Assert.Contains(expected, Assert.Throws<ArgumentOutOfRangeException>(() => NpsTally.FromScores(scores.Select(s => s))).Message, StringComparison.Ordinal);
        Assert.Contains(expected, Assert.Throws<ArgumentOutOfRangeException>(() => Nps.Calculate(scores)).Message, StringComparison.Ordinal);
        Assert.Contains(expected, Assert.Throws<ArgumentOutOfRangeException>(() => Nps.Calculate(scores.Select(s => s))).Message, StringComparison.Ordinal);
        Assert.Contains(expected, Assert.Throws<ArgumentOutOfRangeException>(() => WeightedNpsTally.FromScores(scores, [1, 1, 1, 1, 1])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => NpsTally.Empty.Add(bad));
        Assert.Throws<ArgumentOutOfRangeException>(() => NpsScale.Classify(bad));
    }

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    [InlineData(-1.5, "-1.5")]
    public void Invalid_weight_names_index_and_value(double weight, string rendered)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => WeightedNpsTally.FromScores([9, 8, 3], [1.0, 2.0, weight]));
        Assert.Contains($"weights[2] = {rendered}", e.Message, StringComparison.Ordinal);
        Assert.Equal("weights", e.ParamName);

        var stream = Assert.Throws<ArgumentOutOfRangeException>(() => WeightedNpsTally.FromScores(new[] { (9, 1.0), (8, 2.0), (3, weight) }.AsEnumerable()));
        Assert.Contains($"responses[2] = {rendered}", stream.Message, StringComparison.Ordinal);

        Assert.Throws<ArgumentOutOfRangeException>(() => WeightedNpsTally.Empty.Add(9, weight));
        Assert.Throws<ArgumentOutOfRangeException>(() => Nps.CalculateWeighted(WeightedNpsTally.FromScores([9, 8, 3], [1.0, 2.0, weight])));
    }

    [Fact]
    public void Mismatched_score_and_weight_lengths_are_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => WeightedNpsTally.FromScores([9, 8, 3], [1.0, 2.0]));
        Assert.Equal("weights", e.ParamName);
        Assert.Contains("3", e.Message, StringComparison.Ordinal);
        Assert.Contains("2", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Nps.CalculateWeighted(WeightedNpsTally.FromScores([9, 8], [1.0, 2.0, 3.0])));
    }

    [Fact]
    public void All_zero_weights_are_rejected_as_no_total_weight() =>
        Assert.Throws<ArgumentException>(() => Nps.CalculateWeighted(WeightedNpsTally.FromScores([9, 8, 3], [0.0, 0.0, 0.0])));

    public static TheoryData<double> BadLevels => new() { 0.0, 1.0, double.NaN, 1.5, -0.5, double.PositiveInfinity };

    [Theory]
    [MemberData(nameof(BadLevels))]
    public void Confidence_level_outside_the_open_unit_interval_is_rejected_everywhere(double level)
    {
        var tally = new NpsTally(20, 30, 50);
        var scale = ScaleTally.FromScores(RatingScale.FivePoint, [5, 4, 3, 2]);
        Action[] calls =
        [
            () => Nps.Calculate(tally, level),
            () => Nps.Calculate(tally, level, NpsIntervalMethod.Bayesian),
            () => Nps.CalculateWeighted(WeightedNpsTally.FromScores([9, 8, 3], [1.0, 1.0, 1.0]), level),
            () => Nps.Compare(tally, tally, level),
            () => NpsComparison.Compare(tally, tally, level, NpsComparisonMethod.Wald),
            () => NpsSampleSize.ForMarginOfError(5, 0.5, 0.2, level),
            () => NpsSampleSize.ForComparison(10, 0.5, 0.2, 0.5, 0.2, level),
            () => ProportionIntervals.Compute(3, 10, level),
            () => ProportionIntervals.Compute(3, 10, level, ProportionIntervalMethod.ClopperPearson),
            () => ProportionComparison.Compare(3, 10, 4, 10, level),
            () => MeanIntervals.StudentT(10, 3.9, 1.0, level),
            () => MeanIntervals.Welch(4, 5.0, 2.0, 10, 3.0, 5.0, level),
            () => Csat.Calculate(scale, level),
            () => Csat.Compare(scale, scale, level),
        ];

        foreach (var call in calls)
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(call);
            Assert.Contains("confidence", (e.ParamName ?? string.Empty) + e.Message, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Empty_input_is_an_argument_exception()
    {
        // Exactly ArgumentException (Assert.Throws is exact): an empty sample is not an out-of-range value.
        Assert.Throws<ArgumentException>(() => Nps.Calculate(NpsTally.Empty));
        Assert.Throws<ArgumentException>(() => Nps.Calculate(NpsTally.FromScores(ReadOnlySpan<byte>.Empty)));
        Assert.Throws<ArgumentException>(() => Nps.Calculate(NpsTally.FromScores(ReadOnlySpan<int>.Empty)));
        Assert.Throws<ArgumentException>(() => Nps.Calculate(Enumerable.Empty<int>()));
        Assert.Throws<ArgumentException>(() => Nps.Calculate(Array.Empty<int>().Select(x => x)));
        Assert.Throws<ArgumentException>(() => Nps.CalculateWeighted(WeightedNpsTally.Empty));
        Assert.Throws<ArgumentException>(() => Nps.CalculateWeighted(WeightedNpsTally.FromScores(ReadOnlySpan<int>.Empty, ReadOnlySpan<double>.Empty)));
        Assert.Throws<ArgumentException>(() => Nps.Compare(NpsTally.Empty, new NpsTally(1, 1, 1)));
        Assert.Throws<ArgumentException>(() => NpsComparison.Compare(new NpsTally(1, 1, 1), NpsTally.Empty));
        Assert.Throws<ArgumentException>(() => Csat.Calculate(Array.Empty<int>()));
        Assert.Throws<ArgumentException>(() => Csat.Calculate(ScaleTally.Empty(RatingScale.FivePoint)));
        Assert.Throws<ArgumentException>(() => new CesCalculator().Calculate(Enumerable.Empty<int>()));

        var e = Assert.Throws<ArgumentException>(() => Nps.Calculate(NpsTally.Empty));
        Assert.Equal("tally", e.ParamName);
        Assert.Contains("empty", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Negative_counts_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new NpsTally(-1, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new NpsTally(0, -1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new NpsTally(0, 0, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Nps.Calculate(new NpsTally(-1, 3, 2)));
        Assert.Throws<ArgumentOutOfRangeException>(() => ScaleTally.FromCounts(RatingScale.FivePoint, [1, 2, -3, 4, 5]));
        Assert.Throws<ArgumentOutOfRangeException>(() => ProportionIntervals.Compute(-1, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => ProportionIntervals.Compute(11, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => ProportionIntervals.Compute(0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => MeanIntervals.StudentT(0, 3.0, 1.0, 0.95));
        Assert.Throws<ArgumentOutOfRangeException>(() => MeanIntervals.Welch(1, 3.0, 1.0, 5, 3.0, 1.0));
    }

    [Fact]
    public void Unknown_methods_are_rejected()
    {
        var tally = new NpsTally(1, 2, 3);
        Assert.Throws<ArgumentOutOfRangeException>(() => Nps.Calculate(tally, 0.95, (NpsIntervalMethod)42));
        Assert.Throws<ArgumentOutOfRangeException>(() => NpsComparison.Compare(tally, tally, 0.95, (NpsComparisonMethod)42));
        Assert.Throws<ArgumentOutOfRangeException>(() => ProportionIntervals.Compute(3, 10, 0.95, (ProportionIntervalMethod)42));
    }

    [Theory]
    [InlineData(6)]
    [InlineData(0)]
    [InlineData(-3)]
    public void Off_scale_answer_names_index_and_value(int bad)
    {
        int[] answers = [1, 5, bad, 3];
        string expected = $"scores[2] = {bad}";
        Assert.Contains(expected, Assert.Throws<ArgumentOutOfRangeException>(() => ScaleTally.FromScores(RatingScale.FivePoint, answers)).Message, StringComparison.Ordinal);
        Assert.Contains(expected, Assert.Throws<ArgumentOutOfRangeException>(() => ScaleTally.FromScores(RatingScale.FivePoint, answers.Select(a => a))).Message, StringComparison.Ordinal);
        Assert.Contains(expected, Assert.Throws<ArgumentOutOfRangeException>(() => Csat.Calculate(answers)).Message, StringComparison.Ordinal);
        Assert.Contains("responses[2] = " + bad, Assert.Throws<ArgumentOutOfRangeException>(
            () => Csat.CalculateByGroup(new[] { ("a", 1), ("b", 5), ("a", bad) })).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Off_scale_byte_answer_names_index_and_value()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ScaleTally.FromScores(RatingScale.FivePoint, new byte[] { 1, 2, 0 }));
        Assert.Contains("scores[2] = 0", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scale_tallies_of_different_scales_do_not_merge_or_mix()
    {
        var five = ScaleTally.FromScores(RatingScale.FivePoint, [1, 2, 3]);
        var seven = ScaleTally.FromScores(RatingScale.SevenPoint, [1, 2, 3]);
                Assert.Throws<ArgumentException>(() => five.Merge(seven));
        // A calculator refuses a tally on another scale.
        Assert.Throws<ArgumentException>(() => Csat.Calculate(seven));
        Assert.Throws<ArgumentException>(() => Csat.Compare(five, seven));
        // Wrong number of counts for the scale.
        Assert.Throws<ArgumentException>(() => ScaleTally.FromCounts(RatingScale.FivePoint, [1, 2, 3]));
    }

    [Fact]
    public void Invalid_rating_scales_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RatingScale(5, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RatingScale(5, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RatingScale(0, RatingScale.MaxPoints));
        Assert.Throws<ArgumentException>(() => ScaleTally.Empty(default));
        Assert.Throws<FormatException>(() => RatingScale.Parse("five"));
        Assert.Equal(new RatingScale(1, 5), RatingScale.Parse("1-5"));
        Assert.Equal(new RatingScale(0, 10), RatingScale.Parse("0..10"));
    }

    [Fact]
    public void Counts_are_64_bit_and_huge_tallies_give_finite_intervals()
    {
        // n = 8·10⁹ > int.MaxValue. Hand-derived: NPS = (4 − 3)/8 = 0.125 → 12.5 points; V = 0.5 + 0.375 − 0.125² = 0.859375,
        // SE = 100·√(V/n).
        var tally = new NpsTally(3_000_000_000, 1_000_000_000, 4_000_000_000);
        Assert.Equal(8_000_000_000, tally.Count);
        foreach (var method in Enum.GetValues<NpsIntervalMethod>())
        {
            var result = Nps.Calculate(tally, 0.95, method);
            Assert.Equal(12.5, result.Score.Value, 12);
            Approx.Relative(100 * Math.Sqrt(0.859375 / 8e9), result.StandardError, 1e-12, "SE");
            Assert.True(double.IsFinite(result.Interval.Lower) && double.IsFinite(result.Interval.Upper), $"{method}: {result.Interval}");
            Assert.True(result.Interval.Lower < 12.5 && 12.5 < result.Interval.Upper, $"{method}: {result.Interval}");
            // Every method is close to Wald at this n: half-width ≈ 100·1.96·√(V/n) ≈ 0.00203 points.
            Assert.InRange(result.Interval.HalfWidth, 0.002, 0.0021);
        }
    }

    [Fact]
    public void Merging_past_long_max_overflows_loudly()
    {
        var huge = new NpsTally(long.MaxValue, 0, 0);
        // An overflowing merge is refused like any other count out of range (ArgumentOutOfRangeException naming the class).
        Assert.Equal("detractors", Assert.Throws<ArgumentOutOfRangeException>(() => huge + new NpsTally(1, 0, 0)).ParamName);
    }
}
