using TrustMetrics.Survival;

namespace TrustMetrics.Tests.Survival;

/// <summary>
/// RMST difference against R survival 3.5-3: each RMST and SE from summary(survfit(...), rmean = τ)$table, the difference, SE, z, p
/// and interval computed from them in Data/rmst-difference.R (output rmst-difference.txt); survRM2 is not packaged here.
/// </summary>
public class RestrictedMeanDifferenceTests
{
    private const double Tolerance = 1e-9;

    private static readonly SurvivalAnalyzer Analyzer = new();

    [Fact]
    public void Waltons_control_minus_miR137_to_day_60_equals_R()
    {
        var control = Analyzer.KaplanMeier(SurvivalData.Tally(SurvivalData.Waltons, "control"));
        var mir = Analyzer.KaplanMeier(SurvivalData.Tally(SurvivalData.Waltons, "miR-137"));
        var difference = Analyzer.CompareRestrictedMeans(control, mir, 60);
        Approx.Relative(54.303556822839006, difference.First.Value, Tolerance, "RMST control");
        Approx.Relative(0.76735894704462693, difference.First.StandardError, Tolerance, "SE control");
        Approx.Relative(25.588235294117645, difference.Second.Value, Tolerance, "RMST miR-137");
        Approx.Relative(28.715321528721361, difference.Difference, Tolerance, "Δ");
        Approx.Relative(2.3320643782048198, difference.StandardError, Tolerance, "SE Δ");
        Approx.Relative(12.31326278857957, difference.Z!.Value, Tolerance, "z");
        Approx.Relative(7.6852236403965309e-35, difference.PValue!.Value, 1e-8, "p");
        Approx.Relative(24.144559337811121, difference.Interval.Lower, Tolerance, "lower");
        Approx.Relative(33.286083719631606, difference.Interval.Upper, Tolerance, "upper");
    }

    [Theory]
    // rmst-difference.txt, "simulated plan a - b" and "a - c", τ = 40.
    [InlineData("b", 5.4752054105769901, 2.2597156581480955, 2.4229621062430855, 0.015394532407426198)]
    [InlineData("c", -5.313857995152599, 2.1368332935031797, -2.4867910900250543, 0.012890106832060154)]
    public void Simulated_plans_equal_R(string other, double delta, double se, double z, double p)
    {
        var rows = RReference.Rows("log-rank-simulated.csv").Select(f => (Plan: f[0], Time: RReference.Number(f[2]), Event: f[3] == "1")).ToArray();
        KaplanMeierResult Curve(string plan) => Analyzer.KaplanMeier(SurvivalTally.FromDurations(rows.Where(r => r.Plan == plan).Select(r => (r.Time, r.Event))));
        var difference = Analyzer.CompareRestrictedMeans(Curve("a"), Curve(other), 40);
        Approx.Relative(delta, difference.Difference, Tolerance, "Δ");
        Approx.Relative(se, difference.StandardError, Tolerance, "SE");
        Approx.Relative(z, difference.Z!.Value, Tolerance, "z");
        Approx.Relative(p, difference.PValue!.Value, Tolerance, "p");
    }

    [Fact]
    public void Without_events_before_the_horizon_the_test_is_undefined_not_NaN()
    {
        var a = Analyzer.KaplanMeier(SurvivalTally.FromDurations([5.0, 6], [1, 1]));
        var b = Analyzer.KaplanMeier(SurvivalTally.FromDurations([7.0, 8], [0, 1]));
        var difference = Analyzer.CompareRestrictedMeans(a, b, 4); // both curves are 1 on [0, 4]
        Assert.Equal((0.0, 0.0), (difference.Difference, difference.StandardError));
        Assert.Null(difference.Z);
        Assert.Null(difference.PValue);
        Assert.Contains("p = undefined", difference.ToString(), StringComparison.Ordinal);
    }
}
