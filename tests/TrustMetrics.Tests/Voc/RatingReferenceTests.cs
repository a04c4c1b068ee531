using TrustMetrics.Reviews;
using TrustMetrics.Scales;

namespace TrustMetrics.Tests.Voc;

/// <summary>Rating aggregation against survey-metrics.md §3.1–3.4 (Python 3.11 / scipy 1.10.1 values printed to 10 s.f.).</summary>
public class RatingReferenceTests
{
    // §3.1 IMDb weighted rating table.
    [Theory]
    [InlineData(9.2, 1000, 25000, 7.0, 7.084615385)]
    [InlineData(8.5, 500000, 25000, 7.0, 8.428571429)]
    [InlineData(9.0, 3000, 3000, 6.9, 7.95)]
    [InlineData(4.0, 10, 100, 3.5, 3.545454545)]
    public void Bayesian_average_matches_section_3_1(double mean, long votes, double weight, double priorMean, double expected) =>
        Approx.Relative(expected, RatingAggregation.BayesianAverage(mean, votes, new RatingPrior(priorMean, weight)), Approx.Printed);

    [Fact]
    public void Bayesian_average_with_no_votes_is_the_prior_mean_section_3_1() =>
        Assert.Equal(7.0, RatingAggregation.BayesianAverage(double.NaN, 0, new RatingPrior(7.0, 25000)));

    // §3.2 Wilson lower bound; z = 1.959963985 is level 0.95, z = 1.281551565545 (Reddit) is level 0.80.
    [Theory]
    [InlineData(0, 0, 0.0, 0.0)]
    [InlineData(1, 0, 0.2065493144, 0.3784475032)]
    [InlineData(5, 0, 0.5655175352, 0.7527428729)]
    [InlineData(10, 0, 0.7224672001, 0.8589313179)]
    [InlineData(9, 1, 0.5958499732, 0.7175556986)]
    [InlineData(90, 10, 0.8256343385, 0.8548581395)]
    [InlineData(2, 1, 0.2076596008, 0.3211826478)]
    [InlineData(200, 100, 0.6115124569, 0.6309630385)]
    [InlineData(600, 400, 0.5693094295, 0.5799979263)]
    [InlineData(5500, 4500, 0.5402319558, 0.5436166691)]
    public void Wilson_lower_bound_matches_section_3_2(long positive, long negative, double at95, double at80)
    {
        Approx.Absolute(at95, RatingAggregation.WilsonLowerBound(positive, positive + negative, 0.95), Approx.ClosedForm, "z95");
        Approx.Absolute(at80, RatingAggregation.WilsonLowerBound(positive, positive + negative, 0.80), Approx.ClosedForm, "z80");
    }

    // §3.3 beta posterior (scipy stats.beta.ppf).
    [Theory]
    [InlineData(90, 10, 1, 1, 0.8921568627, 0.8629030513, 0.8254471739)]
    [InlineData(9, 1, 1, 1, 0.8333333333, 0.7342975686, 0.587220083)]
    [InlineData(1, 0, 1, 1, 0.6666666667, 0.4082482905, 0.158113883)]
    [InlineData(0, 0, 1, 1, 0.5, 0.1666666667, 0.025)]
    [InlineData(90, 10, 3, 2, 0.8857142857, 0.8560985983, 0.8186268357)]
    public void Beta_posterior_matches_section_3_3(long up, long down, double a, double b, double mean, double sixth, double lower)
    {
        Approx.Absolute(mean, RatingAggregation.BetaPosteriorMean(up, down, a, b), Approx.ClosedForm, "mean");
        Approx.Relative(sixth, RatingAggregation.BetaPosteriorQuantile(up, down, 1.0 / 6.0, a, b), Approx.Quantile, "1/6 quantile");
        Approx.Relative(lower, RatingAggregation.BetaPosteriorQuantile(up, down, 0.025, a, b), Approx.Quantile, "2.5% quantile");
    }

    // §3.4 Dirichlet star ranking; the notes list counts 5★ first, the API takes them 1★ first.
    [Theory]
    [InlineData(new long[] { 60, 80, 75, 20, 25 }, 3.368430746, 3.368811687, 3.345486781)]
    [InlineData(new long[] { 10, 0, 0, 0, 0 }, 3.818855443, 3.820460106, 3.72220719)]
    [InlineData(new long[] { 5, 0, 0, 0, 0 }, 3.296437636, 3.298632057, 3.164268549)]
    [InlineData(new long[] { 1, 0, 0, 0, 0 }, 2.403663653, 2.406563306, 2.229018733)]
    [InlineData(new long[] { 0, 0, 0, 0, 0 }, 2.047372056, 2.050343316, 1.868414266)]
    [InlineData(new long[] { 100, 0, 0, 0, 1 }, 4.764978614, 4.765299703, 4.745639507)]
    public void Dirichlet_score_matches_section_3_4(long[] fiveStarFirst, double at165, double atOneSided95, double atTwoSided95)
    {
        var counts = fiveStarFirst.Reverse().ToArray();
        Approx.Relative(at165, RatingAggregation.DirichletScore(counts, 1, 1.65), Approx.Printed, "z 1.65");
        Approx.Relative(atOneSided95, RatingAggregation.DirichletScore(counts, 1, 1.644853627), Approx.Printed, "z 1.6449");
        Approx.Relative(atTwoSided95, RatingAggregation.DirichletScore(counts, 1, 1.959963985), Approx.Printed, "z 1.96");
    }

