using TrustMetrics.Clv;

namespace TrustMetrics.Tests.Clv;

/// <summary>
/// BG/NBD against ltv-churn.md §3. "R-here" = the notes' independent R implementation (reproduces lifetimes, BTYD, CLVTools and the
/// paper); LT-test = lifetimes @ 4f2833f tests/test_estimation.py; LT-doc = lifetimes docs/Quickstart.md; BTYD-man = BTYD 2.4.3 help
/// pages; PMC = pymc-marketing tests/clv/models/test_beta_geo.py @ 00154a6 (Hardie note 027).
/// </summary>
public class BgNbdTests
{
    private static readonly Lazy<ClvFit<BgNbdModel>> CsvFit = new(() => new BgNbdFitter().Fit(CompressedHistories.From(ClvData.CdnowHistories)));

    /// <summary>The paper's rounded CDNOW estimates (FHL 2005), used by lifetimes and BTYD for fixed-parameter vectors.</summary>
    private static readonly BgNbdModel Paper = new(new BgNbdParameters(0.243, 4.414, 0.793, 2.426));

    private static PurchaseHistory H(long x, double tx, double t) => new(x, tx, t);

    private static PurchaseHistory Customer(int id) => ClvData.CdnowSummary.Single(c => c.Id == id).History;

    [Fact]
    public void Cdnow_fit_matches_the_paper_and_r_here()
    {
        var fit = CsvFit.Value;
        var p = fit.Model.Parameters;
        // FHL 2005 as quoted by CLVTools/lifetimes: 0.243, 4.414, 0.793, 2.426, LL −9582.4 (printed precision).
        Assert.Equal((0.243, 4.414, 0.793, 2.426), (Math.Round(p.R, 3), Math.Round(p.Alpha, 3), Math.Round(p.A, 3), Math.Round(p.B, 3)));
        Assert.Equal(-9582.4, Math.Round(fit.LogLikelihood, 1));
        // R-here on cdnow_customers_summary.csv: relative 1e-5 on the estimates, 1e-3 absolute on LL (§15).
        Approx.Relative(0.242592863, p.R, 1e-5, "r");
        Approx.Relative(4.413530438, p.Alpha, 1e-5, "alpha");
        Approx.Relative(0.7928854937, p.A, 1e-5, "a");
        Approx.Relative(2.425752092, p.B, 1e-5, "b");
        Assert.InRange(fit.LogLikelihood, -9582.42556057 - 1e-3, -9582.42556057 + 1e-3);
        // Standard errors, R-here inverse observed information (lifetimes LT-doc: 0.012557, 0.378221, 0.185719, 0.705345), relative 1e-4.
        Approx.Relative(0.0125573158, fit.Estimates["r"].StandardError, 1e-4, "se r");
        Approx.Relative(0.3782212993, fit.Estimates["alpha"].StandardError, 1e-4, "se alpha");
        Approx.Relative(0.1857188985, fit.Estimates["a"].StandardError, 1e-4, "se a");
        Approx.Relative(0.7053453185, fit.Estimates["b"].StandardError, 1e-4, "se b");
        // The interval is the log-scale Wald interval r·exp(±1.959964·SE/r) (closed form).
        var r = fit.Estimates["r"];
        Approx.Relative(p.R * Math.Exp(-1.959963984540054 * r.StandardError / p.R), r.Interval.Lower, 1e-12, "r lower");
        Approx.Relative(p.R * Math.Exp(1.959963984540054 * r.StandardError / p.R), r.Interval.Upper, 1e-12, "r upper");
        Assert.Equal(0.95, r.Interval.Level);
        Assert.Equal(p.R, r.Value);
        // AIC = 2k − 2LL, BIC = k ln N − 2LL (closed forms); the covariance is symmetric with SE² on the diagonal.
        Approx.Relative(8 - (2 * fit.LogLikelihood), fit.Aic, 1e-15, "AIC");
        Approx.Relative((4 * Math.Log(2357)) - (2 * fit.LogLikelihood), fit.Bic, 1e-15, "BIC");
        Approx.Relative(r.StandardError * r.StandardError, fit.Covariance("r", "r"), 1e-12, "var r");
        Approx.Relative(fit.Covariance("a", "b"), fit.Covariance("b", "a"), 1e-12, "cov(a, b) = cov(b, a)");
        Assert.True(fit.Convergence.Converged, fit.Convergence.Message);
        Assert.InRange(fit.Convergence.GradientNorm, 0, 1e-7);
        Assert.Equal(1016, fit.Report.RowCount);
        Assert.Equal(2357, fit.CustomerCount);
        Assert.Equal(new[] { "r", "alpha", "a", "b" }, fit.ParameterNames);
    }

