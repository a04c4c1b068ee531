using TrustMetrics.Survival;

namespace TrustMetrics.Tests.Survival;

/// <summary>
/// Kaplan–Meier against ltv-churn.md §9 and §13. "R-here" values were computed by R 4.2.2 with survival 3.5-3 on the same files
/// (ltv-churn.md §0) and printed to 10 significant digits, so they are checked to 1e-9 (<see cref="Approx.Printed"/>);
/// "LL-test" values are lifelines' own assertions (lifelines @ ad023a0, lifelines/tests/test_estimation.py) with their tolerance.
/// </summary>
public class KaplanMeierReferenceTests
{
    private static readonly SurvivalAnalyzer Analyzer = new();

    private static KaplanMeierResult Waltons(string group, SurvivalIntervalMethod method = SurvivalIntervalMethod.LogLog) =>
        Analyzer.KaplanMeier(SurvivalData.Tally(SurvivalData.Waltons, group), 0.95, method);

    private static KaplanMeierResult G3(string group, SurvivalIntervalMethod method = SurvivalIntervalMethod.LogLog) =>
        Analyzer.KaplanMeier(SurvivalData.Tally(SurvivalData.G3, group), 0.95, method);

    /// <summary>ltv-churn.md §13: R-here survfit(Surv(T, E) ~ 1, waltons[group == "control"], conf.type = "log-log"), every column.</summary>
    private static readonly (double Time, long AtRisk, long Events, long Censored, double Survival, double LogSe, double Lower, double Upper)[] ControlTable =
    [
        (7, 129, 1, 1, 0.992248062, 0.00778216008, 0.9462521106, 0.9989043866),
        (17, 127, 1, 0, 0.9844350851, 0.01109297994, 0.9391992059, 0.9960845049),
        (32, 126, 1, 0, 0.9766221083, 0.01365819415, 0.9292758213, 0.9924000614),
        (33, 125, 1, 0, 0.9688091314, 0.01584494861, 0.9190316617, 0.988178309),
        (38, 124, 2, 0, 0.9531831777, 0.01957722092, 0.8987614958, 0.9786912394),
        (41, 122, 7, 0, 0.8984923396, 0.02970182556, 0.8316122299, 0.9397563735),
        (45, 115, 9, 1, 0.8281755478, 0.04025554038, 0.7508834385, 0.883327396),
        (48, 105, 8, 0, 0.7650764585, 0.04905076308, 0.6815132309, 0.8294379926),
        (51, 97, 3, 0, 0.7414143, 0.05229719763, 0.6560992298, 0.8086344151),
        (53, 94, 7, 0, 0.6862025968, 0.05992455157, 0.5978532125, 0.7590532474),
        (54, 87, 2, 0, 0.6704278244, 0.06214020349, 0.581457707, 0.7446450436),
        (56, 85, 18, 0, 0.5284548734, 0.08379780512, 0.4381807101, 0.6107912357),
        (58, 67, 4, 0, 0.4969053287, 0.08927325961, 0.407317656, 0.5800999273),
        (60, 63, 15, 1, 0.3785945361, 0.1137103001, 0.2946992401, 0.4620222923),
        (61, 47, 9, 2, 0.3060977101, 0.1340493419, 0.228089151, 0.3874258199),
        (63, 36, 9, 0, 0.2295732826, 0.1650105613, 0.1598944775, 0.3069127653),
        (66, 27, 3, 0, 0.2040651401, 0.1784884169, 0.1379814954, 0.2793442295),
        (68, 24, 9, 1, 0.1275407125, 0.2384493971, 0.07547501538, 0.1937464477),
        (69, 14, 12, 1, 0.01822010179, 0.6967277399, 0.003579774071, 0.0579536197),
        (75, 1, 1, 0, 0, double.PositiveInfinity, double.NaN, double.NaN),
    ];

