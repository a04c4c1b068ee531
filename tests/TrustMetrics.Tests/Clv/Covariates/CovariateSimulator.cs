using MathNet.Numerics.Distributions;
using TrustMetrics.Clv;

namespace TrustMetrics.Tests.Clv.Covariates;

/// <summary>
/// Seeded simulators of BG/NBD and Pareto/NBD panels with customer-specific parameters (the generative stories of Fader, Hardie
/// &amp; Lee 2005 and Schmittlein, Morrison &amp; Colombo 1987) in CLVTools' covariate parameterisation, and the one-binary +
/// one-normal covariate design the recovery checks use.
/// </summary>
/// <remarks>benchmarks/clv/covariate_recovery.cs runs the large version through this file (<c>#:include</c>).</remarks>
internal static class CovariateSimulator
{
    /// <summary>z_i = (channel ∈ {0, 1} with P = 0.4, score ~ N(0, 1)).</summary>
    public static CovariateMatrix Design(int customers, int seed)
    {
        var random = new Random(seed);
        var z = new double[customers, 2];
        for (int i = 0; i < customers; i++)
        {
            z[i, 0] = random.NextDouble() < 0.4 ? 1 : 0;
            z[i, 1] = Normal.Sample(random, 0, 1);
        }

        return new CovariateMatrix(["channel=web", "score"], z);
    }

    /// <summary>z_i = channel ∈ {0, 1} with P = 0.4 alone (two covariate patterns).</summary>
    public static CovariateMatrix BinaryDesign(int customers, int seed)
    {
        var random = new Random(seed);
        var z = new double[customers, 1];
        for (int i = 0; i < customers; i++)
        {
            z[i, 0] = random.NextDouble() < 0.4 ? 1 : 0;
        }

        return new CovariateMatrix(["channel=web"], z);
    }

    /// <summary>BG/NBD: λ ~ Gamma(r, α_i), p ~ Beta(a_i, b_i), α_i = α e^{−γ₁ᵀz}, a_i, b_i = a, b·e^{γ₂ᵀz}; T uniform on [minT, maxT].</summary>
    public static PurchaseHistory[] BgNbd(double[] theta, CovariateMatrix z, int seed, double minT = 30, double maxT = 52) =>
        BgNbdWithHoldout(theta, z, seed, 0, minT, maxT).Calibration;

    /// <summary>
    /// <see cref="BgNbd"/> continued past T: the calibration history on (0, T] and the number of purchases in the holdout
    /// (T, T + <paramref name="holdout"/>] of the same path (with holdout 0 the same draws, so the same panels, as <see cref="BgNbd"/>).
    /// </summary>
    public static (PurchaseHistory[] Calibration, long[] Holdout) BgNbdWithHoldout(double[] theta, CovariateMatrix z, int seed, double holdout,
        double minT = 30, double maxT = 52)
    {
        var random = new Random(seed);
        var result = new PurchaseHistory[z.CustomerCount];
        var counts = new long[z.CustomerCount];
        for (int i = 0; i < result.Length; i++)
        {
            var (trans, life) = Linear(theta, z, i);
            double T = minT + (random.NextDouble() * (maxT - minT));
            double lambda = Gamma.Sample(random, theta[0], theta[1] * Math.Exp(-trans));
            double p = Beta.Sample(random, theta[2] * Math.Exp(life), theta[3] * Math.Exp(life));
            long x = 0, y = 0;
            double tx = 0;
            PurchasePaths.BgNbd(random, lambda, p, T + holdout, t =>
            {
                if (t <= T)
                {
                    x++;
                    tx = t;
                }
                else
                {
                    y++;
                }
            });
            result[i] = new PurchaseHistory(x, x == 0 ? 0 : tx, T);
            counts[i] = y;
        }

        return (result, counts);
    }

    /// <summary>Pareto/NBD: λ ~ Gamma(r, α_i), μ ~ Gamma(s, β_i), α_i = α e^{−γ₁ᵀz}, β_i = β e^{−γ₂ᵀz}; lifetime Exp(μ).</summary>
    public static PurchaseHistory[] ParetoNbd(double[] theta, CovariateMatrix z, int seed, double minT = 30, double maxT = 52)
    {
        var random = new Random(seed);
        var result = new PurchaseHistory[z.CustomerCount];
        for (int i = 0; i < result.Length; i++)
        {
            var (trans, life) = Linear(theta, z, i);
            double T = minT + (random.NextDouble() * (maxT - minT));
            double lambda = Gamma.Sample(random, theta[0], theta[1] * Math.Exp(-trans));
            double mu = Gamma.Sample(random, theta[2], theta[3] * Math.Exp(-life));
            double end = Math.Min(T, -Math.Log(1 - random.NextDouble()) / mu);
            var (x, tx) = PurchasePaths.Poisson(random, lambda, end);
            result[i] = new PurchaseHistory(x, x == 0 ? 0 : tx, T);
        }

        return result;
    }

    private static (double Trans, double Life) Linear(double[] theta, CovariateMatrix z, int i)
    {
        int p = z.Count;
        double trans = 0, life = 0;
        for (int j = 0; j < p; j++)
        {
            trans += z[i, j] * theta[4 + j];
            life += z[i, j] * theta[4 + p + j];
        }

        return (trans, life);
    }
}