    [Fact]
    public void Exact_weeks_from_the_transactions_match_btyd_clvtools_and_r_here()
    {
        // §3 exact (unrounded) weeks from CDNOW_sample.txt: R-here 0.2425945479, 4.413603224, 0.792920816, 2.42590302, LL −9582.42920667
        // (BTYD −9582.429, CLVTools 0.2425945, 4.4136019, 0.7929199, 2.4258881).
        var summarizer = new TransactionSummarizer<int>(new DateTime(1997, 9, 30), ClvTimeUnit.Day, 7);
        foreach (var (id, date, amount) in ClvData.CdnowTransactions())
        {
            summarizer.Add(id, date, amount);
        }

        var fit = new BgNbdFitter().Fit(CompressedHistories.From(summarizer.Summarize().Select(s => s.History)));
        Approx.Relative(0.2425945479, fit.Model.Parameters.R, 1e-5, "r");
        Approx.Relative(4.413603224, fit.Model.Parameters.Alpha, 1e-5, "alpha");
        Approx.Relative(0.792920816, fit.Model.Parameters.A, 1e-5, "a");
        Approx.Relative(2.42590302, fit.Model.Parameters.B, 1e-5, "b");
        Assert.InRange(fit.LogLikelihood, -9582.42920667 - 1e-3, -9582.42920667 + 1e-3);
    }

    [Fact]
    public void Conditional_expectation_matches_hardies_sheet()
    {
        // LT-test (Hardie Excel sheet) 1.226 abs < 0.001; R-here 1.225910704 at the CSV fit.
        double e = CsvFit.Value.Model.ConditionalExpectedPurchases(39, H(2, 30.43, 38.86));
        Assert.InRange(e, 1.225, 1.227);
        Approx.Relative(1.225910704, e, 1e-6, "E[Y(39)]");
    }

    [Theory]
    [InlineData(0.1429, 0.007816072631)]
    [InlineData(1, 0.05318474465)]
    [InlineData(3, 0.1506319417)]
    [InlineData(31.8571, 1.040494481)]
    [InlineData(32, 1.043737404)]
    [InlineData(78, 1.857972285)]
    [InlineData(52, 1.44402116)]
    public void New_customer_expectation_matches_r_here(double t, double expected)
    {
        // LT-test (decimal=3: 0.0078, 0.0532, 0.1506, 1.0405, 1.0437, 1.8576) and R-here at the CSV fit (10 digits); E[X(52)] BTYD-vig 1.444004 (exact fit).
        double e = CsvFit.Value.Model.ExpectedPurchases(t);
        Assert.InRange(Math.Abs(e - expected), 0, 1e-6 * expected);
    }

    [Fact]
    public void Purchase_probabilities_match_btyd_and_lifetimes()
    {
        // BTYD-man bgnbd.pmf / LT-test at the paper's parameters; R-here to 10 digits.
        Approx.Relative(1.07868964e-07, Paper.ProbabilityOfPurchases(2, 10), 1e-7, "P(X(2)=10)");
        Approx.Absolute(0.5737863521, Paper.ProbabilityOfPurchases(39, 0), 1e-9, "P(X(39)=0)");
        double[] expected = [0.0019995214, 0.0015170236, 0.0011633150, 0.0009003148, 0.0007023638, 0.0005517902, 0.0004361913, 0.0003467171, 0.0002769613, 0.0002222260];
        for (int n = 11; n <= 20; n++)
        {
            Approx.Absolute(expected[n - 11], Paper.ProbabilityOfPurchases(30, n), 5e-11, $"P(X(30)={n})");
        }

        double total = 0;
        for (int n = 0; n <= 2000; n++)
        {
            total += Paper.ProbabilityOfPurchases(30, n);
        }

        Assert.InRange(total, 1 - 1e-6, 1 + 1e-6);
    }

