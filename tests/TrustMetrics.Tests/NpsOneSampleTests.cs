using TrustMetrics.Nps;

namespace TrustMetrics.Tests;

/// <summary>
/// One-sample NPS against survey-metrics.md §1.2 (brendan-r/NPS tests/testthat/test_01_basics.R), §1.4 (brendan-r/NPS @ cd9473e in
/// R 4.2.2; "iterative" re-solved with scipy 1.10.1 brentq) and §1.5 (Dirichlet(1,1,1) posterior, scipy 1.10.1 quad + brentq,
/// cross-checked in R 4.2.2). The notes work on the share scale [−1, 1]; the library reports points (× 100).
/// </summary>
public class NpsOneSampleTests
{
    private static readonly NpsCalculator Calculator = new();

    private static NpsResult Calc(long d, long pa, long p, NpsIntervalMethod method) =>
        Calculator.Calculate(new NpsTally(d, pa, p), 0.95, method);

    /// <summary>§1.2 table: (D, Pa, P), NPS, V (exact fractions from the table), package SE (3 decimals, package tolerance 0.001).</summary>
    public static TheoryData<long, long, long, double, double, double> Section12Table => new()
    {
        { 1, 2, 3, 1.0 / 3.0, 5.0 / 9.0, 0.304 },
        { 1, 0, 0, -1, 0, 0 },
        { 0, 1, 0, 0, 0, 0 },
        { 0, 0, 1, 1, 0, 0 },
        { 1, 0, 1, 0, 1, 0.707 },
        { 0, 1, 1, 0.5, 0.25, 0.354 },
        { 1, 1, 1, 0, 2.0 / 3.0, 0.471 },
    };

    [Theory]
    [MemberData(nameof(Section12Table))]
    public void Score_and_standard_error_match_section_1_2_in_points(long d, long pa, long p, double nps, double variance, double packageSe)
    {
        var result = Calc(d, pa, p, NpsIntervalMethod.Wald);
        long n = d + pa + p;

        Approx.Relative(100 * nps, result.Score.Value, 1e-14, "NPS points");
        // SE = √(V/n) with the exact V of the table (hand arithmetic), in points.
        Approx.Relative(100 * Math.Sqrt(variance / n), result.StandardError, 1e-13, "SE points from exact V");
        // The package's own tolerance (0.001 on the share scale = 0.1 points) against its printed 3-decimal SE.
        Assert.InRange(result.StandardError, 100 * packageSe - 0.1, 100 * packageSe + 0.1);
    }

    [Fact]
    public void Raw_scores_from_section_1_2_give_one_third_and_five_ninths()
    {
        // §1.2: raw scores c(0,7,7,9,9,9) → NPS 1/3, V 5/9 (n = 6, SE = √(5/54)).
        var result = Calculator.Calculate([0, 7, 7, 9, 9, 9]);
        Assert.Equal(new NpsTally(1, 2, 3), result.Tally);
        Approx.Relative(100.0 / 3.0, result.Score.Value, 1e-14, "NPS");
        Approx.Relative(100 * Math.Sqrt(5.0 / 54.0), result.StandardError, 1e-13, "SE");
    }

    /// <summary>
    /// §1.4 table rows: (D, Pa, P), NPS, SE, Wald, adjusted-Wald (unclipped, as the package prints it), adjusted SE', Tango score.
    /// </summary>
    public static TheoryData<long, long, long, double[]> Section14Table => new()
    {
        // { NPS, SE, waldL, waldU, adjL, adjU, adjSE', scoreL, scoreU }
        { 1, 2, 3, [0.3333333333, 0.3042903097, -0.2630647146, 0.9297313812, -0.2674325879, 0.7118770324, 0.2498284734, -0.3110737846, 0.7539566636] },
        { 20, 30, 50, [0.3, 0.07810249676, 0.1469219192, 0.4530780808, 0.1405113018, 0.4420129701, 0.07691510422, 0.1395514161, 0.4433930663] },
        { 1, 2, 7, [0.6, 0.2097617696, 0.1888744862, 1.011125514, 0.07039408656, 0.8526828365, 0.1995671237, 0.04892423158, 0.8588583168] },
        { 0, 0, 20, [1, 0, 1, 1, 0.6968334403, 1.042296995, 0.08813007713, 0.6777496839, 1] },
        { 10, 50, 80, [0.5, 0.05297284634, 0.396175129, 0.603824871, 0.3858197167, 0.5932012623, 0.05290442765, 0.3883424095, 0.5964367495] },
        { 37, 81, 145, [0.4106463878, 0.04461004479, 0.3232123067, 0.498080469, 0.3189412354, 0.4930888398, 0.04442622563, 0.319109147, 0.4937496411] },
    };

