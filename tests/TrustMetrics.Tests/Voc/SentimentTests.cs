using TrustMetrics.Nps;
using TrustMetrics.Sentiment;

namespace TrustMetrics.Tests.Voc;

/// <summary>Net sentiment against survey-metrics.md §3.5 (R 4.2.2 + brendan-r/NPS source, counts (neg, neu, pos) = (20, 100, 80)).</summary>
public class SentimentTests
{
    private static readonly SentimentTally Blackbox = new(Negative: 20, Neutral: 100, Positive: 80);

    [Fact]
    public void Score_se_and_wald_interval_match_section_3_5()
    {
        var result = new SentimentCalculator().Calculate(Blackbox, 0.95, NpsIntervalMethod.Wald);
        Approx.Equal(30.0, result.Score.Value, Approx.Printed, "NSS");
        Approx.Equal(4.527692569, result.Score.StandardError, Approx.Printed, "SE");
        Approx.Interval(21.12588563, 38.87411437, result.Score.Interval, Approx.Printed, "Wald");
    }

    [Fact]
    public void Adjusted_wald_interval_matches_section_3_5()
    {
        var result = new SentimentCalculator().Calculate(Blackbox, 0.95, NpsIntervalMethod.AdjustedWald);
        Approx.Interval(20.72003456, 38.39326593, result.Score.Interval, Approx.Printed, "adjusted Wald");
    }

    [Fact]
    public void Excluding_neutral_variant_maps_the_wilson_interval_section_3_5()
    {
        var excluding = new SentimentCalculator().Calculate(Blackbox).ExcludingNeutral!;
        Approx.Equal(60.0, excluding.Value, Approx.Printed);
        Approx.Interval(42.23416688, 73.32661333, excluding.Interval, Approx.Printed, "2·Wilson − 1");
    }

    [Fact]
    public void Only_neutrals_have_no_excluding_neutral_variant() =>
        Assert.Null(new SentimentCalculator().Calculate(new SentimentTally(0, 5, 0)).ExcludingNeutral);

    [Fact]
    public void Labels_map_with_any_case_and_unknown_labels_are_named()
    {
        var tally = SentimentTally.FromLabels(["Positive", "neg", " NEUTRAL ", "pos"]);
        Assert.Equal(new SentimentTally(1, 1, 2), tally);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => SentimentTally.FromLabels(["positive", "meh"]));
        Assert.Contains("labels[1] = 'meh'", error.Message);
        Assert.Throws<ArgumentException>(() => new SentimentLabelMap(["good"], ["good"], ["bad"]));
        Assert.Throws<ArgumentException>(() => new SentimentCalculator().Calculate(SentimentTally.Empty));
    }

    [Fact]
    public void Comparison_is_the_nps_comparison_of_the_same_counts()
    {
        var a = new SentimentTally(20, 100, 80);
        var b = new SentimentTally(40, 90, 70);
        var expected = NpsComparison.Compare(new NpsTally(20, 100, 80), new NpsTally(40, 90, 70));
        SameDifference.Assert(expected, new SentimentCalculator().Compare(a, b));
    }

    [Fact]
    public void Groups_come_in_key_order()
    {
        var groups = new SentimentCalculator().CalculateByGroup([("b", SentimentLabel.Positive), ("a", SentimentLabel.Negative), ("b", SentimentLabel.Neutral)]);
        Assert.Equal(["a", "b"], groups.Select(g => g.Group));
        Assert.Equal(-100.0, groups[0].Result.Score.Value);
        Assert.Equal(50.0, groups[1].Result.Score.Value);
    }
}
