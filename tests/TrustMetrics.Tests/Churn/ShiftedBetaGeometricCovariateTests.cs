using FsCheck;
using FsCheck.Fluent;
using TrustMetrics.Churn;
using TrustMetrics.Clv;
using TrustMetrics.Statistics;

namespace TrustMetrics.Tests.Churn;

/// <summary>
/// The sBG with covariates (<see cref="ShiftedBetaGeometricCovariateFitter"/>): its log-likelihood against an independent mpmath
/// implementation in beta-function form (Data/sbg_covariate_likelihood_reference.py and .txt), its exact derivatives against
/// finite differences, the reduction to the cohort sBG without covariates (Fader &amp; Hardie 2007's High End data), parameter
/// recovery on a seeded simulated panel (small version of benchmarks/clv/sbg_covariate_recovery.cs), and bad input.
/// </summary>
public class ShiftedBetaGeometricCovariateTests
{
    // Rows (t, churned, z1, z2) printed by sbg_covariate_likelihood_reference.py.
    private static readonly (int T, bool Churned, double Z1, double Z2)[] Rows =
    [
        (3, false, 0.0, -1.0),
        (11, true, 1.0, -0.375),
        (7, true, 1.0, 0.25),
        (2, false, 0.0, 0.875),
        (10, true, 0.0, -0.625),
        (6, true, 1.0, 0.0),
        (1, false, 1.0, 0.625),
        (9, true, 0.0, -0.875),
        (5, true, 0.0, -0.25),
        (0, false, 1.0, 0.375),
        (8, true, 1.0, 1.0),
        (4, true, 0.0, -0.5),
        (10, false, 0.0, 0.125),
        (7, true, 1.0, 0.75),
        (3, true, 1.0, -0.75),
        (9, false, 0.0, -0.125),
        (6, true, 0.0, 0.5),
        (2, true, 1.0, -1.0),
        (8, false, 1.0, -0.375),
        (5, true, 0.0, 0.25),
        (1, true, 0.0, 0.875),
        (7, false, 1.0, -0.625),
        (4, true, 1.0, 0.0),
        (11, true, 0.0, 0.625),
        (6, false, 0.0, -0.875),
        (3, true, 1.0, -0.25),
        (10, true, 1.0, 0.375),
        (5, false, 0.0, 1.0),
        (2, true, 0.0, -0.5),
        (9, true, 1.0, 0.125),
        (4, false, 1.0, 0.75),
        (1, true, 0.0, -0.75),
        (8, true, 0.0, -0.125),
        (3, false, 1.0, 0.5),
        (11, true, 1.0, -1.0),
        (7, true, 0.0, -0.375),
        (2, false, 0.0, 0.25),
        (10, true, 1.0, 0.875),
        (6, true, 1.0, -0.625),
        (1, false, 0.0, 0.0),
    ];

    internal static readonly double[] Truth = [0.8, 3.0, 0.5, -0.4, -0.6, 0.3];

    private static (int[] T, bool[] C, CovariateMatrix Z) Data()
    {
        var z = new double[Rows.Length, 2];
        for (int i = 0; i < Rows.Length; i++)
        {
            z[i, 0] = Rows[i].Z1;
            z[i, 1] = Rows[i].Z2;
        }

        return ([.. Rows.Select(r => r.T)], [.. Rows.Select(r => r.Churned)], new CovariateMatrix(["z1", "z2"], z));
    }

    [Theory]
    // Expected totals: mpmath 1.2.1 at 50 digits, beta-function form (sbg_covariate_likelihood_reference.txt).
    [InlineData(0.7, 3.8, 0.4, -0.3, -0.5, 0.2, -93.12686435699852215235662)]
    [InlineData(0.7, 3.8, 0.0, 0.0, 0.0, 0.0, -89.42066538709633330499926)]
    [InlineData(2.5, 0.4, 1.1, 0.6, -0.8, -0.25, -158.5640459154791984180583)]
    [InlineData(25.0, 140.0, -0.3, 0.9, 0.45, -1.2, -116.2444752972593078609893)]
    public void Log_likelihood_matches_the_mpmath_reference(double alpha, double beta, double ga1, double ga2, double gb1, double gb2, double expected)
    {
        var (t, c, z) = Data();
        var likelihood = new ShiftedBetaGeometricCovariateLikelihood(t, c, z);
        double[] theta = [Math.Log(alpha), Math.Log(beta), ga1, ga2, gb1, gb2];
        Approx.Relative(expected, likelihood.LogLikelihood(theta, ParallelWork.Serial), 1e-12, "LL");
        var g = new double[6];
        var h = new double[36];
        Approx.Relative(expected, likelihood.Derivatives(theta, g, h, ParallelWork.Serial), 1e-12, "LL from the derivative pass");
    }

