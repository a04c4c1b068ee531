using TrustMetrics.Estimation;

namespace TrustMetrics.Tests;

/// <summary>
/// Binomial proportion intervals against survey-metrics.md §2.3 (Python 3.11.2, scipy 1.10.1, statsmodels 0.13.5
/// <c>proportion_confint</c>; Wilson-CC from Newcombe's closed form; Wilson, Wilson-CC, Clopper–Pearson and Jeffreys re-computed
/// in R 4.2.2) and §2.4 (the T2B 7/10 of the CSAT data). All 95%.
/// </summary>
public class ProportionIntervalsTests
{
    private const ProportionIntervalMethod Wald = ProportionIntervalMethod.Wald;
    private const ProportionIntervalMethod Wilson = ProportionIntervalMethod.Wilson;
    private const ProportionIntervalMethod WilsonCc = ProportionIntervalMethod.WilsonContinuityCorrected;
    private const ProportionIntervalMethod AgrestiCoull = ProportionIntervalMethod.AgrestiCoull;
    private const ProportionIntervalMethod ClopperPearson = ProportionIntervalMethod.ClopperPearson;
    private const ProportionIntervalMethod Jeffreys = ProportionIntervalMethod.Jeffreys;

    /// <summary>survey-metrics.md §2.3 table, all 7 rows, per method: (method, x, n, lower, upper).</summary>
    public static TheoryData<ProportionIntervalMethod, long, long, double, double> Section23Table => new()
    {
        // Wald (statsmodels method='normal', clipped to [0, 1]).
        { Wald, 0, 10, 0, 0 },
        { Wald, 1, 10, 0, 0.2859385097 },
        { Wald, 5, 10, 0.1901024838, 0.8098975162 },
        { Wald, 10, 10, 1, 1 },
        { Wald, 81, 263, 0.2521901262, 0.3637794555 },
        { Wald, 37, 50, 0.6184190248, 0.8615809752 },
        { Wald, 999, 1000, 0.9970410162, 1 },

        // Wilson (statsmodels method='wilson'; R prop.test(correct = FALSE)).
        { Wilson, 0, 10, 0, 0.2775327999 },
        { Wilson, 1, 10, 0.0178762131, 0.4041500268 },
        { Wilson, 5, 10, 0.2365930905, 0.7634069095 },
        { Wilson, 10, 10, 0.7224672001, 1 },
        { Wilson, 81, 263, 0.2552885199, 0.366209577 },
        { Wilson, 37, 50, 0.6044684274, 0.8412847251 },
        { Wilson, 999, 1000, 0.9943574414, 0.9998234536 },

        // Wilson with continuity correction (Newcombe 1998 method 4 closed form; R prop.test(correct = TRUE) with YATES = 0.5).
        { WilsonCc, 0, 10, 0, 0.3445372183 },
        { WilsonCc, 1, 10, 0.00524230157, 0.4588460162 },
        { WilsonCc, 5, 10, 0.2014229696, 0.7985770304 },
        { WilsonCc, 10, 10, 0.6554627817, 1 },
        { WilsonCc, 81, 263, 0.2535086823, 0.368176201 },
        { WilsonCc, 37, 50, 0.5938741461, 0.8491922839 },
        { WilsonCc, 999, 1000, 0.993531215, 0.9999477976 },

        // Agresti–Coull (statsmodels method='agresti_coull', z² form, clipped to [0, 1]).
        { AgrestiCoull, 0, 10, 0, 0.3208873058 },
        { AgrestiCoull, 1, 10, 0, 0.4259677374 },
        { AgrestiCoull, 5, 10, 0.2365930905, 0.7634069095 },
        { AgrestiCoull, 10, 10, 0.6791126942, 1 },
        { AgrestiCoull, 81, 263, 0.2552206652, 0.3662774317 },
        { AgrestiCoull, 37, 50, 0.603324155, 0.8424289974 },
        { AgrestiCoull, 999, 1000, 0.9937585173, 1 },

        // Clopper–Pearson (statsmodels method='beta'; R binom.test).
        { ClopperPearson, 0, 10, 0, 0.3084971078 },
        { ClopperPearson, 1, 10, 0.002528578544, 0.445016117 },
        { ClopperPearson, 5, 10, 0.1870860284, 0.8129139716 },
        { ClopperPearson, 10, 10, 0.6915028922, 1 },
        { ClopperPearson, 81, 263, 0.2527367456, 0.3676219226 },
        { ClopperPearson, 37, 50, 0.5965523213, 0.8536994156 },
        { ClopperPearson, 999, 1000, 0.9944410757, 0.9999746825 },

        // Jeffreys with the Brown–Cai–DasGupta boundary rule (the library's documented convention): statsmodels values,
        // except (0,10) → [0, 0.2171962675] and (10,10) → [0.7828037325, 1], the BCD variants printed under the §2.3 table.
        { Jeffreys, 0, 10, 0, 0.2171962675 },
        { Jeffreys, 1, 10, 0.01101167376, 0.3813147711 },
        { Jeffreys, 5, 10, 0.2235286703, 0.7764713297 },
        { Jeffreys, 10, 10, 0.7828037325, 1 },
        { Jeffreys, 81, 263, 0.254521935, 0.3656474992 },
        { Jeffreys, 37, 50, 0.6073920715, 0.8457328386 },
        { Jeffreys, 999, 1000, 0.9953355412, 0.9998920812 },
    };

