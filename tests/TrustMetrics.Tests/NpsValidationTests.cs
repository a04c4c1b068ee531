using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using TrustMetrics.Engagement;
using TrustMetrics.Nps;
using TrustMetrics.Scales;

namespace TrustMetrics.Tests;

/// <summary>
/// Issue 12 for the survey family (Nps, Scales, Engagement, Grouping): tallies are valid by construction, travel as JSON through
/// <see cref="Serialization.IAccumulator{TSelf}"/>, and no public entry point turns NaN, ±∞ or a negative count into a silent NaN.
/// </summary>
public class NpsValidationTests
{
    private static readonly NpsCalculator Nps = new();
    private static readonly CsatCalculator Csat = new();

    [Fact]
    public void A_tally_with_a_negative_count_cannot_be_built()
    {
        // The example: NpsComparison.Compare(new NpsTally(-5, 0, 10), …) returned a difference above 100 points.
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new NpsTally(-5, 0, 10));
        Assert.Equal("detractors", e.ParamName);
        Assert.Contains("-5", e.Message, StringComparison.Ordinal);
        Assert.Equal("passives", Assert.Throws<ArgumentOutOfRangeException>(() => new NpsTally(0, -1, 10)).ParamName);
        Assert.Equal("promoters", Assert.Throws<ArgumentOutOfRangeException>(() => new NpsTally(0, 0, long.MinValue)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => new NpsTally(long.MaxValue, 1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new NpsTally(long.MaxValue, 0, 0) + new NpsTally(1, 0, 0));
    }

    [Fact]
    public void The_default_tally_is_the_empty_tally() =>
        Assert.Equal(new NpsTally(0, 0, 0), default(NpsTally));

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(-0.5)]
    public void A_weighted_tally_with_a_non_finite_or_negative_sum_cannot_be_built(double bad)
    {
        var counts = new NpsTally(1, 1, 1);
        Assert.Equal("detractorWeight", Assert.Throws<ArgumentOutOfRangeException>(() => new WeightedNpsTally(counts, bad, 1, 1, 1, 1, 1)).ParamName);
        Assert.Equal("passiveWeightSquares", Assert.Throws<ArgumentOutOfRangeException>(() => new WeightedNpsTally(counts, 1, 1, 1, 1, bad, 1)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => WeightedNpsTally.Empty.Add(9, bad));
        Assert.Throws<ArgumentOutOfRangeException>(() => WeightedNpsTally.FromScores([9, 3], [1.0, bad]));
    }

    [Fact]
    public void A_class_without_responses_cannot_carry_weight() =>
        Assert.Equal("promoterWeight", Assert.Throws<ArgumentOutOfRangeException>(
            () => new WeightedNpsTally(new NpsTally(1, 1, 0), 1, 1, 2, 1, 1, 0)).ParamName);

    [Fact]
    public void All_zero_weights_are_refused_and_a_weight_whose_square_overflows_too()
    {
        var zero = WeightedNpsTally.FromScores([9, 8, 3], [0.0, 0.0, 0.0]);
        Assert.Contains("positive total weight", Assert.Throws<ArgumentException>(() => Nps.CalculateWeighted(zero)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => WeightedNpsTally.Empty.Add(9, 1e200));
    }

    [Fact]
    public void Scaling_every_weight_changes_nothing_even_near_the_double_range()
    {
        // Closed form: the weighted shares, the linearization SE and n_eff are invariant to multiplying every weight by c > 0,
        // so weights of 1e150 (Σw² ≈ 1e301, finite) must give the unit-weight results; (Σw)² overflows, which the calculator avoids.
        int[] scores = [10, 9, 9, 8, 7, 6, 5, 10, 3, 9];
        double[] unit = [1.0, 2.0, 0.5, 1.5, 1.0, 2.5, 1.0, 0.8, 1.2, 1.5];
        var reference = Nps.CalculateWeighted(WeightedNpsTally.FromScores(scores, unit));
        var huge = Nps.CalculateWeighted(WeightedNpsTally.FromScores(scores, unit.Select(w => w * 1e150).ToArray()));
        Approx.Relative(reference.Score.Value, huge.Score.Value, 1e-12, "NPS_w");
        Approx.Relative(reference.Score.StandardError, huge.Score.StandardError, 1e-12, "linearization SE");
        Approx.Relative(reference.KishStandardError, huge.KishStandardError, 1e-12, "Kish SE");
        Approx.Relative(reference.Tally.EffectiveSampleSize, huge.Tally.EffectiveSampleSize, 1e-12, "n_eff");
    }

    [Fact]
    public void One_weighted_response_has_an_infinite_documented_standard_error()
    {
        var one = Nps.CalculateWeighted(WeightedNpsTally.Empty.Add(10, 2.0));
        Assert.Equal(100.0, one.Score.Value);
        Assert.Equal(double.PositiveInfinity, one.Score.StandardError);
        Assert.Equal(-100.0, one.Score.Interval.Lower);
        Assert.Equal(100.0, one.Score.Interval.Upper);
    }

    [Fact]
    public void Tallies_round_trip_through_json()
    {
        var nps = new NpsTally(12, 30, 58);
        Assert.Equal("""{"version":1,"detractors":12,"passives":30,"promoters":58}""", nps.ToJson());
        Assert.Equal(nps, NpsTally.FromJson(nps.ToJson()));

        var weighted = WeightedNpsTally.FromScores([10, 9, 3, 7], [1.5, 0.25, 2.0, 1.0]);
        Assert.Equal(weighted, WeightedNpsTally.FromJson(weighted.ToJson()));

        var scale = ScaleTally.FromScores(new RatingScale(-3, 3), [-3, 0, 3, 3, 1]);
        Assert.Equal("""{"version":1,"min":-3,"max":3,"counts":[1,0,0,1,1,0,2]}""", scale.ToJson());
        Assert.Equal(scale, ScaleTally.FromJson(scale.ToJson()));
    }

    [Fact]
    public void Json_with_an_invalid_field_is_refused_naming_it()
    {
        Assert.Contains("Passives = -4", Assert.Throws<ArgumentException>(
            () => NpsTally.FromJson("""{"version":1,"detractors":1,"passives":-4,"promoters":3}""")).Message, StringComparison.Ordinal);
        Assert.Contains("Version = 2", Assert.Throws<ArgumentException>(
            () => NpsTally.FromJson("""{"version":2,"detractors":1,"passives":4,"promoters":3}""")).Message, StringComparison.Ordinal);
        Assert.Contains("PassiveWeight = NaN", Assert.Throws<ArgumentException>(() => WeightedNpsTally.FromJson(
            """{"version":1,"detractors":1,"passives":1,"promoters":1,"detractorWeight":1,"passiveWeight":"NaN","promoterWeight":1,"detractorWeightSquares":1,"passiveWeightSquares":1,"promoterWeightSquares":1}""")).Message,
            StringComparison.Ordinal);
        Assert.Contains("Counts[1] = -2", Assert.Throws<ArgumentException>(
            () => ScaleTally.FromJson("""{"version":1,"min":1,"max":3,"counts":[1,-2,3]}""")).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ScaleTally.FromJson("not json"));
    }

    [Fact]
    public void Bipolar_scales_work_end_to_end()
    {
        // −3..3 agreement scale, top box ≥ 2: 3 of 5 answers; mean (−3 + 0 + 3 + 3 + 2)/5 = 1 (closed form).
        var calculator = new CsatCalculator(new TrustMetricsOptions { CsatScale = new RatingScale(-3, 3), CsatThreshold = 2 });
        var result = calculator.Calculate([-3, 0, 3, 3, 2]);
        Approx.Relative(60.0, result.TopBox.Value, 1e-15, "top box");
        Approx.Relative(1.0, result.Mean.Value, 1e-15, "mean");
    }

    [Fact]
    public void Breakdowns_deconstruct_into_key_and_result()
    {
        var (group, result) = Nps.CalculateByGroup(new[] { ("web", 9), ("web", 3) })[0];
        Assert.Equal("web", group);
        Assert.Equal(new NpsTally(1, 0, 1), result.Tally);
    }

    /// <summary>A value no public entry accepts where a finite non-negative number is required: NaN, ±∞ or a negative finite number.</summary>
    private static Gen<double> BadDouble() => Gen.Frequency(
        (1, Gen.Elements(double.NaN, double.PositiveInfinity, double.NegativeInfinity)),
        (2, Gen.Choose(1, 1_000_000).Select(k => -k / 64.0)));

    private static Gen<long> NegativeCount() => Gen.Frequency(
        (3, Gen.Choose(1, 1_000_000).Select(k => -(long)k)),
        (1, Gen.Constant(long.MinValue)));

    /// <summary>
    /// Every public entry of the family refuses NaN, ±∞ and negative values with an <see cref="ArgumentException"/> (or subclass);
    /// a silent NaN would need one of these calls to return.
    /// </summary>
    [Property]
    public Property Bad_numbers_are_refused_at_every_public_entry() =>
        Prop.ForAll(Gen.Zip(BadDouble(), NegativeCount()).ToArbitrary(), bad =>
        {
            var (x, n) = bad;
            var tally = new NpsTally(3, 4, 5);
            var weighted = WeightedNpsTally.FromScores([10, 9, 3], [1.0, 2.0, 0.5]);
            var scale = ScaleTally.FromScores(RatingScale.FivePoint, [5, 4, 4, 3, 1]);
            Action[] calls =
            [
                () => _ = new NpsTally(n, 1, 1),
                () => _ = new NpsTally(1, 1, n),
                () => _ = new WeightedNpsTally(tally, x, 1, 1, 1, 1, 1),
                () => _ = new WeightedNpsTally(tally, 1, 1, 1, 1, 1, x),
                () => _ = weighted.Add(9, x),
                () => _ = WeightedNpsTally.FromScores([9, 8], [1.0, x]),
                () => _ = WeightedNpsTally.FromScores(new[] { (9, x) }),
                () => _ = Nps.Calculate(tally, x),
                () => _ = Nps.CalculateWeighted(weighted, x),
                () => _ = Nps.Compare(tally, tally, x),
                () => _ = NpsSampleSize.ForMarginOfError(x, 0.5, 0.2),
                () => _ = NpsSampleSize.ForMarginOfError(5, x, 0.2),
                () => _ = NpsSampleSize.ForComparison(10, 0.5, 0.2, 0.5, 0.2, 0.95, x),
                () => _ = ScaleTally.FromCounts(RatingScale.FivePoint, [1, 2, n, 4, 5]),
                () => _ = Csat.Calculate(scale, x),
                () => _ = Csat.Compare(scale, scale, x),
                () => _ = new EngagementCalculator().ParticipationRate(n, 10),
                () => _ = new EngagementCalculator().ParticipationRate(3, 10, x),
                () => _ = new EngagementCalculator().Compare(3, 10, n, 10),
            ];
            foreach (var call in calls)
            {
                Assert.ThrowsAny<ArgumentException>(call);
            }
        });
}
