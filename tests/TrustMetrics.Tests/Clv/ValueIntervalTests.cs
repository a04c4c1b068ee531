using MathNet.Numerics.Distributions;
using TrustMetrics.Clv;

namespace TrustMetrics.Tests.Clv;

/// <summary>
/// Issue 14 item 2, the CLV interval: the predictive interval of the realised discounted value (BG/NBD count PMF × Gamma–Gamma
/// spend posterior, mixed over the joint sigma points of both fits). Coverage on seeded panels drawn from the generative stories
/// (FHL 2005 for purchases, Fader–Hardie note 025 for spend: zⱼ ~ Gamma(p, ν), ν ~ Gamma(q, γ)), both models refitted on every
/// panel's calibration data; the full run (≥ 200 panels) is scripts/clv-interval-coverage.sh with "value".
/// </summary>
public class ValueIntervalTests
{
    /// <summary>FHL 2005's CDNOW estimates (weeks).</summary>
    private static readonly BgNbdParameters Paper = new(0.243, 4.414, 0.793, 2.426);

    /// <summary>lifetimes' Gamma–Gamma CDNOW example estimates (p, q, γ) = (6.25, 3.74, 15.44).</summary>
    private static readonly GammaGammaParameters Spend = new(6.25, 3.74, 15.44);

    private const int Months = 9;
    private const double Discount = 0.01;

    [Fact]
    public void Point_value_is_the_discounted_clv_of_the_cli()
    {
        var (histories, monetary, _) = Simulate(Paper, Spend, 300, 7, 27, 39);
        var fit = new BgNbdFitter().Fit(CompressedHistories.From(histories));
        var spendFit = FitSpend(histories, monetary);
        var result = new PredictionIntervalCalculator().ComputeValue(fit, spendFit, histories, monetary, Months, Discount, CustomerLifetimeValue.WeeksPerMonth, 0.8, 0.9);
        Assert.True(result.PurchaseParameterUncertainty);
        Assert.True(result.SpendParameterUncertainty);
        for (int i = 0; i < histories.Length; i++)
        {
            // Closed form: CustomerLifetimeValue.Discounted with E[M | x, m̄] × margin (what clv predict writes), exactly.
            double spend = spendFit.Model.ConditionalExpectedAverageSpend(histories[i].Frequency, histories[i].Frequency == 0 ? 0 : monetary[i]);
            double clv = CustomerLifetimeValue.Discounted(fit.Model, histories[i], spend * 0.8, Months, Discount, CustomerLifetimeValue.WeeksPerMonth);
            Assert.Equal(spend, result.ExpectedSpend[i]);
            Assert.Equal(clv, result.Value[i]);
            Assert.True(result.Lower[i] >= 0 && result.Lower[i] <= result.Upper[i] && double.IsFinite(result.Upper[i]));
        }
    }

    [Fact]
    public void Ninety_percent_clv_interval_covers_the_realised_holdout_value()
    {
        int panels = int.TryParse(Environment.GetEnvironmentVariable("TRUSTMETRICS_COVERAGE_PANELS"), out int p) ? p : 4;
        int customers = int.TryParse(Environment.GetEnvironmentVariable("TRUSTMETRICS_COVERAGE_CUSTOMERS"), out int c) ? c : 400;
        long covered = 0, total = 0, buyersCovered = 0, buyers = 0;
        for (int panel = 0; panel < panels; panel++)
        {
            var (histories, monetary, holdout) = Simulate(Paper, Spend, customers, 20261206 + panel, 27, 39);
            var fit = new BgNbdFitter().Fit(CompressedHistories.From(histories));
            var spendFit = FitSpend(histories, monetary);
            var result = new PredictionIntervalCalculator().ComputeValue(fit, spendFit, histories, monetary, Months, Discount, CustomerLifetimeValue.WeeksPerMonth, 1.0, 0.9);
            for (int i = 0; i < customers; i++)
            {
                bool inside = holdout[i] >= result.Lower[i] && holdout[i] <= result.Upper[i];
                covered += inside ? 1 : 0;
                total++;
                if (holdout[i] > 0)
                {
                    buyers++;
                    buyersCovered += inside ? 1 : 0;
                }
            }
        }

        double coverage = (double)covered / total;
        Console.WriteLine($"coverage {coverage:F4} ({covered}/{total}) over {panels} panels x {customers}; customers with holdout value > 0 {(double)buyersCovered / buyers:F4} ({buyersCovered}/{buyers})");
        Assert.InRange(coverage, 0.88, 0.99);
    }