    [Fact]
    public void Waltons_control_table_matches_R_survfit_log_log_in_every_column()
    {
        var km = Waltons("control");
        Assert.Equal(129, km.Count);
        Assert.Equal(122, km.EventCount);
        Assert.Equal(7, km.CensoredCount);
        Assert.Equal(ControlTable.Length, km.Table.Count); // control has no censoring-only time, so R's summary rows are all rows

        for (int i = 0; i < ControlTable.Length; i++)
        {
            var expected = ControlTable[i];
            var row = km.Table[i];
            string at = $"t = {expected.Time}";
            Assert.Equal(expected.Time, row.Time);
            Assert.Equal(expected.AtRisk, row.AtRisk);
            Assert.Equal(expected.Events, row.Events);
            Assert.Equal(expected.Censored, row.Censored);
            Approx.Relative(expected.Survival, row.Survival, Approx.Printed, at + " survival");
            if (expected.Survival > 0)
            {
                Approx.Relative(expected.LogSe, row.LogStandardError, Approx.Printed, at + " log-scale SE");
                // R summary()$std.err = Ŝ·σ̂, from the two printed columns (each good to 5e-10 relative).
                Approx.Relative(expected.Survival * expected.LogSe, row.StandardError, Approx.Printed, at + " SE");
                Approx.Relative(expected.Lower, row.Lower, Approx.Printed, at + " lower");
                Approx.Relative(expected.Upper, row.Upper, Approx.Printed, at + " upper");
            }
            else
            {
                // §13: R prints σ̂ = Inf and NA bounds at Ŝ = 0; the library keeps σ̂ = +∞, reports SE 0 and the bounds (0, 0).
                Assert.Equal(double.PositiveInfinity, row.LogStandardError);
                Assert.Equal(0.0, row.StandardError);
                Assert.Equal((0.0, 0.0), (row.Lower, row.Upper));
            }
        }
    }

    [Fact]
    public void Waltons_control_median_is_58_with_log_log_interval_56_to_60()
    {
        // ltv-churn.md §9, R-here: median 58 (CI 56–60).
        var median = Waltons("control").Median;
        Assert.True(median.IsReached);
        Assert.Equal(58.0, median.Time);
        Assert.Equal(56.0, median.Lower);
        Assert.Equal(60.0, median.Upper);
        Assert.Equal(0.95, median.Level);
        Assert.Equal(SurvivalIntervalMethod.LogLog, median.Method);
    }

    [Fact]
    public void Waltons_miR137_survival_and_log_log_bounds_match_R()
    {
        // ltv-churn.md §9, R-here (34 subjects, 34 events); NA at Ŝ = 0 (t = 62) is (0, 0) here.
        double[] times = [6, 9, 13, 15, 19, 22, 26, 29, 33, 36, 43, 47, 62];
        double[] survival = [0.9705882353, 0.8823529412, 0.7941176471, 0.7352941176, 0.6470588235, 0.5294117647, 0.3823529412,
            0.2352941176, 0.1764705882, 0.1176470588, 0.08823529412, 0.05882352941, 0];
        double[] lower = [0.8090102102, 0.7162692431, 0.6161023525, 0.5529521886, 0.463028271, 0.3510672092, 0.2232826899, 0.1108571497,
            0.07162319995, 0.03724264898, 0.02262430696, 0.01052676443, 0];
        double[] upper = [0.9958039415, 0.9541389989, 0.8960866062, 0.8525042315, 0.7818309341, 0.6794942261, 0.5398367628, 0.386031788,
            0.3194047054, 0.2485939244, 0.211050872, 0.1715789278, 0];
        var km = Waltons("miR-137");
        Assert.Equal(34, km.Count);
        Assert.Equal(34, km.EventCount);
        for (int i = 0; i < times.Length; i++)
        {
            var estimate = km.EstimateAt(times[i]);
            Approx.Relative(survival[i], km.SurvivalAt(times[i]), Approx.Printed, $"S({times[i]})");
            Approx.Relative(survival[i], estimate.Value, Approx.Printed, $"S({times[i]})");
            Approx.IntervalAbsolute(lower[i], upper[i], estimate.Interval, Approx.Printed, $"log-log at {times[i]}");
            Assert.Equal("log-log", estimate.Interval.Method);
        }
    }

    [Fact]
    public void Waltons_miR137_median_is_26_with_log_log_interval_19_to_29_and_log_interval_22_to_29()
    {
        // ltv-churn.md §9, R-here: median 26 (log-log CI 19–29; log CI 22–29).
        var logLog = Waltons("miR-137").Median;
        Assert.Equal((26.0, 19.0, 29.0), (logLog.Time!.Value, logLog.Lower!.Value, logLog.Upper!.Value));
        var log = Waltons("miR-137", SurvivalIntervalMethod.Log).Median;
        Assert.Equal((26.0, 22.0, 29.0), (log.Time!.Value, log.Lower!.Value, log.Upper!.Value));
        Assert.Equal(SurvivalIntervalMethod.Log, log.Method);
    }

