using TrustMetrics.Funnel;

namespace TrustMetrics.Tests.Voc;

/// <summary>Funnel conversion against survey-metrics.md §6.1 (arithmetic) and §6.2 (statsmodels 0.13.5 / R prop.test(correct = FALSE)).</summary>
public class FunnelTests
{
    private static readonly string[] Stages = ["visit", "cart", "checkout", "purchase"];

    [Fact]
    public void Stage_metrics_match_section_6_1()
    {
        var result = new FunnelCalculator().Calculate(FunnelTally.FromReached(Stages, [10000, 4000, 1200, 300]));
        Assert.Null(result.Stages[0].StepConversion);
        Assert.Equal([0.4, 0.3, 0.25], result.Stages.Skip(1).Select(s => Math.Round(s.StepConversion!.Value, 12)));
        Assert.Equal([0.6, 0.7, 0.75], result.Stages.Skip(1).Select(s => Math.Round(s.DropOff!.Value, 12)));
        Assert.Equal(0.03, result.Overall.Value, 12);
        Assert.Equal(0.4 * 0.3 * 0.25, result.Overall.Value, 12);
        Assert.Equal([10000L, 4000, 1200, 300], result.Stages.Select(s => s.Reached));
        Assert.Equal("wilson", result.Overall.Interval.Method);
    }

    [Fact]
    public void Comparison_matches_section_6_2_rows_with_holm_across_steps()
    {
        // Two-stage funnels carrying §6.2's rows 1 and 3 as steps of a three-stage funnel: step 1 = 120/1000 vs 150/1000, step 2 = …
        var first = FunnelTally.FromReached(["a", "b"], [1000, 120]);
        var second = FunnelTally.FromReached(["a", "b"], [1000, 150]);
        var comparison = new FunnelCalculator().Compare(first, second);
        var step = comparison.Steps.Single();
        Approx.Relative(-0.03, step.Test.Difference, Approx.Printed, "difference");
        Approx.Relative(-1.963049808, step.Test.Statistic, Approx.Printed, "z");
        Approx.Relative(0.04964038687, step.Test.PValue, Approx.Printed, "p");
        Approx.Absolute(-0.06000825857, step.Test.Interval.Lower, Approx.ClosedForm, "Newcombe lower");
        Approx.Absolute(-1.37824342e-05, step.Test.Interval.Upper, Approx.ClosedForm, "Newcombe upper");
        Assert.Equal(step.Test.PValue, step.HolmPValue);
        SameDifference.Assert(step.Test, comparison.Overall);
    }

    [Fact]
    public void Holm_adjusts_the_step_p_values()
    {
        // Step 1: 200/2000 vs 260/2100 (§6.2 row 3, p = 0.01575430645); step 2: 45/200 vs 30/260.
        var first = FunnelTally.FromReached(["a", "b", "c"], [2000, 200, 45]);
        var second = FunnelTally.FromReached(["a", "b", "c"], [2100, 260, 30]);
        var steps = new FunnelCalculator().Compare(first, second).Steps;
        Approx.Relative(0.01575430645, steps[0].Test.PValue, Approx.Printed, "row 3 p");
        var expected = Estimation.MultipleComparisons.HolmAdjust([steps[0].Test.PValue, steps[1].Test.PValue]);
        Assert.Equal(expected, steps.Select(s => s.HolmPValue));
    }

    [Fact]
    public void Furthest_stages_sum_to_the_users_reaching_each_stage()
    {
        var tally = FunnelTally.FromFurthestStages(Stages, [0, 3, 1, 3, 3, 0]);
        Assert.Equal([2L, 1, 0, 3], tally.FurthestCounts.ToArray());
        Assert.Equal([6L, 4, 3, 3], Enumerable.Range(0, 4).Select(tally.Reached));
    }

    [Fact]
    public void Bad_input_is_named()
    {
        var open = Assert.Throws<ArgumentException>(() => FunnelTally.FromReached(Stages, [100, 50, 60, 10]));
        Assert.Contains("reached[2] ('checkout') = 60 exceeds reached[1] ('cart') = 50", open.Message);
        var index = Assert.Throws<ArgumentOutOfRangeException>(() => FunnelTally.FromFurthestStages(Stages, [0, 4]));
        Assert.Contains("furthestStages[1] = 4", index.Message);
        Assert.Throws<ArgumentException>(() => FunnelTally.Empty(["only"]));
        Assert.Throws<ArgumentException>(() => FunnelTally.Empty(["a", "a"]));
        Assert.Throws<ArgumentException>(() => new FunnelCalculator().Calculate(FunnelTally.Empty(Stages)));
        var stages = Assert.Throws<ArgumentException>(() => FunnelTally.Empty(["a", "b"]).Merge(FunnelTally.Empty(["a", "c"])));
        Assert.Contains("[a, b] and [a, c]", stages.Message);
        Assert.ThrowsAny<ArgumentException>(() => FunnelTally.FromReached(["a", "b"], [long.MaxValue, 0]).Merge(FunnelTally.FromReached(["a", "b"], [1, 0])));
    }

    [Fact]
    public void Json_is_versioned_and_bad_states_are_refused_by_field()
    {
        var tally = FunnelTally.FromReached(["visit", "buy"], [100, 30]);
        Assert.Equal("""{"version":1,"stages":["visit","buy"],"furthestCounts":[70,30]}""", tally.ToJson());
        Assert.Equal(tally, FunnelTally.FromJson("""{"version":1,"stages":["visit","buy"],"furthestCounts":[70,30]}"""));
        Assert.Contains("FurthestCounts[1] = -30", Assert.ThrowsAny<ArgumentException>(() => FunnelTally.FromJson("""{"version":1,"stages":["visit","buy"],"furthestCounts":[70,-30]}""")).Message);
        Assert.Contains("Version = 7", Assert.ThrowsAny<ArgumentException>(() => FunnelTally.FromJson("""{"version":7,"stages":["visit","buy"],"furthestCounts":[70,30]}""")).Message);
        Assert.Contains("Stages", Assert.ThrowsAny<ArgumentException>(() => FunnelTally.FromJson("""{"version":1,"stages":["visit","visit"],"furthestCounts":[70,30]}""")).Message);
        Assert.ThrowsAny<ArgumentException>(() => FunnelTally.FromJson("""{"version":1,"stages":["visit","buy"],"furthestCounts":[70]}"""));
    }
}