    [Theory]
    [MemberData(nameof(Section23Table))]
    public void Interval_matches_survey_metrics_section_2_3(ProportionIntervalMethod method, long x, long n, double lower, double upper)
    {
        var interval = ProportionIntervals.Compute(x, n, 0.95, method);

        double tolerance = method is ClopperPearson or Jeffreys ? Approx.Quantile : Approx.ClosedForm;
        Approx.IntervalAbsolute(lower, upper, interval, tolerance, $"{method} {x}/{n}");
        Assert.Equal(0.95, interval.Level);
        Assert.Equal(ProportionIntervals.Name(method), interval.Method);
    }

    [Theory]
    [InlineData(ProportionIntervalMethod.Wilson, "wilson")]
    [InlineData(ProportionIntervalMethod.WilsonContinuityCorrected, "wilson-cc")]
    [InlineData(ProportionIntervalMethod.AgrestiCoull, "agresti-coull")]
    [InlineData(ProportionIntervalMethod.ClopperPearson, "clopper-pearson")]
    [InlineData(ProportionIntervalMethod.Jeffreys, "jeffreys")]
    [InlineData(ProportionIntervalMethod.Wald, "wald")]
    public void Interval_method_names_are_stable(ProportionIntervalMethod method, string name) =>
        Assert.Equal(name, ProportionIntervals.Compute(3, 10, 0.95, method).Method);

    [Fact]
    public void Jeffreys_uses_the_Brown_Cai_DasGupta_boundary_rule_not_the_statsmodels_one()
    {
        // survey-metrics.md §2.3: statsmodels 0.13.5 gives (0,10) lower 4.789043316e-05 and (10,10) upper 0.9999521096;
        // the library documents BCD (ProportionIntervalMethod.Jeffreys): exactly 0 and exactly 1 at the boundaries.
        Assert.Equal(0.0, ProportionIntervals.Compute(0, 10, 0.95, Jeffreys).Lower);
        Assert.Equal(1.0, ProportionIntervals.Compute(10, 10, 0.95, Jeffreys).Upper);
    }

    [Fact]
    public void Wald_and_Agresti_Coull_clip_to_the_unit_interval()
    {
        // survey-metrics.md §2.3 "Unclipped values": Wald (1,10) lower −0.08593850969, Wald (999,1000) upper 1.000958984,
        // AC (0,10) lower −0.04335450589, AC (1,10) lower −0.003941497505, AC (10,10) upper 1.043354506, AC (999,1000) upper 1.000422378.
        Assert.Equal(0.0, ProportionIntervals.Compute(1, 10, 0.95, Wald).Lower);
        Assert.Equal(1.0, ProportionIntervals.Compute(999, 1000, 0.95, Wald).Upper);
        Assert.Equal(0.0, ProportionIntervals.Compute(0, 10, 0.95, AgrestiCoull).Lower);
        Assert.Equal(0.0, ProportionIntervals.Compute(1, 10, 0.95, AgrestiCoull).Lower);
        Assert.Equal(1.0, ProportionIntervals.Compute(10, 10, 0.95, AgrestiCoull).Upper);
        Assert.Equal(1.0, ProportionIntervals.Compute(999, 1000, 0.95, AgrestiCoull).Upper);
    }

