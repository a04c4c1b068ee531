using TrustMetrics.Clv;

namespace TrustMetrics.Tests.Clv;

/// <summary>
/// MBG/NBD against ltv-churn.md §4. lifetimes' own MBG tests reuse BG/NBD numbers with loose tolerances; the real references are
/// R-here (the notes' independent R implementation, CSV and exact-week fits) and LT-test's parameter check (decimal=3).
/// </summary>
public class MbgNbdTests
{
    private static readonly Lazy<ClvFit<MbgNbdModel>> CsvFit = new(() => new MbgNbdFitter().Fit(CompressedHistories.From(ClvData.CdnowHistories)));

    [Fact]
    public void Cdnow_fit_matches_lifetimes_and_r_here()
    {
        var fit = CsvFit.Value;
        var p = fit.Model.Parameters;
        // LT-test: 0.525, 6.183, 0.891, 1.614 (decimal=3).
        Assert.Equal((0.525, 6.183, 0.891, 1.614), (Math.Round(p.R, 3), Math.Round(p.Alpha, 3), Math.Round(p.A, 3), Math.Round(p.B, 3)));
        // R-here CSV: 0.524837907, 6.182992082, 0.891356032, 1.613999502; LL −9582.1326849; SE 0.08326404776, 0.695597882, 0.1547852951, 0.537472494.
        Approx.Relative(0.524837907, p.R, 1e-5, "r");
        Approx.Relative(6.182992082, p.Alpha, 1e-5, "alpha");
        Approx.Relative(0.891356032, p.A, 1e-5, "a");
        Approx.Relative(1.613999502, p.B, 1e-5, "b");
        Assert.InRange(fit.LogLikelihood, -9582.1326849 - 1e-3, -9582.1326849 + 1e-3);
        Approx.Relative(0.08326404776, fit.Estimates["r"].StandardError, 1e-4, "se r");
        Approx.Relative(0.695597882, fit.Estimates["alpha"].StandardError, 1e-4, "se alpha");
        Approx.Relative(0.1547852951, fit.Estimates["a"].StandardError, 1e-4, "se a");
        Approx.Relative(0.537472494, fit.Estimates["b"].StandardError, 1e-4, "se b");
        Assert.True(fit.Convergence.Converged, fit.Convergence.Message);
        Assert.Equal("mbgnbd", fit.Report.Model);
    }

    [Fact]
    public void Exact_weeks_fit_matches_r_here()
    {
        // R-here exact weeks: 0.5248426126, 6.18308079, 0.8913596702, 1.614004281; LL −9582.13571555.
        var summarizer = new TransactionSummarizer<int>(new DateTime(1997, 9, 30), ClvTimeUnit.Day, 7);
        foreach (var (id, date, amount) in ClvData.CdnowTransactions())
        {
            summarizer.Add(id, date, amount);
        }

        var fit = new MbgNbdFitter().Fit(CompressedHistories.From(summarizer.Summarize().Select(s => s.History)));
        Approx.Relative(0.5248426126, fit.Model.Parameters.R, 1e-5, "r");
        Approx.Relative(6.18308079, fit.Model.Parameters.Alpha, 1e-5, "alpha");
        Approx.Relative(0.8913596702, fit.Model.Parameters.A, 1e-5, "a");
        Approx.Relative(1.614004281, fit.Model.Parameters.B, 1e-5, "b");
        Assert.InRange(fit.LogLikelihood, -9582.13571555 - 1e-3, -9582.13571555 + 1e-3);
    }

    [Fact]
    public void Predictions_match_r_here()
    {
        var model = CsvFit.Value.Model;
        // R-here MBG values (lifetimes' test only reuses the BG/NBD 1.226 with abs < 0.05).
        Approx.Relative(1.262670864, model.ConditionalExpectedPurchases(39, new PurchaseHistory(2, 30.43, 38.86)), 1e-6, "E[Y(39)]");
        double[] t = [0.1429, 1, 3, 31.8571, 32, 78];
        double[] expected = [0.007779617399, 0.05306061682, 0.1507929891, 1.033470606, 1.036609302, 1.80363622];
        for (int i = 0; i < t.Length; i++)
        {
            Assert.InRange(Math.Abs(model.ExpectedPurchases(t[i]) - expected[i]), 0, 1e-6 * expected[i]);
        }

        Approx.Absolute(0.3897164083, model.ProbabilityAlive(new PurchaseHistory(0, 0, 38.86)), 1e-6, "P(alive)(0, 0, 38.86)");
        Approx.Absolute(0.7061262884, model.ProbabilityAlive(new PurchaseHistory(2, 30.43, 38.86)), 1e-6, "P(alive)(2, 30.43, 38.86)");
        Approx.Absolute(0.9655528778, model.ProbabilityAlive(new PurchaseHistory(26, 30.86, 31)), 1e-6, "P(alive)(26, 30.86, 31)");
        // LT-test: P(alive)(0, 0, 1) < 1 — the model's point (drop-out at time 0).
        Assert.True(model.ProbabilityAlive(new PurchaseHistory(0, 0, 1)) < 1);
    }

    [Fact]
    public void Purchase_probabilities_sum_to_one_and_match_the_new_customer_mean()
    {
        // Σ_n P(X(t) = n) = 1 and Σ_n n·P(X(t) = n) = E[X(t)]: two identities of the formulas in §4.
        var model = CsvFit.Value.Model;
        double total = 0, mean = 0;
        for (int n = 0; n <= 3000; n++)
        {
            double p = model.ProbabilityOfPurchases(30, n);
            total += p;
            mean += n * p;
        }

        Assert.InRange(total, 1 - 1e-9, 1 + 1e-9);
        Approx.Relative(model.ExpectedPurchases(30), mean, 1e-7, "mean of the PMF");
    }
}
