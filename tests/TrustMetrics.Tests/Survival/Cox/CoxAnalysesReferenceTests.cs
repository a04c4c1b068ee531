using TrustMetrics.Survival;
using static TrustMetrics.Tests.Survival.Cox.CoxReferenceData;

namespace TrustMetrics.Tests.Survival.Cox;

/// <summary>
/// Residuals, baseline hazard, predicted survival and concordance against R survival 3.5-3 (Data/cox_reference.R →
/// cox_reference.txt). Tolerances from issue 13: baseline hazard and predicted survival 1e-8, concordance 1e-8.
/// </summary>
public sealed class CoxAnalysesReferenceTests
{
    private static readonly CoxRegression Cox = new();

    private static void AllRelative(double[] expected, IReadOnlyList<double> actual, double tol, string what)
    {
        Assert.Equal(expected.Length, actual.Count);
        for (int i = 0; i < expected.Length; i++)
        {
            if (Math.Abs(expected[i]) < 1e-12) Approx.Absolute(expected[i], actual[i], 1e-12, $"{what}[{i}]");
            else Approx.Relative(expected[i], actual[i], tol, $"{what}[{i}]");
        }
    }

    [Fact]
    public void Rossi_residuals_match_R()
    {
        var data = Rossi();
        var fit = Cox.Fit(data);
        var res = fit.Residuals(data);
        // R residuals(fit, "martingale" | "deviance" | "score" | "schoenfeld"), Efron ties.
        AllRelative(R("rossi.efron.martingale"), res.Martingale, 1e-6, "martingale");
        AllRelative(R("rossi.efron.deviance"), res.Deviance, 1e-6, "deviance");
        AllRelative(R("rossi.efron.score.fin"), res.Score(0), 1e-6, "score fin");
        AllRelative(R("rossi.efron.score.prio"), res.Score(6), 1e-6, "score prio");
        // Schoenfeld rows come in event-time order; within a tied time the order may differ, so compare the sorted values.
        var expected = R("rossi.efron.schoenfeld.age").Order().ToArray();
        AllRelative(expected, res.Schoenfeld(1).Order().ToArray(), 1e-6, "schoenfeld age");
    }

    [Fact]
    public void Rossi_linear_predictor_matches_R()
    {
        var t = RossiTable;
        var fit = Cox.Fit(Rossi());
        var lp = R("rossi.efron.lp");
        for (int i = 0; i < 5; i++)
        {
            var x = RossiTerms.Select(n => t[n][i]).ToArray();
            Approx.Relative(lp[i], fit.LinearPredictor(x), 1e-6, $"lp[{i}]");
        }
    }

    [Fact]
    public void Rossi_predicted_survival_matches_R()
    {
        var t = RossiTable;
        var data = Rossi();
        var fit = Cox.Fit(data);
        var horizons = R("rossi.efron.pred.times");
        for (int k = 1; k <= 3; k++)
        {
            var x = RossiTerms.Select(n => t[n][k - 1]).ToArray();
            var pred = fit.PredictSurvival(data, x, horizons);
            // R summary(survfit(fit, newdata = rossi[1:3, ]), times = c(10, 30, 52)).
            AllRelative(R($"rossi.efron.pred{k}.surv"), pred.Select(q => q.Survival).ToArray(), 1e-8, $"surv {k}");
            AllRelative(R($"rossi.efron.pred{k}.cumhaz"), pred.Select(q => q.CumulativeHazard).ToArray(), 1e-8, $"cumhaz {k}");
            // summary.survfit's std.err is the SE of S = S·SE(Λ).
            AllRelative(R($"rossi.efron.pred{k}.stderr"), pred.Select(q => q.Survival * q.StandardError).ToArray(), 1e-8, $"stderr {k}");
            AllRelative(R($"rossi.efron.pred{k}.lower"), pred.Select(q => q.Lower).ToArray(), 1e-8, $"lower {k}");
            AllRelative(R($"rossi.efron.pred{k}.upper"), pred.Select(q => q.Upper).ToArray(), 1e-8, $"upper {k}");
        }
    }

    [Theory]
    [InlineData(CoxTies.Efron, "rossi.efron.base")]
    [InlineData(CoxTies.Breslow, "rossi.breslow.base")]
    public void Rossi_baseline_hazard_matches_R(CoxTies ties, string key)
    {
        var data = Rossi();
        var fit = Cox.Fit(data, new CoxFitOptions(ties));
        var curve = fit.SurvivalCurve(data, new double[7]);
        // R survfit(fit, newdata = all covariates 0)$cumhaz and $std.err (Efron-adjusted hazard for ties = "efron").
        AllRelative(R("rossi.efron.base.time"), curve.Select(q => q.Time).ToArray(), 0, "time");
        AllRelative(R(key + ".cumhaz"), curve.Select(q => q.CumulativeHazard).ToArray(), 1e-8, "cumhaz");
        AllRelative(R(key + ".stderr"), curve.Select(q => q.StandardError).ToArray(), 1e-8, "stderr");
    }

