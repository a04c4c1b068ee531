using TrustMetrics.Statistics;

namespace TrustMetrics.Monitoring;

/// <summary>
/// The normal-mixture boundary of Robbins (1970) in the form of Howard, Ramdas, McAuliffe &amp; Sekhon (2021, Ann. Stat. 49(2),
/// §3, "normal mixture"): for a sum <c>S_t</c> of centred, conditionally σ²-sub-Gaussian increments with intrinsic time
/// <c>V_t = σ² t</c>, the mixture of <c>exp(λS − λ²V/2)</c> over λ ~ N(0, 1/ρ) is the nonnegative supermartingale
/// <c>M_t = √(ρ/(V+ρ)) · exp(S²/(2(V+ρ)))</c>, and Ville's inequality gives P(∃t: M_t ≥ 1/α) ≤ α, i.e. the two-sided boundary
/// <c>|S_t| &lt; u(V_t) = √(2(V+ρ)(log(1/α) + ½·log((V+ρ)/ρ)))</c> holds at every t simultaneously with probability ≥ 1 − α.
/// Observations in [a, b] are rescaled to [0, 1], where Hoeffding's lemma gives σ² = 1/4 whatever their distribution.
/// </summary>
internal static class MixtureBoundary
{
    /// <summary>Hoeffding's variance proxy of a [0, 1] variable.</summary>
    public const double UnitVarianceProxy = 0.25;

    /// <summary>log 2.</summary>
    public const double Log2 = 0.69314718055994530942;

    /// <summary>Radius of the sum at intrinsic time <paramref name="v"/>: <c>√(2(v+ρ)(ℓ + ½ log((v+ρ)/ρ)))</c>, ℓ = <paramref name="logInverseLevel"/>.</summary>
    public static double SumRadius(double v, double rho, double logInverseLevel) =>
        Math.Sqrt(2.0 * (v + rho) * (logInverseLevel + 0.5 * PreciseMath.Log1p(v / rho)));

    /// <summary>
    /// Radius of the mean of <paramref name="count"/> observations on [0, 1]: <c>u(n/4)/n</c>, at most 1 (a [0, 1] mean never moves
    /// further); +∞ for an empty sample.
    /// </summary>
    public static double UnitMeanRadius(long count, double rho, double logInverseLevel) =>
        count == 0 ? double.PositiveInfinity : SumRadius(UnitVarianceProxy * count, rho, logInverseLevel) / count;

    /// <summary>
    /// The ρ that makes the boundary tightest at intrinsic time <paramref name="v0"/>: with r = ρ/v₀ the squared radius is
    /// ∝ (1 + r)(L + ½ log(1 + 1/r)), whose derivative L + ½ log(1 + 1/r) − 1/(2r) is increasing in r; its root is found by
    /// bisection on log r (Howard et al. 2021, §3.5, choose ρ for the sample size where the CS should be tightest).
    /// </summary>
    public static double OptimalRho(double v0, double logInverseLevel)
    {
        double lo = Math.Log(1e-12), hi = Math.Log(1e6);
        for (int i = 0; i < 200 && hi - lo > 1e-13; i++)
        {
            double mid = 0.5 * (lo + hi);
            double r = Math.Exp(mid);
            double slope = logInverseLevel + 0.5 * PreciseMath.Log1p(1.0 / r) - 0.5 / r;
            if (slope > 0)
            {
                hi = mid;
            }
            else
            {
                lo = mid;
            }
        }

        return Math.Exp(0.5 * (lo + hi)) * v0;
    }

    /// <summary>
    /// Log of the one-sided (λ &lt; 0, half-normal mixture) e-process against "mean ≥ baseline":
    /// <c>E = 2√(ρ/(V+ρ)) · exp(S²/(2(V+ρ))) · Φ(−S/√(V+ρ))</c>, S = Σ(x − μ₀). Under any distribution of mean ≥ μ₀ on [0, 1]
    /// it is a nonnegative supermartingale with E₀ = 1 (each λ &lt; 0 term is, and mixtures of supermartingales are).
    /// </summary>
    public static double LogDropEValue(double sum, double v, double rho)
    {
        double scale = Math.Sqrt(v + rho);
        double z = sum / scale;
        return Math.Log(2.0) + 0.5 * Math.Log(rho / (v + rho)) + LogScaledUpperTail(z);
    }

    /// <summary>log(exp(z²/2) Φ(−z)), stable for every z: direct for z &lt; 30, the Mills-ratio series beyond (relative error &lt; 2e-10).</summary>
    internal static double LogScaledUpperTail(double z)
    {
        if (z < 30)
        {
            return 0.5 * z * z + Math.Log(Distributions.NormalCdf(-z));
        }

        double z2 = z * z;
        double series = 1.0 - 1.0 / z2 + 3.0 / (z2 * z2) - 15.0 / (z2 * z2 * z2);
        return Math.Log(series / (z * Math.Sqrt(2.0 * Math.PI)));
    }
}