    [Fact]
    public void Calculator_uses_the_one_sided_z_for_the_dirichlet_score_section_3_4()
    {
        var tally = ScaleTally.FromCounts(RatingScale.FivePoint, [25, 20, 75, 80, 60]);
        var result = new RatingCalculator().Calculate(tally);
        Approx.Relative(3.368811687, result.DirichletScore, Approx.Printed);
        Assert.Equal(3.5, result.Mean.Value, 12);
        // Positive share (4–5 stars) = 140/260 with its Wilson interval (§2.2 formula; the lower end is the §3.2 key).
        Assert.Equal(140.0 / 260, result.PositiveShare.Value, 12);
        Assert.Equal(RatingAggregation.WilsonLowerBound(140, 260), result.WilsonLowerBound, 12);
    }

    [Fact]
    public void Ranking_orders_stackoverflow_example_like_section_3_4()
    {
        // §3.4: sorted descending by the Dirichlet key → [(10,0,0,0,0), (60,80,75,20,25), (5,0,0,0,0)].
        var items = new Dictionary<string, ScaleTally>
        {
            ["five"] = ScaleTally.FromCounts(RatingScale.FivePoint, [0, 0, 0, 0, 5]),
            ["mixed"] = ScaleTally.FromCounts(RatingScale.FivePoint, [25, 20, 75, 80, 60]),
            ["ten"] = ScaleTally.FromCounts(RatingScale.FivePoint, [0, 0, 0, 0, 10]),
        };
        var ranked = new RatingCalculator().Rank(items, RatingRankKey.DirichletScore);
        Assert.Equal(["ten", "mixed", "five"], ranked.Select(r => r.Key));
        Assert.Equal(3, ranked.Count);
    }

    [Fact]
    public void Pooled_prior_is_the_mean_of_all_ratings_and_the_median_item_count()
    {
        var prior = RatingPrior.Pooled([
            ScaleTally.FromScores(RatingScale.FivePoint, [5, 5, 5]),
            ScaleTally.FromScores(RatingScale.FivePoint, [1]),
            ScaleTally.FromScores(RatingScale.FivePoint, [3, 3, 3, 3, 3, 3]),
        ]);
        Assert.Equal((15 + 1 + 18) / 10.0, prior.Mean, 12);
        Assert.Equal(3.0, prior.Weight);
    }

    [Fact]
    public void Comparison_uses_welch_for_means_and_the_pooled_z_test_for_positive_shares()
    {
        // §6.2 row 1 as star ratings: 150/1000 positive (5★) vs 120/1000 … compared second − first gives the printed z with the sign flipped.
        var first = ScaleTally.FromCounts(RatingScale.FivePoint, [880, 0, 0, 0, 120]);
        var second = ScaleTally.FromCounts(RatingScale.FivePoint, [850, 0, 0, 0, 150]);
        var comparison = new RatingCalculator().Compare(first, second);
        Approx.Relative(-1.963049808, comparison.PositiveShare.Statistic, Approx.Printed, "z");
        Approx.Relative(0.04964038687, comparison.PositiveShare.PValue, Approx.Printed, "p");
        Approx.Absolute(-0.06000825857, comparison.PositiveShare.Interval.Lower, Approx.ClosedForm, "Newcombe lower");
        Approx.Absolute(-1.37824342e-05, comparison.PositiveShare.Interval.Upper, Approx.ClosedForm, "Newcombe upper");
        Assert.Equal("welch-t", comparison.Mean.Test);
        Assert.Equal(-0.12, comparison.Mean.Difference, 12);
    }

    [Fact]
    public void Bad_input_is_named()
    {
        var calculator = new RatingCalculator();
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => calculator.Calculate(ScaleTally.FromScores(calculator.Scale, new byte[] { 1, 2, 9, 3 })));
        Assert.Contains("[2] = 9", error.Message);
        Assert.Throws<ArgumentException>(() => calculator.Calculate(ScaleTally.Empty(RatingScale.FivePoint)));
        var negative = Assert.Throws<ArgumentOutOfRangeException>(() => RatingAggregation.DirichletScore([1, -2, 3]));
        Assert.Contains("counts[1] = -2", negative.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => RatingAggregation.BayesianAverage(4, 0, new RatingPrior(3, 0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RatingCalculator().Calculate(ScaleTally.FromScores(RatingScale.FivePoint, [4]), new RatingPrior(3, -1)));
    }
}
