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