    [Fact]
    public void Delayed_entry_residuals_and_survival_match_R()
    {
        var data = Aids();
        var fit = Cox.Fit(data);
        var res = fit.Residuals(data);
        AllRelative(R("aids.efron.martingale"), res.Martingale, 1e-6, "martingale");
        AllRelative(R("aids.efron.scoreresid"), res.Score(0), 1e-6, "score");
        // R's survfit lists every distinct stop time (censorings too): evaluate there.
        var curve = fit.PredictSurvival(data, [1990.0], R("aids.efron.pred.time"));
        AllRelative(R("aids.efron.pred.surv"), curve.Select(q => q.Survival).ToArray(), 1e-8, "surv");
        AllRelative(R("aids.efron.pred.stderr"), curve.Select(q => q.StandardError).ToArray(), 1e-8, "stderr");
    }

    [Fact]
    public void Concordance_matches_R()
    {
        // R concordance(fit): $concordance and sqrt($var).
        foreach (var (key, data) in new[] { ("rossi", Rossi()), ("lung", Lung(LungTerms)), ("larynx", Larynx()), ("aids", Aids()) })
        {
            var fit = Cox.Fit(data);
            var c = fit.Concordance(data);
            var r = R(key + ".efron.concordance");
            Approx.Relative(r[0], c.Value!.Value, 1e-8, key + " C");
            Approx.Relative(r[1], c.StandardError!.Value, 1e-8, key + " SE");
        }
    }
}

/// <summary>The proportional-hazards test against R survival 3.5-3 <c>cox.zph(fit)</c> (transform "km"), tolerance 1e-6 (issue 13).</summary>
public sealed class CoxProportionalHazardsReferenceTests
{
    private static readonly CoxRegression Cox = new();

    [Theory]
    [InlineData("rossi")]
    [InlineData("lung")]
    [InlineData("larynx")]
    [InlineData("aids")]
    public void Cox_zph_matches_R(string key)
    {
        var data = key switch { "rossi" => Rossi(), "lung" => Lung(LungTerms), "larynx" => Larynx(), _ => Aids() };
        var fit = Cox.Fit(data);
        var zph = fit.ProportionalHazardsTest(data);
        var chisq = R(key + ".efron.zph.chisq"); // per term, then GLOBAL
        for (int t = 0; t < zph.Tests.Count; t++) Approx.Relative(chisq[t], zph.Tests[t].Statistic, 1e-6, $"{key} {zph.Terms[t]}");
        Approx.Relative(chisq[^1], zph.Global.Statistic, 1e-6, key + " global");
        if (key == "rossi")
        {
            var p = R("rossi.efron.zph.p");
            for (int t = 0; t < zph.Tests.Count; t++) Approx.Relative(p[t], zph.Tests[t].PValue, 1e-6, $"p {zph.Terms[t]}");
        }
    }

    [Fact]
    public void A_factor_is_one_term_with_levels_minus_one_df()
    {
        // R: coxph(Surv(time, status) ~ age + sex + factor(ph.ecog)); ph.ecog levels 0..3 → treatment contrasts ecog=1, ecog=2, ecog=3.
        var t = LungComplete();
        double[] Dummy(int level) => t["ph.ecog"].Select(v => v == level ? 1.0 : 0.0).ToArray();
        string[] names = ["age", "sex", "ecog=1", "ecog=2", "ecog=3"];
        var data = CoxData.Create(names, [t["age"], t["sex"], Dummy(1), Dummy(2), Dummy(3)], t["time"], t["status"].Select(s => s == 1).ToArray());
        var fit = Cox.Fit(data);
        CoxRegressionReferenceTests.AssertMatchesR("lung.factor", fit);
        var zph = fit.ProportionalHazardsTest(data, [new("age", [0]), new("sex", [1]), new("ecog", [2, 3, 4])]);
        var chisq = R("lung.factor.zph.chisq");
        var df = R("lung.factor.zph.df");
        for (int k = 0; k < 3; k++)
        {
            Approx.Relative(chisq[k], zph.Tests[k].Statistic, 1e-6, zph.Terms[k]);
            Assert.Equal((int)df[k], zph.Tests[k].DegreesOfFreedom);
        }

        Approx.Relative(chisq[3], zph.Global.Statistic, 1e-6, "global");
        Assert.Equal((int)df[3], zph.Global.DegreesOfFreedom);
    }
}
