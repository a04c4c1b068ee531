namespace TrustMetrics.Tests.Clv;

/// <summary>
/// One customer's purchase path in the generative stories of the purchase models, the shared core of every seeded CLV
/// simulator (tests, benchmarks/clv/covariate_recovery.cs, TrustMetrics.Benchmarks): purchases arrive as a Poisson process of
/// rate λ (exponential gaps −ln(1 − U)/λ); in BG/NBD (Fader, Hardie &amp; Lee 2005) the customer drops out with probability p after
/// each purchase, in Pareto/NBD (Schmittlein, Morrison &amp; Colombo 1987) the process stops at the end of the lifetime. The draws
/// from the generator come in a fixed order (the gap, then the dropout coin), so a simulator built on these reproduces its panels.
/// </summary>
internal static class PurchasePaths
{
    /// <summary>
    /// BG/NBD: each purchase at a time ≤ <paramref name="horizon"/> is passed to <paramref name="purchase"/> (which may draw from
    /// the generator itself, e.g. a spend), then the customer drops out with probability <paramref name="dropout"/>; the path ends
    /// at the first gap past the horizon or at the dropout.
    /// </summary>
    public static void BgNbd(Random random, double lambda, double dropout, double horizon, Action<double> purchase)
    {
        double t = 0;
        while (true)
        {
            t += -Math.Log(1 - random.NextDouble()) / lambda;
            if (t > horizon)
            {
                return;
            }

            purchase(t);
            if (random.NextDouble() < dropout)
            {
                return;
            }
        }
    }

    /// <summary>BG/NBD on (0, <paramref name="T"/>]: the number of purchases x and the time of the last one t_x (0 without purchases).</summary>
    public static (long X, double Tx) BgNbd(Random random, double lambda, double dropout, double T)
    {
        long x = 0;
        double tx = 0;
        BgNbd(random, lambda, dropout, T, t =>
        {
            x++;
            tx = t;
        });
        return (x, tx);
    }

    /// <summary>Pareto/NBD while alive: the Poisson purchases on (0, <paramref name="end"/>] (end = min(T, lifetime)), as (x, t_x).</summary>
    public static (long X, double Tx) Poisson(Random random, double lambda, double end)
    {
        double t = 0, tx = 0;
        long x = 0;
        while (true)
        {
            t += -Math.Log(1 - random.NextDouble()) / lambda;
            if (t > end)
            {
                return (x, tx);
            }

            x++;
            tx = t;
        }
    }
}