    [Fact]
    public void Bounds_are_the_quantiles_of_the_sigma_point_mixture_recomputed_independently()
    {
        // Independent re-computation from public pieces: the joint sigma points by hand from fit.Covariance (Cholesky of
        // Σᵢⱼ/(θᵢθⱼ), ±√7 on the log scale), the exact conditional PMF (BgNbdModel.ConditionalProbabilityOfPurchases, log-gamma +
        // incomplete-beta form, not the library's recursion) and MathNet's regularised incomplete beta for the spend total
        // S/(S + γ + x m̄) ~ Beta(np, px + q). At the returned bounds the mixture CDF must equal (1 ∓ 0.9)/2.
        var (histories, monetary, _) = Simulate(Paper, Spend, 300, 11, 27, 39);
        var fit = new BgNbdFitter().Fit(CompressedHistories.From(histories));
        var spendFit = FitSpend(histories, monetary);
        var result = new PredictionIntervalCalculator().ComputeValue(fit, spendFit, histories, monetary, Months, Discount, CustomerLifetimeValue.WeeksPerMonth, 1.0, 0.9);
        double scale = Math.Sqrt(7), horizon = Months * CustomerLifetimeValue.WeeksPerMonth;
        var theta = Points(fit, scale);
        var phi = Points(spendFit, scale);
        var estimate = spendFit.Model.Parameters;
        var components = theta.Skip(1).Select(t => (Model: new BgNbdModel(new BgNbdParameters(t[0], t[1], t[2], t[3])), P: estimate.P, Q: estimate.Q, G: estimate.Gamma))
            .Concat(phi.Skip(1).Select(f => (Model: fit.Model, P: f[0], Q: f[1], G: f[2]))).ToArray();
        Assert.Equal(14, components.Length);
        int checkedUpper = 0, positiveLower = 0;
        for (int i = 0; i < 60; i++)
        {
            var h = histories[i];
            double m = h.Frequency == 0 ? 0 : monetary[i];
            double factor = CustomerLifetimeValue.Discounted(fit.Model, h, 1.0, Months, Discount, CustomerLifetimeValue.WeeksPerMonth) / fit.Model.ConditionalExpectedPurchases(horizon, h);
            double Cdf(double v)
            {
                double s = v / factor, total = 0;
                foreach (var c in components)
                {
                    double cumulative = 0;
                    for (long n = 0; n < 2000 && cumulative < 1 - 1e-13; n++)
                    {
                        double pn = c.Model.ConditionalProbabilityOfPurchases(horizon, n, h);
                        cumulative += pn;
                        total += pn * (n == 0 ? 1 : MathNet.Numerics.SpecialFunctions.BetaRegularized(n * c.P, (c.P * h.Frequency) + c.Q, s / (s + c.G + (h.Frequency * m))));
                    }
                }

                return total / components.Length;
            }

            Assert.True(Math.Abs(Cdf(result.Upper[i]) - 0.95) < 1e-7, $"customer {i}: F(upper) = {Cdf(result.Upper[i])}");
            checkedUpper++;
            if (result.Lower[i] > 0)
            {
                Assert.True(Math.Abs(Cdf(result.Lower[i]) - 0.05) < 1e-7, $"customer {i}: F(lower) = {Cdf(result.Lower[i])}");
                positiveLower++;
            }
            else
            {
                Assert.True(Cdf(0) >= 0.05 - 1e-12);
            }
        }

        Assert.Equal(60, checkedUpper);
    }