    [Fact]
    public void Exact_gradient_and_hessian_match_central_differences()
    {
        var (t, c, z) = Data();
        var likelihood = new ShiftedBetaGeometricCovariateLikelihood(t, c, z);
        double[] theta = [Math.Log(0.7), Math.Log(3.8), 0.4, -0.3, -0.5, 0.2];
        var g = new double[6];
        var h = new double[36];
        likelihood.Derivatives(theta, g, h, ParallelWork.Serial);
        const double step = 1e-5;
        for (int a = 0; a < 6; a++)
        {
            var plus = (double[])theta.Clone();
            var minus = (double[])theta.Clone();
            plus[a] += step;
            minus[a] -= step;
            // Closed form of a central difference: error O(step²) ≈ 1e-10 relative here.
            double fd = (likelihood.LogLikelihood(plus, ParallelWork.Serial) - likelihood.LogLikelihood(minus, ParallelWork.Serial)) / (2 * step);
            Approx.Absolute(fd, g[a], 1e-6, $"dLL/dθ{a}");
            var gp = new double[6];
            var gm = new double[6];
            likelihood.Derivatives(plus, gp, new double[36], ParallelWork.Serial);
            likelihood.Derivatives(minus, gm, new double[36], ParallelWork.Serial);
            for (int b = 0; b < 6; b++)
            {
                Approx.Absolute((gp[b] - gm[b]) / (2 * step), h[(a * 6) + b], 1e-5, $"d²LL/dθ{a}dθ{b}");
            }
        }
    }

    [Fact]
    public void Without_covariates_it_is_the_cohort_sbg_of_the_same_customers()
    {
        // Fader & Hardie (2007) High End: the individual customers of the survivors series (n_t lost in period t, s_7 active after 7).
        long[] s = ShiftedBetaGeometricTests.HighEnd;
        var t = new List<int>();
        var c = new List<bool>();
        for (int period = 1; period < s.Length; period++)
        {
            for (long k = 0; k < s[period - 1] - s[period]; k++)
            {
                t.Add(period);
                c.Add(true);
            }
        }

        for (long k = 0; k < s[^1]; k++)
        {
            t.Add(s.Length - 1);
            c.Add(false);
        }

        var fit = new ShiftedBetaGeometricCovariateFitter().Fit(t, c, new CovariateMatrix([], new double[t.Count, 0]));
        // ltv-churn.md §8 "High End, R-here" (optim, whose own optimum is good to ~1e-8): α 0.6680883597, β 3.806095298,
        // LL −1611.15814739, SE 0.1037349424, 0.7855318711.
        Approx.Relative(0.6680883597, fit.Alpha.Value, 1e-7, "alpha");
        Approx.Relative(3.806095298, fit.Beta.Value, 1e-7, "beta");
        Approx.Relative(-1611.15814739, fit.LogLikelihood, 1e-10, "LL");
        Approx.Relative(0.1037349424, fit.Alpha.StandardError, 1e-6, "SE alpha");
        Approx.Relative(0.7855318711, fit.Beta.StandardError, 1e-6, "SE beta");
        // The same likelihood as the cohort fit's product form (ShiftedBetaGeometricLikelihood) at the same parameters.
        Approx.Relative(fit.LogLikelihood, new ShiftedBetaGeometricParameters(fit.Alpha.Value, fit.Beta.Value).LogLikelihood(s), 1e-12, "cohort LL at the estimates");
        Assert.True(fit.Convergence.Converged, fit.Convergence.ToString());
        Assert.Null(fit.LikelihoodRatio);
        Assert.Empty(fit.Coefficients);
    }