    [Fact]
    public void Per_customer_predictions_match_lifetimes_docs_and_r_here()
    {
        var model = CsvFit.Value.Model;
        // LT-doc E[Y(1)] for customers 509, 841, 1981, 157, 1516 (0.424877, …); R-here 10 digits.
        int[] ids = [509, 841, 1981, 157, 1516];
        double[] expected = [0.4248774793, 0.4747383471, 0.4865260484, 0.6623965239, 0.7106233104];
        for (int i = 0; i < ids.Length; i++)
        {
            Approx.Absolute(expected[i], model.ConditionalExpectedPurchases(1, Customer(ids[i])), 1e-6, $"E[Y(1)] customer {ids[i]}");
        }

        // R-here P(alive) of the first six CSV customers.
        double[] alive = [0.7266092367, 0.2122274358, 1, 1, 1, 0.6418007526];
        var first6 = ClvData.CdnowHistories.Take(6).ToArray();
        var destination = new double[6];
        model.ProbabilityAlive(first6, destination);
        for (int i = 0; i < 6; i++)
        {
            Approx.Absolute(alive[i], destination[i], 1e-6, $"P(alive) customer {i + 1}");
        }

        // R-here Σ_i E[Y_i(39)] over all 2,357 customers = 1653.423579.
        var all = ClvData.CdnowHistories;
        var e = new double[all.Length];
        model.ConditionalExpectedPurchases(39, all, e);
        Assert.InRange(e.Sum(), 1653.423579 - 0.01, 1653.423579 + 0.01);
    }

    [Fact]
    public void Log_likelihood_matches_hardie_note_027_where_the_product_form_is_nan()
    {
        // PMC test_beta_geo.py "Solution #2": a 0.80, b 2.50, r 0.25, α 4.00, T 40 → −0.59947382 and 100.7957 (R-here −0.5994738182, 100.795693093).
        var model = new BgNbdModel(new BgNbdParameters(0.25, 4.0, 0.80, 2.50));
        Approx.Absolute(-0.5994738182, model.LogLikelihood(H(0, 0, 40)), 1e-9, "x = 0");
        Approx.Relative(100.795693093, model.LogLikelihood(H(200, 38, 40)), 1e-9, "x = 200");
    }

    [Fact]
    public void High_frequency_customers_get_finite_predictions()
    {
        // LT-test test_no_runtime_warnings_high_frequency: P(alive)(1000, 10, 100) = 0 exactly, no overflow.
        var model = CsvFit.Value.Model;
        Assert.Equal(0.0, model.ProbabilityAlive(H(1000, 10, 100)));
        double e = model.ConditionalExpectedPurchases(52, H(1000, 10, 100));
        Assert.True(double.IsFinite(e) && e >= 0);
        Assert.Equal(1.0, model.ProbabilityAlive(H(0, 0, 1)));
        Assert.True(double.IsFinite(model.ConditionalExpectedPurchases(52, H(5000, 99, 100))));
    }

    [Fact]
    public void A_equal_to_one_is_the_limit_not_a_division_by_zero()
    {
        double at(double a) => new BgNbdModel(new BgNbdParameters(0.3, 5, a, 2)).ConditionalExpectedPurchases(20, H(3, 10, 30));
        double one = at(1.0);
        Assert.True(double.IsFinite(one));
        Assert.InRange(Math.Abs(one - ((at(1 - 1e-6) + at(1 + 1e-6)) / 2)), 0, 1e-9);
        Assert.True(double.IsFinite(new BgNbdModel(new BgNbdParameters(0.3, 5, 1.0, 2)).ExpectedPurchases(20)));
    }

    [Fact]
    public void Penalizer_shrinks_every_parameter()
    {
        // LT-test: penalizer 0 → 0.1 → 10, every parameter strictly decreases.
        var data = CompressedHistories.From(ClvData.CdnowHistories);
        var fitter = new BgNbdFitter();
        var p0 = CsvFit.Value.Model.Parameters;
        var p1 = fitter.Fit(data, new ClvFitOptions(penalizer: 0.1)).Model.Parameters;
        var p2 = fitter.Fit(data, new ClvFitOptions(penalizer: 10)).Model.Parameters;
        Assert.True(p1.R < p0.R && p1.Alpha < p0.Alpha && p1.A < p0.A && p1.B < p0.B, $"{p0} → {p1}");
        Assert.True(p2.R < p1.R && p2.Alpha < p1.Alpha && p2.A < p1.A && p2.B < p1.B, $"{p1} → {p2}");
    }

