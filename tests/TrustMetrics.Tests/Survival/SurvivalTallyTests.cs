using TrustMetrics.Grouping;
using TrustMetrics.Survival;

namespace TrustMetrics.Tests.Survival;

/// <summary>The tally's canonical form, its two sort paths, merging across shards, and the analyzer's grouping and defaults.</summary>
public class SurvivalTallyTests
{
    private static readonly SurvivalAnalyzer Analyzer = new();

    [Fact]
    public void Counts_per_distinct_time_with_censorings_and_events_split()
    {
        var tally = SurvivalTally.FromDurations([3.0, 1, 3, 2, 3, 1], [1, 0, 0, 1, 1, 1]);
        Assert.Equal([1.0, 2, 3], tally.Times.ToArray());
        Assert.Equal([1L, 1, 2], tally.Events.ToArray());
        Assert.Equal([1L, 0, 1], tally.Censored.ToArray());
        Assert.Equal((6L, 4L, 2L, 3), (tally.Count, tally.EventCount, tally.CensoredCount, tally.DistinctTimeCount));
        Assert.Equal("n = 6, events = 4, censored = 2, distinct times = 3", tally.ToString());
    }

    [Fact]
    public void From_counts_accepts_any_order_adds_repeated_times_and_drops_empty_rows()
    {
        var tally = SurvivalTally.FromCounts([5.0, 1, 5, 3, 2], [1, 2, 3, 0, 0], [0, 1, 2, 0, 4]);
        Assert.Equal([1.0, 2, 5], tally.Times.ToArray());
        Assert.Equal([2L, 0, 4], tally.Events.ToArray());
        Assert.Equal([1L, 4, 2], tally.Censored.ToArray());
        Assert.Equal(tally, SurvivalTally.FromDurations([5.0, 1, 1, 1, 5, 5, 5, 5, 5, 2, 2, 2, 2], [1, 1, 1, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0]));
        Assert.Equal(tally.GetHashCode(), SurvivalTally.FromCounts([1.0, 2, 5], [2, 0, 4], [1, 4, 2]).GetHashCode());
    }

    [Fact]
    public void Negative_zero_is_the_same_time_as_zero_on_every_path()
    {
        double[] durations = [-0.0, 0.0, 0.5];
        var viaCounting = SurvivalTally.FromDurations([-0.0, 0.0, 1.0], [1, 0, 1]);
        Assert.Equal([0.0, 1.0], viaCounting.Times.ToArray());
        var viaSort = SurvivalTally.FromDurations(durations, [1, 0, 1]);
        Assert.Equal(2, viaSort.DistinctTimeCount);
        Assert.False(double.IsNegative(viaSort.Times[0]));
        Assert.Equal(SurvivalTally.FromCounts([0.0, 0.5], [1, 1], [1, 0]), viaSort);
        Assert.Equal(SurvivalTally.FromCounts([-0.0, 0.5], [1, 1], [1, 0]), viaSort);
    }

    [Fact]
    public void Radix_path_orders_extreme_and_subnormal_times_correctly()
    {
        // 3,000 subjects (≥ SurvivalSort.RadixThreshold) mixing 0, the smallest subnormal, ordinary values and double.MaxValue.
        double[] specials = [0.0, double.Epsilon, 2 * double.Epsilon, 1e-300, 1.0, Math.BitIncrement(1.0), 1e300, double.MaxValue];
        var random = new Random(7);
        double[] durations = Enumerable.Range(0, 3_000).Select(i => i < 800 ? specials[i % specials.Length] : random.NextDouble() * 1e6).ToArray();
        byte[] events = durations.Select((_, i) => (byte)(i % 3 == 0 ? 0 : 1)).ToArray();
        var tally = SurvivalTally.FromDurations(durations, events);
        double[] expected = durations.Distinct().Order().ToArray();
        Assert.Equal(expected, tally.Times.ToArray());
        Assert.Equal(3_000, tally.Count);
        Assert.Equal(events.Count(e => e == 1), tally.EventCount);
        Assert.Equal(100L, tally.Events[1] + tally.Censored[1]); // double.Epsilon: indices 1, 9, 17, … below 800
    }

    [Fact]
    public void Whole_number_times_give_the_same_tally_through_counting_and_sorting()
    {
        // 10,000 whole days in [0, 400]: within the counting limit (2n + 256). Adding one subject at day 10⁹ forces the radix path.
        var random = new Random(11);
        double[] days = Enumerable.Range(0, 10_000).Select(_ => (double)random.Next(0, 401)).ToArray();
        byte[] events = days.Select(_ => (byte)random.Next(0, 2)).ToArray();
        var counted = SurvivalTally.FromDurations(days, events);
        var sorted = SurvivalTally.FromDurations([.. days, 1e9], [.. events, (byte)1]);
        Assert.Equal(counted + SurvivalTally.FromCounts([1e9], [1], [0]), sorted);
        Assert.Equal(401, counted.DistinctTimeCount);
    }

