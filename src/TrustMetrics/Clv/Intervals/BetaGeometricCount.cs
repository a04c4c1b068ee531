using MathNet.Numerics;
using TrustMetrics.Statistics;

namespace TrustMetrics.Clv;

/// <summary>
/// The conditional distribution of the purchase count Y(t) in (T, T+t] for the BG/NBD and MBG/NBD models (Fader, Hardie &amp; Lee,
/// "Deriving the conditional PMF of the BG/NBD model"; derivation in docs/clv.md §Prediction intervals). Given the history, the
/// customer is alive at T with probability π = P(alive | x, t_x, T); a living customer's (λ, p) has the posterior
/// Gamma(r+x, α+T) × Beta(a, b′) with b′ = b + x (BG/NBD) or b + x + 1 (MBG/NBD, which also flips the coin at time 0), and from T
/// on the process restarts (Poisson purchases, a coin flip after each), so
/// P(Y(t) = n | x, t_x, T) = π · f(n; r+x, α+T, a, b′, t) + (1 − π)·δ_{n0},
/// with f the unconditional BG/NBD PMF (FHL 2005 eq. 8)
/// f(n) = B(a,b′+n)/B(a,b′)·NB(n) + δ_{n&gt;0} B(a+1,b′+n−1)/B(a,b′)·P(N ≥ n), N ~ NBD(r′, q = α′/(α′+t)).
/// Its mean is π·E_f[N] = FHL eq. 10 (MBG/NBD: Batislam et al.'s conditional expectation), which the tests check.
/// </summary>
internal static class BetaGeometricCount
{
    /// <summary>f(n; r′, α′, a, b′, t), each term from log-gamma and the regularised incomplete beta (no recursion): relative accuracy ~1e-13.</summary>
    public static double Unconditional(double r, double alpha, double a, double b, double t, long n)
    {
        if (t == 0)
        {
            return n == 0 ? 1.0 : 0.0;
        }

        double logQ = -PreciseMath.Log1p(t / alpha);          // ln(α/(α+t))
        double logP = Math.Log(t / (alpha + t));
        double logBetaAB = SpecialFunctions.BetaLn(a, b);
        double first = SpecialFunctions.BetaLn(a, b + n) - logBetaAB + SpecialFunctions.GammaLn(r + n) - SpecialFunctions.GammaLn(r)
            - SpecialFunctions.GammaLn(n + 1.0) + (r * logQ) + (n == 0 ? 0 : n * logP);
        double f = Math.Exp(first);
        if (n > 0)
        {
            // P(N ≥ n) = I_{t/(α+t)}(n, r′) (the negative binomial's upper tail as an incomplete beta), both arguments exact.
            double tail = Distributions.BetaTails(t / (alpha + t), alpha / (alpha + t), n, r).Lower;
            f += Math.Exp(SpecialFunctions.BetaLn(a + 1, b + (n - 1)) - logBetaAB) * tail;
        }

        return f;
    }

    /// <summary>P(Y(t) = n | history) = π·f(n) + (1 − π)·δ_{n0}.</summary>
    public static double Conditional(double alive, double r, double alpha, double a, double b, double t, long n) =>
        Math.Clamp((alive * Unconditional(r, alpha, a, b, t, n)) + (n == 0 ? 1 - alive : 0), 0.0, 1.0);

    /// <summary>
    /// Steps through the same PMF n = 0, 1, 2, … by recursions (NB(n+1)/NB(n) = (r′+n)q̄/(n+1), B(a,b′+n+1)/B(a,b′+n) = (b′+n)/(a+b′+n),
    /// P(N ≥ n+1) = P(N ≥ n) − NB(n)): a few multiplications per step, absolute accuracy ~1e-15 — what the quantiles need.
    /// NB is carried in logs while it would underflow (r′ = r + x large), then in linear scale.
    /// </summary>
    public struct Stepper
    {
        private readonly double alive, r, a, b, logOneMinusQ, oneMinusQ;
        private double logNb, nb, tail, betaRatio, n;
        private bool linear;

        public Stepper(double alive, double r, double alpha, double a, double b, double t)
        {
            this.alive = alive;
            this.r = r;
            this.a = a;
            this.b = b;
            oneMinusQ = t / (alpha + t);
            logOneMinusQ = Math.Log(oneMinusQ);
            logNb = -r * PreciseMath.Log1p(t / alpha);
            linear = logNb > -700;
            nb = linear ? Math.Exp(logNb) : 0;
            tail = 1;          // P(N ≥ 0)
            betaRatio = 1;     // B(a, b′+n)/B(a, b′)
            n = 0;
        }

        /// <summary>P(Y = n) for the current n, then moves to n + 1.</summary>
        public double Next()
        {
            double current = linear ? nb : Math.Exp(logNb);
            double f = betaRatio * current;
            if (n > 0)
            {
                // B(a+1, b′+n−1)/B(a,b′) = B(a, b′+n−1)/B(a,b′) · a/(a+b′+n−1) = betaRatio · (a+b′+n−1)/(b′+n−1) · a/(a+b′+n−1) = betaRatio·a/(b′+n−1).
                f += betaRatio * a / (b + (n - 1)) * tail;   // b′ + (n − 1): b′ + n − 1 would lose the digits of a tiny b′ at n = 1
            }

            double p = (alive * f) + (n == 0 ? 1 - alive : 0);
            // Advance: tail(n+1) = tail(n) − NB(n); NB(n+1) = NB(n)·(r′+n)/(n+1)·(1−q); betaRatio(n+1) = betaRatio(n)·(b′+n)/(a+b′+n).
            tail = Math.Max(tail - current, 0);
            double factor = (r + n) / (n + 1);
            if (linear)
            {
                nb *= factor * oneMinusQ;
            }
            else
            {
                logNb += Math.Log(factor) + logOneMinusQ;
                if (logNb > -700)
                {
                    linear = true;
                    nb = Math.Exp(logNb);
                }
            }

            betaRatio *= (b + n) / (a + b + n);
            n++;
            return Math.Clamp(p, 0.0, 1.0);
        }
    }
}
