using TrustMetrics.Churn;
using TrustMetrics.Clv;
using TrustMetrics.Funnel;
using TrustMetrics.Nps;
using TrustMetrics.Quantiles;
using TrustMetrics.Scales;
using TrustMetrics.Serialization;
using TrustMetrics.Survival;

namespace TrustMetrics.Tests.Serialization;

/// <summary>A bad state is refused with an <see cref="ArgumentException"/> whose message names the field and the offending value.</summary>
public class BadStateTests
{
    private static void Refused(Action read, params string[] fragments)
    {
        var e = Assert.ThrowsAny<ArgumentException>(read);
        foreach (string fragment in fragments)
        {
            Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_unknown_version_is_refused_not_misread()
    {
        Refused(() => NpsTally.FromState(new NpsTallyState(2, 1, 2, 3)), "NpsTallyState.Version = 2", "version 1");
        Refused(() => NpsTally.FromState(default), "Version = 0");
        Refused(() => SurvivalTally.FromState(new SurvivalTallyState(7, [], [], [])), "SurvivalTallyState.Version = 7");
    }

    [Fact]
    public void Negative_counts_and_bad_weights_are_named()
    {
        Refused(() => NpsTally.FromState(new NpsTallyState(1, 1, -4, 3)), "NpsTallyState.Passives = -4");
        Refused(() => WeightedNpsTally.FromState(new WeightedNpsTallyState(1, 1, 1, 1, 1, double.NaN, 1, 1, 1, 1)), "PassiveWeight = NaN");
        Refused(() => ScaleTally.FromState(new ScaleTallyState(1, 1, 5, [1, 2, -3, 4, 5])), "ScaleTallyState.Counts[2] = -3");
        Refused(() => FunnelTally.FromState(new FunnelTallyState(1, ["a", "b"], [1, -1])), "FurthestCounts[1] = -1");
        Refused(() => PairedNpsTally.FromState(new PairedNpsTallyState(1, [1, 2, 3, 4, -5, 6, 7, 8, 9])), "PairedNpsTallyState.Counts[4] = -5");
        Refused(() => PairedNpsTally.FromState(new PairedNpsTallyState(1, [1, 2, 3])), "PairedNpsTallyState.Counts: has 3 elements");
        Refused(() => PairedNpsTally.FromState(new PairedNpsTallyState(3, new long[9])), "PairedNpsTallyState.Version = 3");
    }

    [Fact]
    public void Shapes_that_do_not_fit_are_named()
    {
        Refused(() => ScaleTally.FromState(new ScaleTallyState(1, 1, 5, [1, 2, 3])), "Counts has 3 elements");
        Refused(() => ScaleTally.FromState(new ScaleTallyState(1, 5, 1, [1, 2, 3, 4, 5])), "5–1 is not a scale");
        Refused(() => FunnelTally.FromState(new FunnelTallyState(1, ["a", "a"], [1, 1])), "Stages", "repeats");
        Refused(() => SurvivalTally.FromState(new SurvivalTallyState(1, [1, 3, 2], [1, 1, 1], [0, 0, 0])), "Times[2]", "strictly increasing");
        Refused(() => SurvivalTally.FromState(new SurvivalTallyState(1, [1, 2], [1, 0], [0, 0])), "Events[1]", "no subject");
        Refused(() => SurvivalTally.FromState(AccumulatorJson.Deserialize<SurvivalTallyState>("""{"version":1,"times":[1],"events":[1]}""")),
            "SurvivalTallyState.Censored is null");
    }

    [Fact]
    public void Churn_buckets_must_start_periods_in_order()
    {
        var tally = ChurnTally.FromCustomers([new CustomerSpan(new DateOnly(2024, 1, 5), new DateOnly(2024, 3, 9))], ChurnPeriod.Month);
        var state = tally.ToState();
        Refused(() => ChurnTally.FromState(state with { Buckets = [state.Buckets[0] with { Start = new DateOnly(2024, 1, 5) }, state.Buckets[1]] }),
            "Buckets[0].Start", "2024-01-05", "first day");
        Refused(() => ChurnTally.FromState(state with { Buckets = [state.Buckets[1], state.Buckets[0]] }), "Buckets[1].Start");
        Assert.Equal(tally, ChurnTally.FromState(state));
    }

    [Fact]
    public void A_sketch_whose_weights_do_not_add_up_is_refused()
    {
        var sketch = new KllSketch(8);
        sketch.AddRange([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
        var state = sketch.ToState();
        Refused(() => KllSketch.FromState(state with { Count = state.Count + 1 }), "KllSketchState.Count", "total weight");
        Refused(() => KllSketch.FromState(state with { Min = 5 }), "Levels[");
        Refused(() => KllSketch.FromState(state with { K = 3 }), "KllSketchState.K", "3");
    }

    [Fact]
    public void Clv_rows_must_be_valid_sorted_histories()
    {
        Refused(() => CompressedHistories.FromState(new CompressedHistoriesState(1, [2, 1], [1, 1], [2, 2], [1, 1])), "rows[1]", "sorted");
        Refused(() => CompressedHistories.FromState(new CompressedHistoriesState(1, [1], [3], [2], [1])), "recency must not exceed T");
        Refused(() => CompressedHistories.FromState(new CompressedHistoriesState(1, [], [], [], [])), "no row");
        // The public JSON route refuses the same, naming the row and value (NaN arrives as the named literal).
        Refused(() => CompressedHistories.FromJson("""{"version":1,"frequency":[1],"recency":["NaN"],"t":[2],"counts":[1]}"""),
            "state[0] = (frequency 1, recency NaN, T 2)", "recency must be a finite number");
        Refused(() => CompressedHistories.FromJson("""{"version":2,"frequency":[1],"recency":[1],"t":[2],"counts":[1]}"""), "Version = 2");
        Refused(() => CompressedHistories.FromJson("""{"version":1,"frequency":[1],"recency":[1],"t":[2],"counts":[0]}"""), "Counts[0]", "0 is not a positive count");
        Refused(() => CompressedHistories.FromJson("[1, 2"), "CompressedHistoriesState");
        var rows = CompressedHistories.From([new PurchaseHistory(2, 1.5, 4), new PurchaseHistory(0, 0, 3)]);
        Assert.Equal("""{"version":1,"frequency":[0,2],"recency":[0,1.5],"t":[3,4],"counts":[1,1]}""", rows.ToJson());
    }

    [Fact]
    public void Json_that_is_not_a_state_is_an_argument_error()
    {
        Refused(() => AccumulatorJson.Deserialize<NpsTallyState>("{\"version\":"), "not a valid NpsTallyState");
        Refused(() => AccumulatorJson.Deserialize<ScaleTallyState>("null"), "null");
        Assert.Throws<NotSupportedException>(() => AccumulatorJson.Serialize(new NpsTally(1, 2, 3)));
    }

    [Fact]
    public void The_json_is_compact_and_readable()
    {
        Assert.Equal("""{"version":1,"detractors":12,"passives":30,"promoters":58}""", AccumulatorJson.Serialize(new NpsTally(12, 30, 58).ToState()));
        Assert.Equal("""{"version":2,"times":[1,2.5],"events":[1,0],"censored":[0,2],"entryTimes":[],"entered":[]}""",
            AccumulatorJson.Serialize(SurvivalTally.FromCounts([2.5, 1], [0, 1], [2, 0]).ToState()));
        Assert.Contains("\"period\":\"Month\"", AccumulatorJson.Serialize(ChurnTally.Empty(ChurnPeriod.Month).ToState()), StringComparison.Ordinal);
        Assert.Contains("\"min\":\"NaN\"", AccumulatorJson.Serialize(new KllSketch().ToState()), StringComparison.Ordinal);
    }
}
