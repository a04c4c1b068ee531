using TrustMetrics.Survival;
using static TrustMetrics.Tests.Survival.Cox.CoxReferenceData;

namespace TrustMetrics.Tests.Survival.Cox;

/// <summary>
/// Coefficients, standard errors, log-likelihoods, tests and intervals against R survival 3.5-3 <c>coxph</c>
/// (Data/cox_reference.R, printed output Data/cox_reference.txt). Tolerances from issue 13: coefficients and SEs 1e-6
/// relative, log-likelihoods 1e-8 relative.
/// </summary>
public sealed class CoxRegressionReferenceTests
{
    private static readonly CoxRegression Cox = new();

    internal static void AssertMatchesR(string key, CoxFit fit, bool checkIterations = true)
    {
        int p = fit.Terms.Count;
        var coef = R(key + ".coef");
        var se = R(key + ".se");
        for (int j = 0; j < p; j++)
        {
            var c = fit.Coefficients[j];
            Approx.Relative(coef[j], c.Coefficient, 1e-6, $"{key} coef {c.Term}");
            Approx.Relative(se[j], c.RobustStandardError ?? c.StandardError, 1e-6, $"{key} se {c.Term}");
            Approx.Relative(R(key + ".z")[j], c.Z, 1e-6, $"{key} z {c.Term}");
            Approx.Relative(R(key + ".p")[j], c.PValue, 1e-5, $"{key} p {c.Term}");
            if (R(key + ".lower")[j] == 0) Assert.Equal(0, c.Lower); // R prints 0 for exp(β − z·SE) underflow
            else Approx.Relative(R(key + ".lower")[j], c.Lower, 1e-6, $"{key} lower {c.Term}");
            if (double.IsInfinity(R(key + ".upper")[j])) Assert.Equal(R(key + ".upper")[j], c.Upper); // R prints Inf for exp(β + z·SE) overflow
            else Approx.Relative(R(key + ".upper")[j], c.Upper, 1e-6, $"{key} upper {c.Term}");
        }

        if (fit.IsRobust)
        {
            var naive = R(key + ".naivese");
            for (int j = 0; j < p; j++) Approx.Relative(naive[j], fit.Coefficients[j].StandardError, 1e-6, $"{key} model-based se {fit.Terms[j]}");
        }

        var ll = R(key + ".loglik");
        Approx.Relative(ll[0], fit.NullLogLikelihood, 1e-8, key + " null loglik");
        Approx.Relative(ll[1], fit.LogLikelihood, 1e-8, key + " loglik");
        Approx.Relative(R(key + ".score")[0], fit.ScoreTest.Statistic, 1e-6, key + " score test");
        Approx.Relative(R(key + ".wald")[0], fit.WaldTest.Statistic, 1e-6, key + " wald test");
        Approx.Relative(2 * (ll[1] - ll[0]), fit.LikelihoodRatioTest.Statistic, 1e-7, key + " LR test");
        if (checkIterations) Assert.Equal((int)R(key + ".iter")[0], fit.Convergence.Iterations);
    }

    [Theory]
    [InlineData("rossi.efron", CoxTies.Efron)]
    [InlineData("rossi.breslow", CoxTies.Breslow)]
    public void Rossi_matches_R(string key, CoxTies ties)
    {
        var fit = Cox.Fit(Rossi(), new CoxFitOptions(ties));
        AssertMatchesR(key, fit);
        Assert.True(fit.Convergence.Converged);
        Assert.Null(fit.Convergence.Boundary);
    }

    [Fact]
    public void Rossi_weighted_matches_R()
    {
        // R: weights w = 1 + (row index mod 3) / 2; not whole numbers, so R (and we, by default) report the robust SE.
        var w = Enumerable.Range(0, 432).Select(i => 1 + (i % 3 / 2.0)).ToArray();
        AssertMatchesR("rossi.weighted", Cox.Fit(Rossi(weights: w)));
    }

