using TrustMetrics.Nps;
using TrustMetrics.Scales;

namespace TrustMetrics.Tests;

/// <summary>CalculateByGroup: per-group results equal separate calculations, groups in ordinal key order.</summary>
public class GroupBreakdownTests
{
    // Keys chosen so ordinal order ("A" < "B" < "a" < "b" < "é") differs from culture-aware order ("a" < "A" < "b" < "B" < "é").
    private static readonly (string Group, int Score)[] NpsResponses =
    [
        ("b", 9), ("A", 3), ("é", 10), ("a", 7), ("B", 10), ("b", 0), ("A", 9), ("a", 9), ("b", 8), ("B", 6), ("é", 5), ("a", 10), ("A", 10),
    ];

    [Fact]
    public void Nps_by_group_equals_each_group_computed_separately_in_ordinal_order()
    {
        var calculator = new NpsCalculator();
        var groups = calculator.CalculateByGroup(NpsResponses);

        Assert.Equal(["A", "B", "a", "b", "é"], groups.Select(g => g.Group).ToArray());
        foreach (var group in groups)
        {
            var separate = calculator.Calculate(NpsResponses.Where(r => r.Group == group.Group).Select(r => r.Score).ToArray());
            Assert.Equal(separate.Tally, group.Result.Tally);
            Assert.Equal(separate.Score, group.Result.Score);
        }

        // Spot check by hand: group "A" = {3, 9, 10} → (1, 0, 2) → NPS = 100·(2 − 1)/3.
        Assert.Equal(new NpsTally(1, 0, 2), groups[0].Result.Tally);
        Assert.Equal(100.0 / 3.0, groups[0].Result.Score.Value, 12);
    }

    [Fact]
    public void Csat_by_group_equals_each_group_computed_separately_in_ordinal_order()
    {
        (string Group, int Score)[] responses = [("web", 5), ("Phone", 2), ("web", 4), ("email", 3), ("Phone", 5), ("web", 1), ("email", 4), ("Phone", 4)];
        var calculator = new CsatCalculator();
        var groups = calculator.CalculateByGroup(responses);

        Assert.Equal(["Phone", "email", "web"], groups.Select(g => g.Group).ToArray());
        foreach (var group in groups)
        {
            var separate = calculator.Calculate(responses.Where(r => r.Group == group.Group).Select(r => r.Score).ToArray());
            Assert.Equal(separate.Tally, group.Result.Tally);
            Assert.Equal(separate.TopBox, group.Result.TopBox);
            Assert.Equal(separate.Mean, group.Result.Mean);
        }
    }

    [Fact]
    public void Integer_keys_are_ordered_numerically()
    {
        (int Group, int Score)[] responses = [(10, 9), (2, 3), (-1, 10), (2, 10), (10, 0)];
        var groups = new NpsCalculator().CalculateByGroup(responses);
        Assert.Equal([-1, 2, 10], groups.Select(g => g.Group).ToArray());
        Assert.Equal(new NpsTally(1, 0, 1), groups[1].Result.Tally);
    }

    [Fact]
    public void Groups_partition_the_whole_sample()
    {
        var groups = new NpsCalculator().CalculateByGroup(NpsResponses);
        var merged = groups.Aggregate(NpsTally.Empty, (sum, g) => sum + g.Result.Tally);
        Assert.Equal(NpsTally.FromScores(NpsResponses.Select(r => r.Score)), merged);
    }

    [Fact]
    public void Out_of_range_score_in_a_breakdown_names_its_position()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new NpsCalculator().CalculateByGroup(new[] { ("a", 9), ("b", 11) }));
        Assert.Contains("responses[1] = 11", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_breakdown_has_no_groups() =>
        Assert.Empty(new NpsCalculator().CalculateByGroup(Array.Empty<(string, int)>()));
}