    [Fact]
    public void Recovers_the_simulated_parameters_within_three_standard_errors()
    {
        // Small version of the 100-panel run (benchmarks/clv/sbg_covariate_recovery.cs): 2 seeded panels of 3,000 customers.
        foreach (int seed in new[] { 1, 2 })
        {
            var z = Clv.Covariates.CovariateSimulator.Design(3_000, 100 + seed);
            var (t, c) = ChurnCovariateSimulator.Simulate(Truth, z, 200 + seed);
            var fit = new ShiftedBetaGeometricCovariateFitter().Fit(t, c, z);
            Assert.True(fit.Convergence.Converged, fit.Convergence.ToString());
            var estimates = new[] { fit.Alpha, fit.Beta }.Concat(fit.Coefficients.Select(k => k.Estimate)).ToArray();
            for (int i = 0; i < 6; i++)
            {
                Assert.True(Math.Abs(estimates[i].Value - Truth[i]) <= 3 * estimates[i].StandardError,
                    FormattableString.Invariant($"seed {seed}, parameter {i}: {estimates[i].Value} ± {estimates[i].StandardError}, truth {Truth[i]}"));
            }

            Assert.Equal(4, fit.LikelihoodRatio!.DegreesOfFreedom);
            Assert.True(fit.LikelihoodRatio.PValue < 1e-6, fit.LikelihoodRatio.ToString());
            Assert.Equal(["alpha", "alpha", "beta", "beta"], fit.Coefficients.Select(k => k.Parameter));
            // ParametersFor: the customer-level sBG at z.
            var one = fit.ParametersFor([1.0, 0.5]);
            Approx.Relative(fit.Alpha.Value * Math.Exp(-(fit.Coefficients[0].Estimate.Value + (0.5 * fit.Coefficients[1].Estimate.Value))), one.Alpha, 1e-12, "alpha_i");
            Approx.Relative(fit.Beta.Value * Math.Exp(-(fit.Coefficients[2].Estimate.Value + (0.5 * fit.Coefficients[3].Estimate.Value))), one.Beta, 1e-12, "beta_i");
        }
    }

    [Fact]
    public void Bad_input_is_refused_naming_the_argument()
    {
        var fitter = new ShiftedBetaGeometricCovariateFitter();
        var z = new CovariateMatrix(["x"], new double[,] { { 0 }, { 1 }, { 0 } });
        Assert.Equal("periods", Assert.Throws<ArgumentOutOfRangeException>(() => fitter.Fit([0, 2, 3], [true, false, false], z)).ParamName);
        Assert.Equal("periods", Assert.Throws<ArgumentOutOfRangeException>(() => fitter.Fit([-1, 2, 3], [false, true, false], z)).ParamName);
        Assert.Equal("churned", Assert.Throws<ArgumentException>(() => fitter.Fit([1, 2, 3], [false, false, false], z)).ParamName);
        Assert.Equal("periods", Assert.Throws<ArgumentException>(() => fitter.Fit([1, 1, 0], [true, true, false], z)).ParamName);
        Assert.Equal("churned", Assert.Throws<ArgumentException>(() => fitter.Fit([1, 2, 3], [true, false], z)).ParamName);
        Assert.Equal("covariates", Assert.Throws<ArgumentException>(() => fitter.Fit([1, 2], [true, false], z)).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentException>(() => fitter.Fit([1, 2, 3], [true, false, false], z, new ClvFitOptions(penalizer: 0.1))).ParamName);
        var fit = fitter.Fit([1, 2, 3], [true, true, false], z);
        Assert.Throws<ArgumentOutOfRangeException>(() => fit.ParametersFor([double.NaN]));
        Assert.Throws<ArgumentException>(() => fit.ParametersFor([1.0, 2.0]));
    }

    [Fact]
    public void Any_periods_give_an_argument_exception_or_a_finite_fit()
    {
        Prop.ForAll(Gen.Choose(-3, 15).ArrayOf(6).ToArbitrary(), Gen.Elements(true, false).ArrayOf(6).ToArbitrary(), (periods, churned) =>
        {
            var z = new CovariateMatrix(["x"], new double[,] { { 0 }, { 1 }, { 0 }, { 1 }, { 0 }, { 1 } });
            try
            {
                var fit = new ShiftedBetaGeometricCovariateFitter().Fit(periods, churned, z);
                return double.IsFinite(fit.LogLikelihood) && !double.IsNaN(fit.Alpha.Value) && fit.Coefficients.All(k => !double.IsNaN(k.Estimate.Value) && !double.IsNaN(k.Estimate.StandardError));
            }
            catch (ArgumentException)
            {
                return true;
            }
        }).QuickCheckThrowOnFailure();
    }
}
