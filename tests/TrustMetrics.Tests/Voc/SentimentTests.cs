using TrustMetrics.Nps;
using TrustMetrics.Sentiment;

namespace TrustMetrics.Tests.Voc;

/// <summary>Net sentiment against survey-metrics.md §3.5 (R 4.2.2 + brendan-r/NPS source, counts (neg, neu, pos) = (20, 100, 80)).</summary>
public class SentimentTests
{
    private static readonly SentimentTally Blackbox = new(negative: 20, neutral: 100, positive: 80);

    [Fact]
    public void Score_se_and_wald_interval_match_section_3_5()
    {
        var result = new SentimentCalculator().Calculate(Blackbox, 0.95, NpsIntervalMethod.Wald);
        Approx.Relative(30.0, result.Score.Value, Approx.Printed, "NSS");
        Approx.Relative(4.527692569, result.Score.StandardError, Approx.Printed, "SE");
        Approx.Relative(21.12588563, result.Score.Interval.Lower, Approx.Printed, "Wald lower");
        Approx.Relative(38.87411437, result.Score.Interval.Upper, Approx.Printed, "Wald upper");
    }

    [Fact]
    public void Adjusted_wald_interval_matches_section_3_5()
    {
        var result = new SentimentCalculator().Calculate(Blackbox, 0.95, NpsIntervalMethod.AdjustedWald);
        Approx.Relative(20.72003456, result.Score.Interval.Lower, Approx.Printed, "adjusted Wald lower");
        Approx.Relative(38.39326593, result.Score.Interval.Upper, Approx.Printed, "adjusted Wald upper");
    }

    [Fact]
    public void Excluding_neutral_variant_maps_the_wilson_interval_section_3_5()
    {
        var excluding = new SentimentCalculator().Calculate(Blackbox).ExcludingNeutral!;
        Approx.Relative(60.0, excluding.Value, Approx.Printed);
        Approx.Relative(42.23416688, excluding.Interval.Lower, Approx.Printed, "2·Wilson − 1 lower");
        Approx.Relative(73.32661333, excluding.Interval.Upper, Approx.Printed, "2·Wilson − 1 upper");
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
        Assert.Throws<ArgumentException>(() => new SentimentCalculator().Calculate(default(SentimentTally)));
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

    [Fact]
    public void Json_is_versioned_and_bad_states_are_refused_by_field()
    {
        Assert.Equal("""{"version":1,"negative":20,"neutral":100,"positive":80}""", Blackbox.ToJson());
        Assert.Equal(Blackbox, SentimentTally.FromJson("""{"version":1,"negative":20,"neutral":100,"positive":80}"""));
        Assert.Contains("Neutral = -3", Assert.ThrowsAny<ArgumentException>(() => SentimentTally.FromJson("""{"version":1,"negative":2,"neutral":-3,"positive":8}""")).Message);
        Assert.Contains("Version = 2", Assert.ThrowsAny<ArgumentException>(() => SentimentTally.FromJson("""{"version":2,"negative":2,"neutral":3,"positive":8}""")).Message);
        Assert.ThrowsAny<ArgumentException>(() => SentimentTally.FromJson("not json"));
        Assert.Equal("neutral", Assert.Throws<ArgumentOutOfRangeException>(() => new SentimentTally(1, -1, 1)).ParamName);
        Assert.ThrowsAny<ArgumentException>(() => new SentimentTally(long.MaxValue, 1, 0));
        Assert.ThrowsAny<ArgumentException>(() => new SentimentTally(long.MaxValue, 0, 0).Merge(new SentimentTally(1, 0, 0)));
    }
}