    [Fact]
    public void Shard_tallies_merged_give_the_curve_of_the_whole_data_set()
    {
        // The waltons data split into four shards by row number, tallied separately, merged in a different order.
        var rows = SurvivalData.Waltons;
        var shards = Enumerable.Range(0, 4)
            .Select(k => SurvivalData.Tally(rows.Where((_, i) => i % 4 == k)))
            .ToArray();
        var merged = shards[3] + shards[1] + shards[0] + shards[2];
        var whole = SurvivalData.Tally(rows);
        Assert.Equal(whole, merged);
        Assert.Equal(whole, shards.Aggregate(SurvivalTally.Empty, (sum, shard) => sum.Merge(shard)));
        SameFields.Equal(Analyzer.KaplanMeier(whole).Table, Analyzer.KaplanMeier(merged).Table);
    }

    [Fact]
    public void By_group_equals_each_group_computed_separately_in_ordinal_order_with_the_log_rank_test()
    {
        var comparison = Analyzer.KaplanMeierByGroup(SurvivalData.Waltons.Select(s => (s.Group, s.Duration, s.Event)));
        Assert.Equal(["control", "miR-137"], comparison.Groups.Select(g => g.Group).ToArray());
        foreach (var group in comparison.Groups)
        {
            var separate = Analyzer.KaplanMeier(SurvivalData.Tally(SurvivalData.Waltons, group.Group));
            Assert.Equal(separate.Tally, group.Result.Tally);
            SameFields.Equal(separate.Table, group.Result.Table);
        }

        var direct = Analyzer.LogRank(comparison.Groups.Select(g => KeyValuePair.Create(g.Group, g.Result.Tally)));
        Assert.Equal(direct.ChiSquare, comparison.LogRank!.ChiSquare);

        // Ordinal order for strings ("B" < "a"), Comparer<T>.Default otherwise; one group gives no log-rank test.
        var ordinal = Analyzer.KaplanMeierByGroup(new[] { ("a", 1.0, true), ("B", 2.0, true), ("a", 3.0, false), ("B", 1.0, false) });
        Assert.Equal(["B", "a"], ordinal.Groups.Select(g => g.Group).ToArray());
        var single = Analyzer.KaplanMeierByGroup(new[] { (7, 1.0, true), (7, 2.0, false) });
        Assert.Single(single.Groups);
        Assert.Null(single.LogRank);
        Assert.IsType<GroupResult<int, KaplanMeierResult>>(single.Groups[0]);
    }

    [Fact]
    public void Options_set_the_default_level_and_interval_method()
    {
        var analyzer = new SurvivalAnalyzer(new TrustMetricsOptions { ConfidenceLevel = 0.9, SurvivalIntervalMethod = SurvivalIntervalMethod.Plain });
        var tally = SurvivalData.Tally(SurvivalData.G3, "Control");
        var km = analyzer.KaplanMeier(tally);
        Assert.Equal((0.9, SurvivalIntervalMethod.Plain), (km.ConfidenceLevel, km.IntervalMethod));
        Assert.Equal("plain", km.EstimateAt(10).Interval.Method);
        Assert.Equal(0.9, analyzer.NelsonAalen(tally).ConfidenceLevel);
        Assert.Equal(SurvivalIntervalMethod.LogLog, new TrustMetricsOptions().SurvivalIntervalMethod);
        Assert.Equal(SurvivalIntervalMethod.LogLog, new SurvivalAnalyzer().KaplanMeier(tally).IntervalMethod);
        // Per-call arguments win over the options.
        Assert.Equal(SurvivalIntervalMethod.Log, analyzer.KaplanMeier(tally, 0.95, SurvivalIntervalMethod.Log).IntervalMethod);
    }

    [Fact]
    public void Boolean_and_integer_flags_give_the_same_tally_as_byte_flags()
    {
        double[] durations = [4, 2, 9, 2, 7];
        var fromBytes = SurvivalTally.FromDurations(durations, new byte[] { 1, 0, 1, 1, 0 });
        Assert.Equal(fromBytes, SurvivalTally.FromDurations(durations, new[] { true, false, true, true, false }));
        Assert.Equal(fromBytes, SurvivalTally.FromDurations(durations, new[] { 1, 0, 1, 1, 0 }));
        SameFields.Equal(Analyzer.KaplanMeier(fromBytes).Table, Analyzer.KaplanMeier(durations, new[] { true, false, true, true, false }).Table);
    }

    [Fact]
    public void Table_is_a_read_only_list_that_enumerates_and_indexes_the_same_rows()
    {
        var km = Analyzer.KaplanMeier(SurvivalData.Tally(SurvivalData.G3));
        Assert.Equal(km.Table.Count, km.Table.Count());
        SameFields.Equal(km.Table[3], km.Table.ElementAt(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => km.Table[km.Table.Count]);
        Assert.Throws<ArgumentOutOfRangeException>(() => km.Table[-1]);
    }
}
