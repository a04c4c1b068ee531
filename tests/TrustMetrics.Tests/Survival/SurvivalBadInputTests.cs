using System.Globalization;
using TrustMetrics.Survival;

namespace TrustMetrics.Tests.Survival;

/// <summary>Argument validation of the survival API: every message names the argument, the row (index) and the offending value.</summary>
public class SurvivalBadInputTests
{
    private static readonly SurvivalAnalyzer Analyzer = new();

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(-1.5, "-1.5")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    public void Invalid_duration_names_its_row_and_value_on_every_input_path(double bad, string rendered)
    {
        double[] durations = [3, 1, 4, bad, 5];
        byte[] bytes = [1, 0, 1, 1, 0];
        int[] ints = [1, 0, 1, 1, 0];
        bool[] bools = [true, false, true, true, false];
        string expected = $"durations[3] = {rendered} is not a valid duration";

        AssertNames(() => SurvivalTally.FromDurations(durations, bytes), "durations", expected, bad);
        AssertNames(() => SurvivalTally.FromDurations(durations, ints), "durations", expected, bad);
        AssertNames(() => SurvivalTally.FromDurations(durations, bools), "durations", expected, bad);
        AssertNames(() => Analyzer.KaplanMeier(durations, bytes), "durations", expected, bad);
        AssertNames(() => Analyzer.KaplanMeier(durations, bools), "durations", expected, bad);
        AssertNames(() => SurvivalTally.FromDurations(durations.Zip(bools)), "subjects", $"subjects[3].Duration = {rendered}", bad);
        AssertNames(() => Analyzer.KaplanMeierByGroup(durations.Select((d, i) => (i % 2 == 0 ? "a" : "b", d, bools[i]))), "subjects",
            $"subjects[3].Duration = {rendered} (group 'b')", bad);
        AssertNames(() => SurvivalTally.FromCounts([1, 2, 3, bad], [1, 1, 1, 1], [0, 0, 0, 0]), "times", $"times[3] = {rendered}", bad);
    }

    [Theory]
    [InlineData(0)]       // first row
    [InlineData(4_999)]   // last row of an input long enough for the radix path
    public void Invalid_duration_in_a_large_input_names_its_row(int row)
    {
        double[] durations = Enumerable.Range(0, 5_000).Select(i => i * 0.37).ToArray();
        durations[row] = -0.25;
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => SurvivalTally.FromDurations(durations, new byte[5_000]));
        Assert.Contains($"durations[{row}] = -0.25", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(255)]
    public void Byte_event_flag_other_than_0_or_1_names_its_row_and_value(byte bad)
    {
        byte[] events = [1, 0, bad, 1];
        AssertNames(() => SurvivalTally.FromDurations([1.0, 2, 3, 4], events), "events", $"events[2] = {bad} is not an event flag", (long)bad);
        AssertNames(() => Analyzer.KaplanMeier([1.0, 2, 3, 4], events), "events", $"events[2] = {bad}", (long)bad);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(2)]
    [InlineData(int.MinValue)]
    public void Int_event_flag_other_than_0_or_1_names_its_row_and_value(int bad)
    {
        int[] events = [1, 0, 0, bad];
        AssertNames(() => SurvivalTally.FromDurations([1.0, 2, 3, 4], events), "events", $"events[3] = {bad} is not an event flag", (long)bad);
    }