    [Fact]
    public void Rescaling_time_rescales_alpha_only()
    {
        // LT-test scaling invariance: fit on (x, 10·t_x, 10·T) vs (x, t_x, T); P(alive)(1,10,20) = P(alive)(1,1,2).
        var rows = ClvData.CdnowHistories;
        var scaled = new BgNbdFitter().Fit(CompressedHistories.From(rows.Select(h => H(h.Frequency, 10 * h.Recency, 10 * h.T))));
        var p = CsvFit.Value.Model.Parameters;
        Approx.Relative(10 * p.Alpha, scaled.Model.Parameters.Alpha, 1e-5, "alpha");
        Approx.Absolute(p.R, scaled.Model.Parameters.R, 1e-6, "r");
        Approx.Absolute(CsvFit.Value.Model.ProbabilityAlive(H(1, 1, 2)), scaled.Model.ProbabilityAlive(H(1, 10, 20)), 1e-6, "P(alive)");
        Assert.InRange(scaled.LogLikelihood - CsvFit.Value.LogLikelihood, (-2457 * Math.Log(10)) - 1e-3, (-2457 * Math.Log(10)) + 1e-3);
    }

    [Fact]
    public void Simulated_data_are_fitted_back_within_three_standard_errors()
    {
        var truth = new BgNbdParameters(0.25, 4.0, 0.8, 2.5);
        var data = CompressedHistories.From(BgNbdSimulator.Simulate(truth, 20_000, seed: 20261122, minT: 27, maxT: 39));
        var fit = new BgNbdFitter().Fit(data);
        Assert.True(fit.Convergence.Converged, fit.Convergence.Message);
        var (p, se) = (fit.Model.Parameters, fit.Estimates);
        Assert.InRange(Math.Abs(p.R - truth.R), 0, 3 * se["r"].StandardError);
        Assert.InRange(Math.Abs(p.Alpha - truth.Alpha), 0, 3 * se["alpha"].StandardError);
        Assert.InRange(Math.Abs(p.A - truth.A), 0, 3 * se["a"].StandardError);
        Assert.InRange(Math.Abs(p.B - truth.B), 0, 3 * se["b"].StandardError);
    }

    [Fact]
    public void Invalid_inputs_are_named()
    {
        var model = CsvFit.Value.Model;
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => H(2, 3, 2));
        Assert.Equal("recency", e.ParamName);
        Assert.Contains("(frequency 2, recency 3, T 2): recency must not exceed T", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => model.ExpectedPurchases(double.NaN));
        var bad = Assert.Throws<ArgumentOutOfRangeException>(() => new BgNbdParameters(0.2, -1, 1, 1));
        Assert.Equal("alpha", bad.ParamName);
        Assert.Contains("-1", bad.Message, StringComparison.Ordinal);
        Assert.Equal("r", Assert.Throws<ArgumentOutOfRangeException>(() => new BgNbdParameters(double.NaN, 1, 1, 1)).ParamName);
        Assert.Throws<ArgumentException>(() => model.ConditionalExpectedPurchases(1, [H(1, 1, 2)], new double[2]));
        Assert.Equal("maxDegreeOfParallelism", Assert.Throws<ArgumentOutOfRangeException>(() => model.ProbabilityAlive([H(1, 1, 2)], new double[1], maxDegreeOfParallelism: 0)).ParamName);
        Assert.Throws<ArgumentException>(() => CsvFit.Value.Covariance("r", "s"));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Throws<OperationCanceledException>(() => new BgNbdFitter().Fit(CompressedHistories.From([H(1, 1, 2)]), cancellationToken: cancelled.Token));
        Assert.Throws<OperationCanceledException>(() => model.ConditionalExpectedPurchases(1, [H(1, 1, 2)], new double[1], cancelled.Token));
    }
}