    [Fact]
    public void Agresti_Coull_centre_equals_the_Wilson_centre()
    {
        // survey-metrics.md §2.3: "Agresti–Coull's centre p̃ always equals the Wilson centre"; for n = 10, p̃(0,10) = 0.1387663999,
        // so the unclipped AC upper bound 0.3208873058 sits 0.1821209059 above it and the clipped lower bound is 0.
        var wilson = ProportionIntervals.Compute(37, 50, 0.95, Wilson);
        var ac = ProportionIntervals.Compute(37, 50, 0.95, AgrestiCoull);
        Approx.Absolute((wilson.Lower + wilson.Upper) / 2, (ac.Lower + ac.Upper) / 2, 1e-14, "centres");
        // upper = 2·p̃ − unclipped lower: three printed inputs, each rounded by ≤ 5e-11, so the sum is good to ~1.05e-10 → 2e-10.
        Approx.Absolute(2 * 0.1387663999 - -0.04335450589, ProportionIntervals.Compute(0, 10, 0.95, AgrestiCoull).Upper, 2e-10, "AC (0,10) upper from centre");
    }

    /// <summary>
    /// Full-precision closed forms, hand-derived in this comment so the 1e-12 tolerance of §7.1 can be applied:
    /// z = Φ⁻¹(0.975) = 1.959963984540054 (R 4.2.2 <c>qnorm(0.975)</c>, printed with 16 digits), and
    /// Wilson (5,10): centre 0.5, half = z·√(0.025 + z²/400)/(1 + z²/10);
    /// Wald (81,263): 81/263 ± z·√((81/263)(182/263)/263).
    /// </summary>
    [Fact]
    public void Wilson_and_Wald_match_their_closed_forms_to_1e_12()
    {
        const double z = 1.959963984540054;
        double z2 = z * z;
        double wilsonHalf = z * Math.Sqrt(0.025 + z2 / 400.0) / (1.0 + z2 / 10.0);
        var wilson = ProportionIntervals.Compute(5, 10, 0.95, Wilson);
        Approx.IntervalAbsolute(0.5 - wilsonHalf, 0.5 + wilsonHalf, wilson, 1e-12, "Wilson 5/10");

        double p = 81.0 / 263.0, waldHalf = z * Math.Sqrt(p * (1 - p) / 263.0);
        Approx.IntervalAbsolute(p - waldHalf, p + waldHalf, ProportionIntervals.Compute(81, 263, 0.95, Wald), 1e-12, "Wald 81/263");
    }

    /// <summary>survey-metrics.md §2.4: CSAT data d = [5,4,4,3,5,2,4,5,3,4], T2B = 7/10, statsmodels 0.13.5.</summary>
    [Theory]
    [InlineData(ProportionIntervalMethod.Wilson, 0.3967781475, 0.8922087326)]
    [InlineData(ProportionIntervalMethod.AgrestiCoull, 0.392325298, 0.8966615821)]
    [InlineData(ProportionIntervalMethod.ClopperPearson, 0.3475471499, 0.9332604888)]
    [InlineData(ProportionIntervalMethod.Jeffreys, 0.3941816819, 0.9073054061)]
    public void Top_two_box_7_of_10_matches_survey_metrics_section_2_4(ProportionIntervalMethod method, double lower, double upper)
    {
        double tolerance = method is ClopperPearson or Jeffreys ? Approx.Quantile : Approx.ClosedForm;
        Approx.IntervalAbsolute(lower, upper, ProportionIntervals.Compute(7, 10, 0.95, method), tolerance, method.ToString());
    }

    [Fact]
    public void Estimate_reports_the_share_and_its_binomial_standard_error()
    {
        // Hand-derived: p̂ = 7/10, SE = √(0.7·0.3/10) = √0.021.
        var estimate = ProportionIntervals.Estimate(7, 10);
        Assert.Equal(0.7, estimate.Value, 15);
        Approx.Absolute(Math.Sqrt(0.021), estimate.StandardError, 1e-15, "SE");
        Assert.Equal("wilson", estimate.Interval.Method);
    }
}