    [Fact]
    public void Waltons_pooled_risk_set_at_the_event_times_matches_R()
    {
        // ltv-churn.md §9, LL-test test_survival_table_from_events_at_risk_column ("from R"), R-here identical.
        long[] expected = [163, 162, 160, 157, 154, 152, 151, 148, 144, 139, 134, 133, 130, 128, 126, 119, 118, 108, 107, 99, 96, 89, 87,
            69, 65, 49, 38, 36, 27, 24, 14, 1];
        var km = Analyzer.KaplanMeier(SurvivalData.Tally(SurvivalData.Waltons));
        Assert.Equal(expected, km.Table.Where(r => r.Events > 0).Select(r => r.AtRisk).ToArray());
        Assert.Equal(163, km.Count);
        Assert.Equal(156, km.EventCount); // shared/data/README.md: 163 subjects, 156 events
    }

    [Fact]
    public void G3_control_survival_standard_error_and_all_three_interval_types_match_R()
    {
        // ltv-churn.md §9: Ŝ exact 5/6, 4/6, 3/6, 2/6 (LL-test test_kmf_survival_curve_output_against_R, rtol 1e-2); intervals and
        // SE R-here to 10 digits.
        double[] times = [9, 19, 32, 34];
        double[] exact = [5.0 / 6, 4.0 / 6, 3.0 / 6, 2.0 / 6];
        double[] standardError = [0.1521451549, 0.1924500897, 0.2041241452, 0.1924500897];
        (double[] Lower, double[] Upper, SurvivalIntervalMethod Method)[] intervals =
        [
            ([0.2731228499, 0.1946166368, 0.1109482604, 0.04608224341], [0.9747124267, 0.9044341643, 0.8037092369, 0.675564358],
                SurvivalIntervalMethod.LogLog),
            ([0.5826547955, 0.3786064609, 0.2246303478, 0.1075071392], [1, 1, 1, 1], SurvivalIntervalMethod.Log),
            ([0.5351343094, 0.289471422, 0.09992402697, 0], [1, 1, 0.900075973, 0.710528578], SurvivalIntervalMethod.Plain),
        ];
        foreach (var (lower, upper, method) in intervals)
        {
            var km = G3("Control", method);
            for (int i = 0; i < times.Length; i++)
            {
                var e = km.EstimateAt(times[i]);
                Approx.Absolute(exact[i], e.Value, 1e-15, $"S({times[i]})");
                Approx.Relative(standardError[i], e.StandardError, Approx.Printed, $"SE({times[i]})");
                Approx.IntervalAbsolute(lower[i], upper[i], e.Interval, Approx.Printed, $"{method} at {times[i]}");
            }
        }
    }

    [Fact]
    public void G3_RIT_survival_and_log_log_interval_match_R()
    {
        // ltv-churn.md §9: LL-test Ŝ(25) = 10/11, Ŝ(53) = 0.7792207792 (exact); log-log CI R-here.
        var km = G3("RIT");
        var at25 = km.EstimateAt(25);
        var at53 = km.EstimateAt(53);
        Approx.Absolute(10.0 / 11.0, at25.Value, 1e-15, "S(25)");
        Approx.Absolute(0.7792207792, at53.Value, Approx.Printed, "S(53)");
        Approx.IntervalAbsolute(0.5080802058, 0.9866738227, at25.Interval, Approx.Printed, "log-log at 25");
        Approx.IntervalAbsolute(0.3543995222, 0.9417727989, at53.Interval, Approx.Printed, "log-log at 53");
    }

    [Fact]
    public void G3_control_median_is_the_first_time_with_survival_at_most_one_half_not_R_s_midpoint()
    {
        // ltv-churn.md §9: Ŝ = 3/6 = ½ exactly on [32, 34). lifelines (first t with Ŝ ≤ ½): 32; R quantile.survfit: the midpoint
        // (32 + 34)/2 = 33. The library follows lifelines (docs/survival.md, "Median").
        var km = G3("Control");
        Assert.Equal(32.0, km.Median.Time);
    }