    [Fact]
    public void Rossi_clustered_robust_matches_R()
    {
        // R: coxph(..., cluster = cl), cl = row index %/% 4: grouped sandwich SE, z, p, Wald and intervals use it.
        var cl = Enumerable.Range(0, 432).Select(i => i / 4).ToArray();
        var fit = Cox.Fit(Rossi(clusters: cl));
        Assert.True(fit.IsRobust);
        AssertMatchesR("rossi.cluster", fit);
    }

    [Fact]
    public void Rossi_robust_without_clusters_matches_R() =>
        AssertMatchesR("rossi.robust", Cox.Fit(Rossi(), new CoxFitOptions(robust: true)));

    [Fact]
    public void Rossi_offset_matches_R()
    {
        var t = RossiTable;
        var off = t["prio"].Select(v => 0.01 * v).ToArray();
        AssertMatchesR("rossi.offset", Cox.Fit(Rossi(["fin", "age"], offsets: off)));
    }

    [Fact]
    public void Rossi_strata_matches_R()
    {
        var t = RossiTable;
        AssertMatchesR("rossi.strata", Cox.Fit(Rossi(["fin", "age", "prio"], strata: t["wexp"].Select(v => (int)v).ToArray())));
    }

    [Theory]
    [InlineData("lung.efron", CoxTies.Efron)]
    [InlineData("lung.breslow", CoxTies.Breslow)]
    public void Lung_complete_cases_match_R(string key, CoxTies ties)
    {
        Assert.Equal((int)R("lung.n")[0], LungComplete()["time"].Length);
        AssertMatchesR(key, Cox.Fit(Lung(LungTerms), new CoxFitOptions(ties)));
    }

    [Fact]
    public void Lung_clustered_by_institution_matches_R() => AssertMatchesR("lung.cluster", Cox.Fit(Lung(LungTerms, cluster: true)));

    [Fact]
    public void Lung_stratified_by_sex_matches_R() =>
        AssertMatchesR("lung.strata", Cox.Fit(Lung(["age", "ph.ecog", "ph.karno", "wt.loss"], strataBySex: true)));

    [Theory]
    [InlineData("larynx.efron", CoxTies.Efron)]
    [InlineData("larynx.breslow", CoxTies.Breslow)]
    public void Larynx_matches_R(string key, CoxTies ties) => AssertMatchesR(key, Cox.Fit(Larynx(), new CoxFitOptions(ties)));

    [Theory]
    [InlineData("aids.efron", CoxTies.Efron)]
    [InlineData("aids.breslow", CoxTies.Breslow)]
    public void Delayed_entry_matches_R(string key, CoxTies ties) => AssertMatchesR(key, Cox.Fit(Aids(), new CoxFitOptions(ties)));

    [Fact]
    public void Separation_is_reported_with_the_variable_named_never_a_NaN()
    {
        // R 3.5-3 warns "Loglik converged before variable 2; coefficient may be infinite." after 18 iterations.
        var fit = Cox.Fit(Separated());
        AssertMatchesR("sep", fit);
        Assert.False(fit.Coefficients[0].MayBeInfinite);
        Assert.True(fit.Coefficients[1].MayBeInfinite);
        Assert.NotNull(fit.Convergence.Boundary);
        Assert.Contains("'x'", fit.Convergence.Boundary, StringComparison.Ordinal);
        Assert.All(fit.Coefficients, c => Assert.False(double.IsNaN(c.Coefficient) || double.IsNaN(c.StandardError) || double.IsNaN(c.PValue)));
    }

    [Fact]
    public void Serial_and_parallel_fits_are_identical()
    {
        var data = Rossi();
        var serial = Cox.Fit(data, maxDegreeOfParallelism: 1);
        var parallel = Cox.Fit(data);
        Assert.Equal(serial.Beta, parallel.Beta);
        Assert.Equal(serial.LogLikelihood, parallel.LogLikelihood);
    }
}
