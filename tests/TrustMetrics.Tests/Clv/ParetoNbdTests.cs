using TrustMetrics.Clv;

namespace TrustMetrics.Tests.Clv;

/// <summary>
/// Pareto/NBD against ltv-churn.md §5: paper values via CLVT-test (test_correctness_pnbd_nocovstaticcov.R), LT-test = lifetimes @
/// 4f2833f, BTYD-vig/BTYD-man = BTYD 2.4.3, R-here = the notes' independent R implementation (gsl::hyperg_2F1).
/// </summary>
public class ParetoNbdTests
{
    private static readonly Lazy<ClvFit<ParetoNbdModel>> CsvFit = new(() => new ParetoNbdFitter().Fit(CompressedHistories.From(ClvData.CdnowHistories)));

    private static readonly Lazy<ClvFit<ParetoNbdModel>> ExactFit = new(() =>
    {
        var summarizer = new TransactionSummarizer<int>(new DateTime(1997, 9, 30), ClvTimeUnit.Day, 7);
        foreach (var (id, date, amount) in ClvData.CdnowTransactions())
        {
            summarizer.Add(id, date, amount);
        }

        return new ParetoNbdFitter().Fit(CompressedHistories.From(summarizer.Summarize().Select(s => s.History)));
    });

    private static PurchaseHistory H(long x, double tx, double t) => new(x, tx, t);

    [Fact]
    public void Cdnow_fit_matches_the_paper_and_r_here()
    {
        var fit = CsvFit.Value;
        var p = fit.Model.Parameters;
        // Paper (as quoted by CLVTools, rel. 1e-3) 0.553, 10.578, 0.606, 11.669, LL −9595.0; lifetimes test decimal=2.
        Assert.Equal((0.553, 10.578, 0.606), (Math.Round(p.R, 3), Math.Round(p.Alpha, 3), Math.Round(p.S, 3)));
        Assert.InRange(p.Beta, 11.669 * (1 - 1e-3), 11.669 * (1 + 1e-3));
        Assert.Equal(-9595.0, Math.Round(fit.LogLikelihood, 1));
        // R-here CSV: 0.553275214, 10.57761034, 0.6062149461, 11.6679643; LL −9594.97392983. β lies on the flat s–β ridge
        // (BTYD's restarts differ in the 4th digit), so 1e-4 relative on s and β, 1e-5 on r and α.
        Approx.Relative(0.553275214, p.R, 1e-5, "r");
        Approx.Relative(10.57761034, p.Alpha, 1e-5, "alpha");
        Approx.Relative(0.6062149461, p.S, 1e-4, "s");
        Approx.Relative(11.6679643, p.Beta, 1e-4, "beta");
        Assert.InRange(fit.LogLikelihood, -9594.97392983 - 1e-3, -9594.97392983 + 1e-3);
        Assert.True(fit.Convergence.Converged, fit.Convergence.Message);
    }

    [Fact]
    public void Exact_weeks_fit_and_standard_errors_match_clvtools_and_r_here()
    {
        // R-here exact weeks: 0.5532771188, 10.57768355, 0.6062393356, 11.66871153; LL −9594.97617894;
        // SE 0.04762791463, 0.8427224722, 0.1872806578, 6.21108702 (CLVTools 0.0476264, 0.8427222, 0.1872594, 6.2105448, rel. 1e-3).
        var fit = ExactFit.Value;
        Approx.Relative(0.5532771188, fit.Model.Parameters.R, 1e-5, "r");
        Approx.Relative(10.57768355, fit.Model.Parameters.Alpha, 1e-5, "alpha");
        Approx.Relative(0.6062393356, fit.Model.Parameters.S, 1e-4, "s");
        Approx.Relative(11.66871153, fit.Model.Parameters.Beta, 1e-4, "beta");
        Assert.InRange(fit.LogLikelihood, -9594.97617894 - 1e-3, -9594.97617894 + 1e-3);
        Approx.Relative(0.04762791463, fit.Estimates["r"].StandardError, 1e-3, "se r");
        Approx.Relative(0.8427224722, fit.Estimates["alpha"].StandardError, 1e-3, "se alpha");
        Approx.Relative(0.1872806578, fit.Estimates["s"].StandardError, 1e-4, "se s");
        Approx.Relative(6.21108702, fit.Estimates["beta"].StandardError, 1e-4, "se beta");
    }

    [Fact]
    public void Exact_fit_predictions_match_btyd_and_r_here()
    {
        var model = ExactFit.Value.Model;
        // BTYD-vig E[X(52)] 1.473434 (R-here 1.473434354); customer 1516 E[Y(52) | 26, 30.85714, 31] R-here 25.45518659 (BTYD 25.45647);
        // P(alive)(0, 0, 39) R-here 0.294276276; E[Y(52) | x, 20, 39] R-here for x = 10, 15, 20, 25. Relative 1e-4 (fit on the s–β ridge).
        Approx.Relative(1.473434354, model.ExpectedPurchases(52), 1e-4, "E[X(52)]");
        Approx.Relative(25.45518659, model.ConditionalExpectedPurchases(52, H(26, 216.0 / 7, 31)), 1e-4, "customer 1516");
        Approx.Relative(25.4563226, model.ConditionalExpectedPurchases(52, H(26, 30.86, 31)), 1e-4, "customer 1516, t_x 30.86");
        Approx.Relative(0.294276276, model.ProbabilityAlive(H(0, 0, 39)), 1e-4, "P(alive)(0, 0, 39)");
        double[] expected = [0.7058888744, 0.1441508475, 0.02249016295, 0.003090069238];
        for (int i = 0; i < 4; i++)
        {
            double e = model.ConditionalExpectedPurchases(52, H(10 + (5 * i), 20, 39));
            Assert.InRange(Math.Abs((e / expected[i]) - 1), 0, 1e-3);
        }
    }

