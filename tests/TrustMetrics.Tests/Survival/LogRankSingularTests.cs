using TrustMetrics.Survival;

namespace TrustMetrics.Tests.Survival;

/// <summary>
/// The log-rank test with many one-subject groups and with singular variance matrices (a --group on an id column): where V is
/// non-singular the statistic is R's; where it is singular (everyone at risk churns at once) the generalized-inverse statistic on
/// rank(V) df instead of an error. References: Data/log-rank-singular.R and its output Data/log-rank-singular.txt (R survival 3.5-3).
/// </summary>
public class LogRankSingularTests
{
    private static readonly SurvivalAnalyzer Analyzer = new();

    [Fact]
    public void TwentyOneSubjectGroupsChurningTogetherMatchSurvdiff()
    {
        var groups = new List<KeyValuePair<string, SurvivalTally>>
        {
            KeyValuePair.Create("big", SurvivalTally.FromDurations([1.0, 2, 3, 4, 5, 6], [1, 1, 0, 1, 1, 0])),
        };
        for (int i = 1; i <= 20; i++)
        {
            groups.Add(KeyValuePair.Create($"s{i:00}", SurvivalTally.FromDurations([1.0], [1])));
        }

        var test = Analyzer.LogRank(groups);

        // R survival 3.5-3 survdiff: chisq 19.841269841269817 on 20 df (Data/log-rank-singular.txt).
        Approx.Relative(19.841269841269817, test.ChiSquare, 1e-9);
        Assert.Equal(20, test.DegreesOfFreedom);
    }

    [Fact]
    public void ThousandAndOneOneSubjectGroupsChurningAtOnceGiveZeroOnZeroDf()
    {
        // Every subject churns at t = 1: V = 0, so there is no information to test (R's survdiff stops: "system is exactly singular").
        var groups = Enumerable.Range(1, 1001).Select(i => KeyValuePair.Create($"g{i:0000}", SurvivalTally.FromDurations([1.0], [1]))).ToList();

        var test = Analyzer.LogRank(groups);

        Assert.Equal((0.0, 0, 1.0), (test.ChiSquare, test.DegreesOfFreedom, test.PValue));
        Assert.All(test.Groups, g => Assert.Equal(1.0, g.Expected, 12));
    }

    [Fact]
    public void SingularBlockWithDelayedEntryDropsOnlyTheRedundantDirection()
    {
        // a, b: at risk from 0, events at 1 and 2 (a) and 1 (b), censored at 3. c, d: enter at 3.5 and both churn at 4, alone at risk:
        // their variance rows are 0, so V (a dropped) has rank 1 and the statistic is the two-group one of a vs b on 1 df.
        var a = SurvivalTally.FromDurations([1.0, 2, 3], [1, 1, 0]);
        var b = SurvivalTally.FromDurations([1.0, 3, 3], [1, 0, 0]);
        var late = SurvivalTally.FromStartStop([3.5], [4.0], [1]);
        var four = Analyzer.LogRank([KeyValuePair.Create("a", a), KeyValuePair.Create("b", b), KeyValuePair.Create("c", late), KeyValuePair.Create("d", late)]);
        var two = Analyzer.LogRank([KeyValuePair.Create("a", a), KeyValuePair.Create("b", b)]);

        // Closed form: the c and d scores are 1 − 2·½ = 0 and their V rows vanish, so uᵀV⁻u reduces to u_b²/V_bb of the a-vs-b test.
        Approx.Relative(two.ChiSquare, four.ChiSquare, 1e-12);
        Assert.Equal(1, four.DegreesOfFreedom);
        Approx.Relative(two.PValue, four.PValue, 1e-12);
    }
}
