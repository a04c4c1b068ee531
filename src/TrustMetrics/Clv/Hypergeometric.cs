using TrustMetrics.Statistics;

namespace TrustMetrics.Clv;

/// <summary>Gauss hypergeometric pieces the purchase models need, evaluated without overflow or cancellation.</summary>
internal static class Hypergeometric
{
    private const int MaxTerms = 10_000_000;

    /// <summary>
    /// [1 − (1−z)^ε ₂F₁(a₁, ε; c; z)] / ε for 0 ≤ z &lt; 1 and c &gt; 0, with ln(1−z) passed as <paramref name="logOneMinusZ"/>
    /// (see <see cref="ScaledTail"/>, which this divides by c).
    /// </summary>
    public static double Tail(double a1, double epsilon, double c, double z, double logOneMinusZ) =>
        ScaledTail(a1, epsilon, c, z, logOneMinusZ) / c;

    /// <summary>
    /// c·[1 − (1−z)^ε ₂F₁(a₁, ε; c; z)] / ε for 0 ≤ z &lt; 1 and c &gt; −1. Writing ₂F₁(a₁, ε; c; z) = 1 + (ε/c)·S′ with
    /// S′ = Σ_{n≥1} (a₁)_n (1+ε)_{n−1} zⁿ / ((c+1)_{n−1} n!) gives −c·expm1(εL)/ε − e^{εL}·S′ exactly: no division by ε → 0 (a = 1
    /// in BG/NBD) nor by c → 0 (a + b + x = 1 in BG/NBD, where the product has a finite limit), and no large terms, since the BTYD
    /// expectations reach this form through Euler's transformation ₂F₁(a, b; c; z) = (1−z)^{c−a−b} ₂F₁(c−a, c−b; c; z).
    /// </summary>
    public static double ScaledTail(double a1, double epsilon, double c, double z, double logOneMinusZ)
    {
        double s = 0;
        if (z > 0)
        {
            double term = a1 * z;
            s = term;
            for (int n = 1; term != 0; n++)
            {
                // term_{n+1} = term_n · (a₁+n)(ε+n)/((c+n)(n+1)) · z.
                double ratio = (a1 + n) * (epsilon + n) / ((c + n) * (n + 1)) * z;
                term *= ratio;
                s += term;
                if (Math.Abs(term) <= 1e-17 * Math.Abs(s) && Math.Abs(ratio) < 1)
                {
                    break;
                }

                if (!double.IsFinite(s) || n > MaxTerms)
                {
                    throw new ArithmeticException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                        $"The hypergeometric series 2F1({a1:R}, {epsilon:R}; {c:R}; {z:R}) did not converge (horizon too long for the series?)."));
                }
            }
        }

        double el = epsilon * logOneMinusZ;
        double head = epsilon == 0 ? -logOneMinusZ : -PreciseMath.Expm1(el) / epsilon;
        return (c * head) - (Math.Exp(el) * s);
    }

    /// <summary>ln(1 + x) accurate for small x (Goldberg's trick: the rounding of 1 + x cancels).</summary>
    public static double Log1P(double x)
    {
        double u = 1.0 + x;
        return u == 1.0 ? x : Math.Log(u) * x / (u - 1.0);
    }

    /// <summary>
    /// ln ₂F₁(a, b; a+1; z) for a &gt; 0, 0 &lt; b ≤ a + 1, 0 ≤ z &lt; 1, with ln(1−z) passed as <paramref name="logOneMinusZ"/> — the
    /// family Pareto/NBD needs (a = r+s+x, b = s+1 or r+x). Euler's transformation gives (1−z)^{1−b} ₂F₁(1, a+1−b; a+1; z), whose
    /// terms are positive and shrink by the factor z(a+1−b+n)/(a+1+n) &lt; z: no overflow however large x is (the direct series
    /// peaks near (1−z)^{−b}, e^{680} at x = 500), and the sum is at most 1/(1−z).
    /// </summary>
    public static double LogGaussAPlusOne(double a, double b, double z, double logOneMinusZ)
    {
        double s = 1, term = 1, c = a + 1 - b;
        if (z > 0)
        {
            for (int n = 0; ; n++)
            {
                term *= z * (c + n) / (a + 1 + n);
                s += term;
                if (term <= 1e-17 * s)
                {
                    break;
                }

                if (n > MaxTerms)
                {
                    throw new ArithmeticException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                        $"The hypergeometric series 2F1({a:R}, {b:R}; {a + 1:R}; {z:R}) did not converge in {MaxTerms} terms."));
                }
            }
        }

        return ((1 - b) * logOneMinusZ) + Math.Log(s);
    }

}