    [Fact]
    public void Fixed_parameter_values_match_btyd_and_lifetimes()
    {
        // BTYD-man pnbd.Expectation at (0.55, 10.56, 0.61, 11.64), t = 1..9 (R-here 10 digits for t = 1, 2, 9; 8 printed digits otherwise).
        var btyd = new ParetoNbdModel(new ParetoNbdParameters(0.55, 10.56, 0.61, 11.64));
        double[] expected = [0.05077820617, 0.09916088423, 0.14542507, 0.18979930, 0.23247466, 0.27361274, 0.31335159, 0.35181024, 0.3890921095];
        for (int t = 1; t <= 9; t++)
        {
            Approx.Absolute(expected[t - 1], btyd.ExpectedPurchases(t), 5e-9, $"E[X({t})]");
        }

        // LT-test P(alive)(26, 30.86, 31) at (0.5534, 10.5802, 0.6061, 11.6562) = 0.9979 (abs < 0.001); R-here 0.9979177666.
        Approx.Absolute(0.9979177666, new ParetoNbdModel(new ParetoNbdParameters(0.5534, 10.5802, 0.6061, 11.6562)).ProbabilityAlive(H(26, 30.86, 31)), 1e-9, "P(alive)");
        // LT-test underflow case at (0.55, 10.58, 0.61, 11.67): 6.2060517889632418 and 6.2528722475748113.
        var lt = new ParetoNbdModel(new ParetoNbdParameters(0.55, 10.58, 0.61, 11.67));
        Approx.Relative(6.2060517889632418, lt.ConditionalExpectedPurchases(10, H(132, 200, 200)), 1e-9, "x = 132");
        Approx.Relative(6.2528722475748113, lt.ConditionalExpectedPurchases(10, H(133, 200, 200)), 1e-9, "x = 133");
        // BTYD-man: t_x = T ⇒ A₀ = 0 ⇒ P(alive) = 1.
        Assert.Equal(1.0, lt.ProbabilityAlive(H(23, 39, 39)));
    }

    [Fact]
    public void High_frequency_cases_stay_finite()
    {
        // LT-test overflow case: ln A₀ at (10.465, 7.98565181e-03, 3.0516, 2.820) for x = (400, 500, 500) finite and < 0; P(alive) for x = (40, 50, 50) in [0, 1].
        var model = new ParetoNbdModel(new ParetoNbdParameters(10.465, 7.98565181e-03, 3.0516, 2.820));
        (long X, double Tx, double T)[] rows = [(400, 5, 6), (500, 1, 37), (500, 4, 37)];
        long[] aliveX = [40, 50, 50];
        for (int i = 0; i < rows.Length; i++)
        {
            var (x, tx, t) = rows[i];
            double logA0 = model.LogA0(x, tx, t);
            Assert.True(double.IsFinite(logA0) && logA0 < 0, $"ln A0({x}, {tx}, {t}) = {logA0}");
            Assert.InRange(model.ProbabilityAlive(H(aliveX[i], tx, t)), 0.0, 1.0);
            Assert.InRange(model.ProbabilityAlive(H(x, tx, t)), 0.0, 1.0);
        }

        // CLVT-test cases that produced NaN in an older CLVTools; R-here 0.9995960523, 0.9995582261, 0.7494877523, 0.9942550796.
        var clvt = new ParetoNbdModel(new ParetoNbdParameters(0.5143, 2.8845, 0.2856, 14.1087));
        (long, double, double, double)[] cases = [(221, 103.42857, 103.57143, 0.9995960523), (254, 97.14286, 97.28571, 0.9995582261), (161, 94.71429, 98.00000, 0.7494877523), (204, 98.57143, 99.42857, 0.9942550796)];
        foreach (var (x, tx, t, expected) in cases)
        {
            Approx.Absolute(expected, clvt.ProbabilityAlive(H(x, tx, t)), 1e-8, $"P(alive) x = {x}");
        }
    }

    [Fact]
    public void Equal_alpha_and_beta_use_the_closed_form()
    {
        // BTYD fix_pnbd: α = β gives A₀ = (α+t_x)^{−(r+s+x)} − (α+T)^{−(r+s+x)}.
        var model = new ParetoNbdModel(new ParetoNbdParameters(0.5, 10, 0.6, 10));
        double a = 0.5 + 0.6 + 3;
        double expected = Math.Log(Math.Pow(10 + 20, -a) - Math.Pow(10 + 39, -a));
        Approx.Relative(expected, model.LogA0(3, 20, 39), 1e-12, "ln A0");
    }
}