    /// <summary>The estimates (first) and the 2d points exp(ln θ̂ ± scale·L eⱼ), L the Cholesky factor of Σᵢⱼ/(θᵢθⱼ).</summary>
    private static double[][] Points<TModel>(ClvFit<TModel> fit, double scale)
        where TModel : class
    {
        var names = fit.ParameterNames;
        int d = names.Count;
        double[] estimate = [.. names.Select(n => fit.Estimates[n].Value)];
        var l = new double[d, d];
        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double sum = fit.Covariance(names[i], names[j]) / (estimate[i] * estimate[j]);
                for (int k = 0; k < j; k++)
                {
                    sum -= l[i, k] * l[j, k];
                }

                l[i, j] = i == j ? Math.Sqrt(sum) : sum / l[j, j];
            }
        }

        var points = new List<double[]> { estimate };
        for (int j = 0; j < d; j++)
        {
            foreach (double sign in new[] { 1.0, -1.0 })
            {
                points.Add([.. Enumerable.Range(0, d).Select(i => estimate[i] * Math.Exp(sign * scale * l[i, j]))]);
            }
        }

        return [.. points];
    }

    [Fact]
    public void Invalid_inputs_throw_argument_exceptions()
    {
        var (histories, monetary, _) = Simulate(Paper, Spend, 200, 3, 27, 39);
        var fit = new BgNbdFitter().Fit(CompressedHistories.From(histories));
        var spendFit = FitSpend(histories, monetary);
        var calculator = new PredictionIntervalCalculator();
        Assert.ThrowsAny<ArgumentException>(() => calculator.ComputeValue(fit, spendFit, histories, monetary.AsSpan(1), Months, Discount, 4.345));
        Assert.ThrowsAny<ArgumentException>(() => calculator.ComputeValue(fit, spendFit, histories, monetary, -1, Discount, 4.345));
        Assert.ThrowsAny<ArgumentException>(() => calculator.ComputeValue(fit, spendFit, histories, monetary, Months, double.NaN, 4.345));
        Assert.ThrowsAny<ArgumentException>(() => calculator.ComputeValue(fit, spendFit, histories, monetary, Months, Discount, 0));
        Assert.ThrowsAny<ArgumentException>(() => calculator.ComputeValue(fit, spendFit, histories, monetary, Months, Discount, 4.345, double.PositiveInfinity));
        Assert.ThrowsAny<ArgumentException>(() => calculator.ComputeValue(fit, spendFit, histories, monetary, Months, Discount, 4.345, 1, 1.0));
        int buyer = Array.FindIndex(histories, h => h.Frequency > 0);
        var bad = (double[])monetary.Clone();
        bad[buyer] = double.NaN;
        var e = Assert.ThrowsAny<ArgumentException>(() => calculator.ComputeValue(fit, spendFit, histories, bad, Months, Discount, 4.345));
        Assert.Contains($"monetaryValues[{buyer}]", e.Message, StringComparison.Ordinal);
        bad[buyer] = 0;
        Assert.ThrowsAny<ArgumentException>(() => calculator.ComputeValue(fit, spendFit, histories, bad, Months, Discount, 4.345));
    }

    internal static ClvFit<GammaGammaModel> FitSpend(PurchaseHistory[] histories, double[] monetary) =>
        new GammaGammaFitter().Fit(CompressedSpend.From(histories.Select((h, i) => (h.Frequency, monetary[i])).Where(r => r.Frequency > 0)));

    /// <summary>
    /// Calibration (0, T], T uniform in [minT, maxT] weeks, then the realised value of the purchases in the holdout (T, T + 9·4.345]:
    /// Σ zⱼ/(1.01)ᵏ with k = ⌈(tⱼ − T)/4.345⌉ (lifetimes' monthly discounting). m̄ is the mean of the calibration repeat purchases'
    /// spends (the first purchase at time 0 is not a repeat purchase and is not counted, as in lifetimes' summary).
    /// </summary>
    internal static (PurchaseHistory[] Histories, double[] Monetary, double[] Holdout) Simulate(BgNbdParameters p, GammaGammaParameters g, int customers, int seed, double minT, double maxT)
    {
        var random = new Random(seed);
        var lambdas = new Gamma(p.R, p.Alpha, random);
        var dropouts = new Beta(p.A, p.B, random);
        var nus = new Gamma(g.Q, g.Gamma, random);
        double f = CustomerLifetimeValue.WeeksPerMonth, holdoutLength = Months * f;
        var histories = new PurchaseHistory[customers];
        var monetary = new double[customers];
        var holdout = new double[customers];
        for (int i = 0; i < customers; i++)
        {
            double T = minT + (random.NextDouble() * (maxT - minT));
            double lambda = lambdas.Sample(), dropout = dropouts.Sample(), nu = nus.Sample();
            var spend = new Gamma(g.P, nu, random);
            double tx = 0, sum = 0, value = 0;
            long x = 0;
            PurchasePaths.BgNbd(random, lambda, dropout, T + holdoutLength, t =>
            {
                double z = spend.Sample();
                if (t <= T)
                {
                    x++;
                    tx = t;
                    sum += z;
                }
                else
                {
                    int k = (int)Math.Ceiling((t - T) / f);
                    value += z / Math.Pow(1 + Discount, k);
                }
            });

            histories[i] = new PurchaseHistory(x, tx, T);
            monetary[i] = x == 0 ? 0 : sum / x;
            holdout[i] = value;
        }

        return (histories, monetary, holdout);
    }
}
