using TrustMetrics.Scales;

namespace TrustMetrics.Tests;

public class ScaleComparisonTests
{
    private static readonly CsatCalculator Csat = new();

    [Fact]
    public void Csat_comparison_combines_the_pooled_z_test_and_welch()
    {
        // Top box 120/1000 vs 150/1000 is survey-metrics.md §6.2 row 1 (statsmodels 0.13.5 proportions_ztest):
        // z = −1.963049808, p = 0.04964038687, Newcombe CI [−0.06000825857, −1.37824342e-05] (here in points).
        var first = ScaleTally.FromCounts(RatingScale.FivePoint, [400, 300, 180, 60, 60]);
        var second = ScaleTally.FromCounts(RatingScale.FivePoint, [400, 300, 150, 100, 50]);
        var result = Csat.Compare(first, second);

        Assert.Equal(-3.0, result.TopBox.Difference, 9);
        Assert.Equal(-1.963049808, result.TopBox.Statistic, 8);
        Assert.Equal(0.04964038687, result.TopBox.PValue, 9);
        Assert.Equal(-6.000825857, result.TopBox.Interval.Lower, 7);
        Assert.Equal(-0.00137824342, result.TopBox.Interval.Upper, 9);
        Assert.Equal(first.Mean - second.Mean, result.Mean.Difference, 12);
        Assert.Equal("welch-t", result.Mean.Test);
    }

    [Fact]
    public void Comparing_an_empty_or_single_answer_sample_names_the_argument()
    {
        var some = ScaleTally.FromScores(RatingScale.FivePoint, [4, 5, 2]);
        var empty = ScaleTally.Empty(RatingScale.FivePoint);
        var single = ScaleTally.FromScores(RatingScale.FivePoint, [4]);

        Assert.Equal("first", Assert.Throws<ArgumentException>(() => Csat.Compare(empty, some)).ParamName);
        var e = Assert.Throws<ArgumentException>(() => Csat.Compare(some, single));
        Assert.Equal("second", e.ParamName);
        Assert.Contains("at least 2 answers", e.Message, StringComparison.Ordinal);
    }
}