    [Theory]
    [MemberData(nameof(Section14Table))]
    public void Wald_matches_section_1_4_clipped_to_plus_minus_100(long d, long pa, long p, double[] row)
    {
        var result = Calc(d, pa, p, NpsIntervalMethod.Wald);

        // Values printed to 10 s.f. on [−1, 1]; in points the rounding is ≤ 5e-10 relative → Approx.Printed.
        Approx.Relative(100 * row[0], result.Score.Value, Approx.Printed, "NPS");
        Approx.Relative(100 * row[1], result.StandardError, Approx.Printed, "SE");
        // Library convention (NpsIntervalMethod.Wald docs): clipped to [−100, 100]; the package does not clip, e.g. (1,2,7) upper 1.011125514.
        Approx.Relative(Math.Max(-100, 100 * row[2]), result.Interval.Lower, Approx.Printed, "Wald" + " lower");
        Approx.Relative(Math.Min(100, 100 * row[3]), result.Interval.Upper, Approx.Printed, "Wald" + " upper");
        Assert.Equal("wald", result.Interval.Method);
    }

    [Fact]
    public void Wald_clips_the_upper_bound_of_1_2_7_and_is_degenerate_for_0_0_20()
    {
        // §1.4: (1,2,7) Wald upper 1.011125514 > 1 → clipped to 100 points; (0,0,20) V = 0 → [1, 1] degenerate.
        Assert.Equal(100.0, Calc(1, 2, 7, NpsIntervalMethod.Wald).Interval.Upper);
        var degenerate = Calc(0, 0, 20, NpsIntervalMethod.Wald).Interval;
        Assert.Equal(100.0, degenerate.Lower);
        Assert.Equal(100.0, degenerate.Upper);
    }

    [Theory]
    [MemberData(nameof(Section14Table))]
    public void Adjusted_Wald_matches_section_1_4_centred_on_the_adjusted_score(long d, long pa, long p, double[] row)
    {
        var result = Calc(d, pa, p, NpsIntervalMethod.AdjustedWald);

        // The reported point estimate is the raw NPS (as in the package); the interval is centred on NPS' = (P − D)/(n + 3).
        Approx.Relative(100 * row[0], result.Score.Value, Approx.Printed, "NPS");
        Approx.Relative(100 * row[1], result.StandardError, Approx.Printed, "SE (raw)");
        // Library convention: clipped to [−100, 100]; only the (0,0,20) upper bound (unclipped 1.042296995) is affected → 100.
        Approx.Relative(Math.Max(-100, 100 * row[4]), result.Interval.Lower, Approx.Printed, "adjusted Wald" + " lower");
        Approx.Relative(Math.Min(100, 100 * row[5]), result.Interval.Upper, Approx.Printed, "adjusted Wald" + " upper");
        Assert.Equal("adjusted-wald", result.Interval.Method);

        if (row[5] <= 1)
        {
            // Unclipped rows: centre NPS' = (P − D)/(n + 3) (§1.3 b) and half-width z·SE' with z = 1.959963985 (R qnorm(0.975), 10 s.f.).
            double centre = 100.0 * (p - d) / (d + pa + p + 3);
            Approx.Relative(centre, (result.Interval.Lower + result.Interval.Upper) / 2, Approx.Printed, "centre NPS'");
            Approx.Relative(100 * 1.959963985 * row[6], result.Interval.HalfWidth, 1e-9, "half-width z·SE'");
        }
    }

    [Fact]
    public void Adjusted_Wald_worked_example_1_2_3()
    {
        // §1.4 worked example: adjusted counts (1.75, 3.5, 3.75), n' = 9, NPS' = 2/9, V' = 0.5617283951, SE' = 0.2498284734.
        var interval = Calc(1, 2, 3, NpsIntervalMethod.AdjustedWald).Interval;
        Approx.Relative(100 * 2.0 / 9.0, (interval.Lower + interval.Upper) / 2, 1e-13, "centre");
        Approx.Relative(-26.74325879, interval.Lower, Approx.Printed, "interval" + " lower");
        Approx.Relative(71.18770324, interval.Upper, Approx.Printed, "interval" + " upper");
    }

    [Theory]
    [MemberData(nameof(Section14Table))]
    public void Score_interval_matches_section_1_4_Tango_iterative(long d, long pa, long p, double[] row)
    {
        var result = Calc(d, pa, p, NpsIntervalMethod.Score);

        // Reference: scipy brentq (xtol 1e-15), agreeing with the package's bisection to 1e-7 on [−1, 1]; 1e-6 points absolute
        // (= 1e-8 on the share scale) is the brief's tolerance. The expected values are ≤ 100 points, so relative·max(1,|b|) with
        // 1e-8 is at most 1e-6 points.
        Approx.Relative(100 * row[7], result.Interval.Lower, 1e-8, "score" + " lower");
        Approx.Relative(100 * row[8], result.Interval.Upper, 1e-8, "score" + " upper");
        Assert.True(Math.Abs(result.Interval.Lower - 100 * row[7]) <= 1e-6 && Math.Abs(result.Interval.Upper - 100 * row[8]) <= 1e-6);
        Assert.Equal("score", result.Interval.Method);
    }