    [Fact]
    public void Durations_and_flags_of_different_lengths_are_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => SurvivalTally.FromDurations([1.0, 2, 3], new byte[] { 1, 0 }));
        Assert.Equal("events", e.ParamName);
        Assert.Contains("durations has 3 elements but events has 2", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => SurvivalTally.FromCounts([1.0, 2], [1, 1], [0]));
    }

    [Fact]
    public void Negative_counts_are_rejected_with_index_and_value()
    {
        AssertNames(() => SurvivalTally.FromCounts([1.0, 2], [1, -3], [0, 0]), "events", "events[1] = -3 is negative", -3L);
        AssertNames(() => SurvivalTally.FromCounts([1.0, 2], [1, 3], [-1, 0]), "censored", "censored[0] = -1 is negative", -1L);
    }

    [Fact]
    public void An_empty_sample_has_an_empty_tally_but_no_curve()
    {
        Assert.Same(SurvivalTally.Empty, SurvivalTally.FromDurations([], ReadOnlySpan<byte>.Empty));
        Assert.True(SurvivalTally.FromDurations([]).IsEmpty);
        var e = Assert.Throws<ArgumentException>(() => Analyzer.KaplanMeier(SurvivalTally.Empty));
        Assert.Contains("Kaplan–Meier is undefined for an empty sample", e.Message, StringComparison.Ordinal);
        Assert.Equal("tally", e.ParamName);
        Assert.Equal("durations", Assert.Throws<ArgumentException>(() => Analyzer.KaplanMeier([], ReadOnlySpan<byte>.Empty)).ParamName);
        Assert.Throws<ArgumentException>(() => Analyzer.NelsonAalen(SurvivalTally.Empty));
        Assert.Equal("subjects", Assert.Throws<ArgumentException>(() => Analyzer.KaplanMeierByGroup(Array.Empty<(string, double, bool)>())).ParamName);
    }

    [Fact]
    public void Log_rank_rejects_fewer_than_two_groups_empty_groups_and_repeated_groups()
    {
        var some = SurvivalTally.FromDurations([1.0, 2, 3], [1, 0, 1]);
        var one = Assert.Throws<ArgumentException>(() => Analyzer.LogRank(new Dictionary<string, SurvivalTally> { ["a"] = some }));
        Assert.Contains("at least two groups; got 1", one.Message, StringComparison.Ordinal);

        var empty = Assert.Throws<ArgumentException>(() =>
            Analyzer.LogRank(new Dictionary<string, SurvivalTally> { ["web"] = some, ["phone"] = SurvivalTally.Empty }));
        Assert.Contains("Group 'phone' is empty", empty.Message, StringComparison.Ordinal);
        Assert.Equal("groups", empty.ParamName);

        var repeated = Assert.Throws<ArgumentException>(() => Analyzer.LogRank([KeyValuePair.Create(1, some), KeyValuePair.Create(1, some)]));
        Assert.Contains("Group '1' is given more than once", repeated.Message, StringComparison.Ordinal);

        // No event while two groups were at risk: nothing to test, χ² = 0 and p = 1 (R survdiff: χ² 0, p NA), not an error.
        var censoredOnly = SurvivalTally.FromDurations([1.0, 2], [0, 0]);
        var noEvents = Analyzer.LogRank(new Dictionary<string, SurvivalTally> { ["a"] = censoredOnly, ["b"] = censoredOnly });
        Assert.Equal((0.0, 0, 1.0), (noEvents.ChiSquare, noEvents.DegreesOfFreedom, noEvents.PValue));

        // Both groups lose every subject at risk at the only event time: V = 0, so the generalized-inverse statistic is 0 on 0 df
        // (R's survdiff stops with "system is exactly singular": Data/log-rank-singular.txt); see LogRankSingularTests.
        var allAtOnce = SurvivalTally.FromDurations([5.0, 5], [1, 1]);
        var singular = Analyzer.LogRank(new Dictionary<string, SurvivalTally> { ["a"] = allAtOnce, ["b"] = allAtOnce });
        Assert.Equal((0.0, 0, 1.0), (singular.ChiSquare, singular.DegreesOfFreedom, singular.PValue));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void Confidence_level_outside_0_1_is_rejected(double level)
    {
        var tally = SurvivalTally.FromDurations([1.0, 2], [1, 1]);
        Assert.Equal("confidenceLevel", Assert.Throws<ArgumentOutOfRangeException>(() => Analyzer.KaplanMeier(tally, level)).ParamName);
        Assert.Equal("confidenceLevel", Assert.Throws<ArgumentOutOfRangeException>(() => Analyzer.NelsonAalen(tally, level)).ParamName);
    }

    [Fact]
    public void Unknown_methods_are_rejected()
    {
        var tally = SurvivalTally.FromDurations([1.0, 2], [1, 1]);
        Assert.Equal("method", Assert.Throws<ArgumentOutOfRangeException>(() => Analyzer.KaplanMeier(tally, method: (SurvivalIntervalMethod)7)).ParamName);
        Assert.Equal("ties", Assert.Throws<ArgumentOutOfRangeException>(() => Analyzer.NelsonAalen(tally, ties: (NelsonAalenTies)9)).ParamName);
        var options = new TrustMetricsOptions { SurvivalIntervalMethod = (SurvivalIntervalMethod)5 };
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new SurvivalAnalyzer(options));
        Assert.Equal("TrustMetricsOptions.SurvivalIntervalMethod", e.ParamName);
    }

    [Theory]
    [InlineData(-0.5)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Restricted_mean_horizon_must_be_finite_and_not_negative(double horizon)
    {
        var km = Analyzer.KaplanMeier([1.0, 2], [(byte)1, 1]);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => km.RestrictedMean(horizon));
        Assert.Equal("horizon", e.ParamName);
        Assert.Contains(Guard.Format(horizon), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluating_a_curve_at_NaN_is_rejected()
    {
        var tally = SurvivalTally.FromDurations([1.0, 2], [1, 1]);
        Assert.Equal("time", Assert.Throws<ArgumentOutOfRangeException>(() => Analyzer.KaplanMeier(tally).SurvivalAt(double.NaN)).ParamName);
        Assert.Equal("time", Assert.Throws<ArgumentOutOfRangeException>(() => Analyzer.KaplanMeier(tally).EstimateAt(double.NaN)).ParamName);
        Assert.Equal("time", Assert.Throws<ArgumentOutOfRangeException>(() => Analyzer.NelsonAalen(tally).CumulativeHazardAt(double.NaN)).ParamName);
    }

    [Fact]
    public void Null_arguments_are_rejected()
    {
        Assert.Throws<ArgumentNullException>(() => SurvivalTally.FromDurations((IEnumerable<(double, bool)>)null!));
        Assert.Throws<ArgumentNullException>(() => Analyzer.KaplanMeier((SurvivalTally)null!));
        Assert.Throws<ArgumentNullException>(() => Analyzer.LogRank<string>(null!));
        Assert.Throws<ArgumentNullException>(() => SurvivalTally.Empty + null!);
    }

    private static void AssertNames(Func<object> call, string paramName, string messagePart, object actualValue)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => call());
        Assert.Equal(paramName, e.ParamName);
        Assert.Contains(messagePart, e.Message, StringComparison.Ordinal);
        Assert.Equal(Convert.ToString(actualValue, CultureInfo.InvariantCulture), Convert.ToString(e.ActualValue, CultureInfo.InvariantCulture));
    }
}
