using MathNet.Numerics.Integration;
using MathNet.Numerics;

namespace TrustMetrics.Clv;

/// <summary>
/// P(Y(t) = n | x, t_x, T) of the Pareto/NBD model — the quantity of Fader &amp; Hardie's note 028 — from the posterior of (λ, μ,
/// alive): P = δ_{n0}·(1 − P(alive)) + (A_n + B_n)/L, where L is the customer's likelihood (note 009), A_n the mass of customers
/// alive at T + t with n purchases in (T, T+t], and B_n the mass of customers who make n purchases and die at T + τ, τ ∈ (0, t):
/// A_n = tⁿ/n! · Γ(r+x+n)α^r β^s / (Γ(r)(α+T+t)^{r+x+n}(β+T+t)^s),
/// B_n = s·Γ(r+x+n)α^r β^s / (Γ(r) n!) · ∫₀ᵗ τⁿ (α+T+τ)^{−(r+x+n)} (β+T+τ)^{−(s+1)} dτ.
/// Note 028 writes B_n with Gauss hypergeometric functions and an alternating sum; the integral is smooth and bounded on [0, t],
/// so adaptive Gauss–Kronrod quadrature (MathNet, 21 points, target 1e−11 relative) evaluates it without that sum's cancellation.
/// </summary>
internal static class ParetoNbdPurchaseCount
{
    public static double Probability(ParetoNbdParameters p, double logLikelihood, double alive, double t, long n, long x, double T)
    {
        if (t == 0)
        {
            return n == 0 ? 1.0 : 0.0;
        }

        var (r, alpha, s, beta) = p;
        double rxn = r + x + n;
        double common = SpecialFunctions.GammaLn(rxn) - SpecialFunctions.GammaLn(r) - SpecialFunctions.GammaLn(n + 1.0)
            + (r * Math.Log(alpha)) + (s * Math.Log(beta)) - logLikelihood;
        double logA = common + (n * Math.Log(t)) - (rxn * Math.Log(alpha + T + t)) - (s * Math.Log(beta + T + t));
        double logB = common + Math.Log(s) + LogIntegral(n, rxn, s + 1, alpha + T, beta + T, t);
        double mass = Math.Exp(logA) + Math.Exp(logB);
        double dead = n == 0 ? 1 - alive : 0;
        return Math.Clamp(dead + mass, 0.0, 1.0);
    }

    /// <summary>ln ∫₀ᵗ τⁿ (u+τ)^{−p} (v+τ)^{−q} dτ, the integrand scaled by its largest value on a grid so nothing overflows.</summary>
    private static double LogIntegral(long n, double p, double q, double u, double v, double t)
    {
        double LogIntegrand(double tau) => (n == 0 ? 0 : n * Math.Log(tau)) - (p * Math.Log(u + tau)) - (q * Math.Log(v + tau));

        double peak = double.NegativeInfinity;
        for (int k = 1; k <= 32; k++)
        {
            peak = Math.Max(peak, LogIntegrand(t * k / 32));
        }

        double integral = GaussKronrodRule.Integrate(tau => tau == 0 && n > 0 ? 0 : Math.Exp(LogIntegrand(tau) - peak), 0, t, out _, out _, 1e-11, 12, 21);
        return peak + Math.Log(integral);
    }
}
