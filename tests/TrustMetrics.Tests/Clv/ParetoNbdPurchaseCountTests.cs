using MathNet.Numerics.Distributions;
using MathNet.Numerics.Integration;
using TrustMetrics.Clv;
using Xunit;

namespace TrustMetrics.Tests.Clv;

/// <summary>
/// P(Y(t) = n | x, t_x, T) of the Pareto/NBD model. The library integrates over the time of death τ; the reference here integrates
/// instead over the posterior of (λ, μ) with the textbook count distribution of a Poisson process stopped by an exponential
/// lifetime, P(n | λ, μ) = e^{−(λ+μ)t}(λt)ⁿ/n! + μλⁿ/(λ+μ)^{n+1}·P(n+1, (λ+μ)t) (P the regularised lower incomplete gamma) — an
/// independent route to the same number (Fader &amp; Hardie note 028 derives it a third way, with ₂F₁ terms).
/// </summary>
public class ParetoNbdPurchaseCountTests
{
    // Pareto/NBD estimates on CDNOW (ltv-churn.md §5, R-here exact weeks).
    private static readonly ParetoNbdParameters Cdnow = new(0.5532771188, 10.57768355, 0.6062393356, 11.66871153);

    [Theory]
    [InlineData(2, 30.43, 38.86, 39.0)]
    [InlineData(0, 0, 38.86, 39.0)]
    [InlineData(5, 20, 30, 10.0)]
    public void Matches_an_integral_over_the_posterior_of_the_rates(long x, double tx, double T, double t)
    {
        var model = new ParetoNbdModel(Cdnow);
        var history = new PurchaseHistory(x, tx, T);
        var reference = PosteriorReference(Cdnow, x, tx, T, t, 4);
        for (int n = 0; n <= 4; n++)
        {
            Assert.Equal(reference[n], model.ConditionalProbabilityOfPurchases(t, n, history), 2e-5);
        }
    }

    [Fact]
    public void Sums_to_one_over_n_and_the_new_customer_case_is_the_empty_history()
    {
        var model = new ParetoNbdModel(Cdnow);
        var history = new PurchaseHistory(26, 30.86, 31);
        double total = 0;
        for (int n = 0; n <= 400; n++)
        {
            total += model.ConditionalProbabilityOfPurchases(52, n, history);
        }

        Assert.Equal(1.0, total, 1e-9);
        Assert.Equal(model.ConditionalProbabilityOfPurchases(39, 3, new PurchaseHistory(0, 0, 0)), model.ProbabilityOfPurchases(39, 3));
        Assert.Equal(1.0, model.ProbabilityOfPurchases(0, 0));
        Assert.Equal(0.0, model.ProbabilityOfPurchases(0, 2));

        // The mean of the distribution is E[Y(t) | history].
        double mean = 0;
        for (int n = 1; n <= 400; n++)
        {
            mean += n * model.ConditionalProbabilityOfPurchases(52, n, history);
        }

        Assert.Equal(model.ConditionalExpectedPurchases(52, history), mean, 1e-7 * mean);
    }

    [Fact]
    public void Bad_arguments_are_named()
    {
        var model = new ParetoNbdModel(Cdnow);
        Assert.Throws<ArgumentOutOfRangeException>(() => model.ConditionalProbabilityOfPurchases(-1, 0, new PurchaseHistory(0, 0, 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.ConditionalProbabilityOfPurchases(1, -1, new PurchaseHistory(0, 0, 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.ConditionalProbabilityOfPurchases(1, 0, new PurchaseHistory(1, 2, 1)));
    }

    /// <summary>
    /// δ_{n0}·P(dead | data) + E[1{alive at T}·P(n | λ, μ) | data], the expectation over (λ, μ) by a 400 × 400 Gauss–Legendre rule
    /// on the prior quantiles (λ = G⁻¹(u)), so the Gamma densities cancel and the integrand stays bounded.
    /// </summary>
    private static double[] PosteriorReference(ParetoNbdParameters p, long x, double tx, double T, double t, int maxN)
    {
        var rule = new GaussLegendreRule(0, 1, 400);
        var lambdas = rule.Abscissas.Select(u => Gamma.InvCDF(p.R, p.Alpha, u)).ToArray();
        var mus = rule.Abscissas.Select(u => Gamma.InvCDF(p.S, p.Beta, u)).ToArray();
        double aliveMass = 0, deadMass = 0;
        var countMass = new double[maxN + 1];
        for (int i = 0; i < rule.Order; i++)
        {
            double lambda = lambdas[i];
            for (int j = 0; j < rule.Order; j++)
            {
                double mu = mus[j];
                double w = rule.Weights[i] * rule.Weights[j];
                double k = lambda + mu;
                double alive = Math.Pow(lambda, x) * Math.Exp(-k * T);
                double dead = Math.Pow(lambda, x) * mu / k * (Math.Exp(-k * tx) - Math.Exp(-k * T));
                aliveMass += w * alive;
                deadMass += w * dead;
                for (int n = 0; n <= maxN; n++)
                {
                    double stay = Math.Exp(-(k * t) + (n * Math.Log(lambda * t)) - MathNet.Numerics.SpecialFunctions.FactorialLn(n));
                    double leave = mu * Math.Exp((n * Math.Log(lambda)) - ((n + 1) * Math.Log(k))) * MathNet.Numerics.SpecialFunctions.GammaLowerRegularized(n + 1, k * t);
                    countMass[n] += w * alive * (stay + leave);
                }
            }
        }

        double likelihood = aliveMass + deadMass;
        return countMass.Select((mass, n) => ((n == 0 ? deadMass : 0) + mass) / likelihood).ToArray();
    }
}
