using MathNet.Numerics.Distributions;
using TrustMetrics.Clv;

namespace TrustMetrics.Tests.Clv;

/// <summary>
/// Seeded BG/NBD simulator (the generative story of Fader, Hardie &amp; Lee 2005): λ ~ Gamma(r, α), p ~ Beta(a, b); purchases
/// arrive as a Poisson process of rate λ; after each repeat purchase the customer drops out with probability p.
/// </summary>
internal static class BgNbdSimulator
{
    public static PurchaseHistory[] Simulate(BgNbdParameters p, int customers, int seed, double minT, double maxT, bool wholeUnits = false)
    {
        var random = new Random(seed);
        var gamma = new Gamma(p.R, p.Alpha, random);
        var beta = new Beta(p.A, p.B, random);
        var result = new PurchaseHistory[customers];
        for (int i = 0; i < customers; i++)
        {
            double T = wholeUnits ? Math.Floor(minT + (random.NextDouble() * (maxT - minT + 1))) : minT + (random.NextDouble() * (maxT - minT));
            double lambda = gamma.Sample(), dropout = beta.Sample();
            var (x, tx) = PurchasePaths.BgNbd(random, lambda, dropout, T);
            if (wholeUnits)
            {
                tx = Math.Floor(tx);
            }

            result[i] = new PurchaseHistory(x, x == 0 ? 0 : tx, T);
        }

        return result;
    }
}