    [Fact]
    public void Waltons_restricted_mean_to_60_matches_R_print_rmean()
    {
        // ltv-churn.md §9, R-here: RMST to τ = 60, miR-137 25.58823529 (se 2.202199925), control 54.30355682 (se 0.767358947).
        var mir = Waltons("miR-137").RestrictedMean(60);
        Approx.Relative(25.58823529, mir.Value, Approx.Printed, "miR-137 RMST");
        Approx.Relative(2.202199925, mir.StandardError, Approx.Printed, "miR-137 SE");
        var control = Waltons("control").RestrictedMean(60);
        Approx.Relative(54.30355682, control.Value, Approx.Printed, "control RMST");
        Approx.Absolute(0.767358947, control.StandardError, Approx.Printed, "control SE");
        Assert.Equal("normal", control.Interval.Method);
        Approx.IntervalRelative(54.30355682 - (1.959963984540054 * 0.767358947), 54.30355682 + (1.959963984540054 * 0.767358947),
            control.Interval, 1e-8, "control RMST interval");
    }

    [Theory]
    [InlineData(4.0, 2.8)]
    [InlineData(4.1, 2.82)]
    public void Restricted_mean_at_the_lifelines_edge_case(double horizon, double expected)
    {
        // ltv-churn.md §9, LL-test test_rmst_works_at_kaplan_meier_edge_case: T = (1, 2, 3, 4, 10), all events, abs < 1e-4;
        // the areas are exact sums of rectangles (1 + 0.8 + 0.6 + 0.4 [+ 0.2·0.1]), so 1e-12 here.
        var km = Analyzer.KaplanMeier([1.0, 2, 3, 4, 10], [(byte)1, 1, 1, 1, 1]);
        Approx.Relative(expected, km.RestrictedMean(horizon).Value, 1e-12, $"RMST({horizon})");
    }

    [Fact]
    public void Restricted_mean_before_the_first_time_is_the_horizon_and_zero_horizon_gives_zero()
    {
        var km = Analyzer.KaplanMeier([5.0, 8, 9], [(byte)1, 0, 1]);
        Assert.Equal(new Estimation.Estimate(3.0, 0.0, new Estimation.ConfidenceInterval(3.0, 3.0, 0.95, "normal")), km.RestrictedMean(3));
        Assert.Equal(0.0, km.RestrictedMean(0).Value);
        // Ŝ = 1 on [0, 5), 2/3 on [5, 9), 0 from 9 on: 5 + (2/3)·4 = 23/3 for any τ ≥ 9.
        Approx.Relative(23.0 / 3, km.RestrictedMean(9).Value, 1e-14, "RMST(9)");
        Approx.Relative(23.0 / 3, km.RestrictedMean(1000).Value, 1e-14, "RMST(1000)");
    }

    [Fact]
    public void Survival_is_a_right_continuous_step_function_that_is_one_before_the_first_event()
    {
        var km = G3("Control"); // events at 9, 19, 32, 34; censored at 48, 50
        Assert.Equal(1.0, km.SurvivalAt(-5));
        Assert.Equal(1.0, km.SurvivalAt(0));
        Assert.Equal(1.0, km.SurvivalAt(8.999));
        Assert.Equal(5.0 / 6, km.SurvivalAt(9), 15);
        Assert.Equal(5.0 / 6, km.SurvivalAt(18.5), 15);
        Assert.Equal(2.0 / 6, km.SurvivalAt(50), 15);
        Assert.Equal(2.0 / 6, km.SurvivalAt(double.PositiveInfinity), 15); // carried flat after the last time
        var before = km.EstimateAt(1);
        Assert.Equal((1.0, 0.0, 1.0, 1.0), (before.Value, before.StandardError, before.Interval.Lower, before.Interval.Upper));
    }

    [Fact]
    public void Median_not_reached_is_null_and_summary_says_so()
    {
        var km = G3("RIT"); // Ŝ stays at 0.779 ≥ ½
        Assert.False(km.Median.IsReached);
        Assert.Null(km.Median.Time);
        Assert.Null(km.Median.Upper);
        Assert.Contains("median not reached", km.ToString(), StringComparison.Ordinal);
        Assert.Equal("Kaplan–Meier n = 129, events = 122, median 58 [56, 60] (95% log-log)", Waltons("control").ToString());
    }
}
