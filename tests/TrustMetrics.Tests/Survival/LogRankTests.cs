using TrustMetrics.Survival;

namespace TrustMetrics.Tests.Survival;

/// <summary>
/// Log-rank against ltv-churn.md §9: R-here = R 4.2.2 survival 3.5-3 <c>survdiff(rho = 0)</c> printed to 10 significant digits
/// (checked to 1e-9 relative); LL-test = lifelines' assertions (lifelines/tests/test_statistics.py @ ad023a0) with their tolerance.
/// </summary>
public class LogRankTests
{
    private static readonly SurvivalAnalyzer Analyzer = new();

    private static LogRankResult<string> Test(Subject[] data) => Analyzer.KaplanMeierByGroup(data.Select(s => (s.Group, s.Duration, s.Event))).LogRank!;

    private static void Relative(double expected, double actual, double tolerance, string what) =>
        Assert.True(Math.Abs(actual - expected) <= tolerance * Math.Abs(expected), $"{what}: expected {expected:R}, got {actual:R}");

    [Fact]
    public void G3_RIT_versus_control_matches_R()
    {
        // §9: R-here χ² 6.062887816, p 0.01380517586; LL-test p 0.0138 (abs < 1e-4).
        var test = Test(SurvivalData.G3);
        Approx.Relative(6.062887816, test.ChiSquare, Approx.Printed, "χ²");
        Relative(0.01380517586, test.PValue, 1e-9, "p");
        Assert.Equal(1, test.DegreesOfFreedom);
        Assert.True(test.IsSignificant());
    }

    [Fact]
    public void Waltons_miR137_versus_control_matches_R_with_observed_and_expected()
    {
        // §9: R-here χ² 122.249125573, p 2.035983222e-28, observed (control 122, miR-137 34), expected (148.9244897, 7.075510271).
        var test = Test(SurvivalData.Waltons);
        Approx.Relative(122.249125573, test.ChiSquare, Approx.Printed, "χ²");
        Relative(2.035983222e-28, test.PValue, 1e-9, "p");
        Assert.Equal(["control", "miR-137"], test.Groups.Select(g => g.Group).ToArray());
        Assert.Equal([122L, 34L], test.Groups.Select(g => g.Observed).ToArray());
        Assert.Equal([129L, 34L], test.Groups.Select(g => g.Count).ToArray());
        Approx.Relative(148.9244897, test.Groups[0].Expected, Approx.Printed, "E control");
        Approx.Relative(7.075510271, test.Groups[1].Expected, Approx.Printed, "E miR-137");
        // Two groups: V₁₁ = V₂₂ and χ² = (O − E)²/V.
        Assert.Equal(test.Groups[0].Variance, test.Groups[1].Variance, 9);
        Approx.Relative(test.ChiSquare, Math.Pow(34 - test.Groups[1].Expected, 2) / test.Groups[1].Variance, 1e-12, "χ² from V");
    }

    [Fact]
    public void Lymphoma_stage_groups_match_R()
    {
        // §9: LL-test χ² 6.70971, p 0.0096 (abs < 1e-4, StatsDirect example); R-here 6.709710358, p 0.009588929835.
        var test = Test(SurvivalData.Lymphoma);
        Approx.Relative(6.709710358, test.ChiSquare, Approx.Printed, "χ²");
        Relative(0.009588929835, test.PValue, 1e-9, "p");
    }

    [Fact]
    public void Six_political_regimes_match_R_with_five_degrees_of_freedom()
    {
        // §9: LL-test 322.5991 (abs < 1e-4, survdiff rho = 0); R-here 322.5990779 (df 5).
        var test = Test(SurvivalData.Regimes);
        Assert.Equal(6, test.Groups.Count);
        Assert.Equal(5, test.DegreesOfFreedom);
        Approx.Relative(322.5990779, test.ChiSquare, Approx.Printed, "χ²");
        Assert.Equal(1808, test.Groups.Sum(g => g.Count));
        Approx.Relative(test.Groups.Sum(g => (double)g.Observed), test.Groups.Sum(g => g.Expected), 1e-12, "ΣO = ΣE");
    }

    [Fact]
    public void Small_tied_example_matches_R()
    {
        // §9: T (10,20,30,10,20,50), E (1,0,1,1,0,1), groups (1,1,1,0,0,0): LL-test χ² 0.384615, p 0.535143 (abs < 1e-5);
        // R-here 0.3846153846, 0.5351434524.
        var groups = new Dictionary<string, SurvivalTally>
        {
            ["1"] = SurvivalTally.FromDurations([10.0, 20, 30], [1, 0, 1]),
            ["0"] = SurvivalTally.FromDurations([10.0, 20, 50], [1, 0, 1]),
        };
        var test = Analyzer.LogRank(groups);
        Approx.Absolute(0.3846153846, test.ChiSquare, Approx.Printed, "χ²");
        Approx.Absolute(0.5351434524, test.PValue, Approx.Printed, "p");
        Assert.Equal(["1", "0"], test.Groups.Select(g => g.Group).ToArray()); // the order given
        Assert.Equal("log-rank χ² = 0.385 (df 1), p = 0.535", test.ToString());
    }

    [Fact]
    public void Group_order_does_not_change_the_statistic()
    {
        var tallies = SurvivalData.Regimes.GroupBy(s => s.Group)
            .Select(g => new KeyValuePair<string, SurvivalTally>(g.Key, SurvivalData.Tally(g)))
            .ToList();
        double forward = Analyzer.LogRank(tallies).ChiSquare;
        tallies.Reverse();
        Approx.Relative(forward, Analyzer.LogRank(tallies).ChiSquare, 1e-10, "χ² reversed");
    }

    [Fact]
    public void A_group_never_at_risk_at_an_event_time_is_left_out_of_the_statistic_as_R_does()
    {
        // Group "early" is censored before the first event, so it is never at risk at an event time: E = 0, and R's survdiff
        // drops it (df = 1, not 2).
        var groups = new Dictionary<string, SurvivalTally>
        {
            ["a"] = SurvivalTally.FromDurations([1.0, 2, 3], [1, 1, 0]),
            ["b"] = SurvivalTally.FromDurations([1.5, 2.5, 3], [1, 0, 1]),
            ["early"] = SurvivalTally.FromDurations([0.25, 0.5], [0, 0]),
        };
        var withEarly = Analyzer.LogRank(groups);
        groups.Remove("early");
        var without = Analyzer.LogRank(groups);
        Assert.Equal(1, withEarly.DegreesOfFreedom);
        Assert.Equal(without.ChiSquare, withEarly.ChiSquare, 12);
        Assert.Equal(0.0, withEarly.Groups[2].Expected);
    }
}