    [Fact]
    public void Score_interval_ends_at_exactly_100_when_everyone_promotes()
    {
        // §1.3 (c): "upper = 1 if P = n"; §1.4 (0,0,20) → [0.6777496839, 1].
        Assert.Equal(100.0, Calc(0, 0, 20, NpsIntervalMethod.Score).Interval.Upper);
        // Mirror image (hand-derived by symmetry D ↔ P): (20,0,0) → [−100, −67.77496839].
        var mirror = Calc(20, 0, 0, NpsIntervalMethod.Score).Interval;
        Assert.Equal(-100.0, mirror.Lower);
        Assert.True(Math.Abs(mirror.Upper - -67.77496839) <= 1e-6);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(20)]
    [InlineData(1000)]
    public void Score_interval_never_collapses_for_a_one_class_sample(long n)
    {
        // NpsIntervalMethod.Score documents that it "does not collapse to zero width when every respondent falls in one class";
        // §1.3 (c) fixes only the end at ±1. Before the fix in NpsIntervals.Score, (0,0,n) returned [100, 100].
        var promoters = Calc(0, 0, n, NpsIntervalMethod.Score).Interval;
        var detractors = Calc(n, 0, 0, NpsIntervalMethod.Score).Interval;
        var passives = Calc(0, n, 0, NpsIntervalMethod.Score).Interval;
        Assert.True(promoters.Lower < 100 && promoters.Upper == 100, promoters.ToString());
        Assert.True(detractors.Lower == -100 && detractors.Upper > -100, detractors.ToString());
        Assert.True(passives.Lower < 0 && passives.Upper > 0, passives.ToString());
        // D ↔ P mirror symmetry of the score statistic (hand-derived: swapping D and P maps Δ to −Δ).
        Assert.Equal(-promoters.Lower, detractors.Upper, 9);
        Assert.Equal(-passives.Lower, passives.Upper, 9);
    }

    /// <summary>§1.5: (D, Pa, P), equal-tailed 95% bounds of θP − θD under Dir(1 + D, 1 + Pa, 1 + P).</summary>
    public static TheoryData<long, long, long, double, double> Section15Table => new()
    {
        { 10, 50, 80, 0.3822310049, 0.5896780081 },
        { 1, 2, 7, 0.02617198914, 0.7975049853 },
        { 20, 30, 50, 0.1368191354, 0.4376975029 },
        { 0, 0, 20, 0.6389561593, 0.9840799381 },
    };

    [Theory]
    [MemberData(nameof(Section15Table))]
    public void Bayesian_equal_tailed_interval_matches_section_1_5(long d, long pa, long p, double lower, double upper)
    {
        var result = Calc(d, pa, p, NpsIntervalMethod.Bayesian);

        // §1.5 recommends 1e-8 on the share scale for the deterministic ET bounds = 1e-6 points absolute.
        Assert.True(Math.Abs(result.Interval.Lower - 100 * lower) <= 1e-6, $"lower {result.Interval.Lower} vs {100 * lower}");
        Assert.True(Math.Abs(result.Interval.Upper - 100 * upper) <= 1e-6, $"upper {result.Interval.Upper} vs {100 * upper}");
        Assert.Equal("bayesian", result.Interval.Method);
        // The point estimate stays the raw NPS, not the posterior mean.
        Approx.Relative(100.0 * (p - d) / (d + pa + p), result.Score.Value, 1e-14, "NPS");
    }

    [Fact]
    public void Default_method_is_the_score_interval_at_95_percent()
    {
        var result = Calculator.Calculate(new NpsTally(20, 30, 50));
        Assert.Equal("score", result.Interval.Method);
        Assert.Equal(0.95, result.Interval.Level);
        // §1.4 (20,30,50) Tango score [0.1395514161, 0.4433930663].
        Assert.True(Math.Abs(result.Interval.Lower - 13.95514161) <= 1e-6);
        Assert.True(Math.Abs(result.Interval.Upper - 44.33930663) <= 1e-6);
    }

    [Fact]
    public void Result_shares_and_summary_describe_the_tally()
    {
        var result = Calculator.Calculate(new NpsTally(20, 30, 50));
        Assert.Equal(100, result.Count);
        Assert.Equal(0.2, result.DetractorShare);
        Assert.Equal(0.3, result.PassiveShare);
        Assert.Equal(0.5, result.PromoterShare);
        // The example in NpsResult.ToString's XML doc; §1.4 (20,30,50) score interval [0.1395514161, 0.4433930663] rounds to [14.0, 44.3].
        Assert.Equal("NPS 30.0 [14.0, 44.3] (95% score, n = 100)", result.ToString());
    }
}
