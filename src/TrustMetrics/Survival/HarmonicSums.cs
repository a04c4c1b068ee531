namespace TrustMetrics.Survival;

/// <summary>
/// Σ_{k=0}^{d−1} 1/(n − k) and Σ_{k=0}^{d−1} 1/(n − k)², the tie-corrected Nelson–Aalen increments, for counts of any size:
/// summed term by term (smallest first) up to <see cref="DirectLimit"/> terms, otherwise as differences of the asymptotic
/// expansions of the harmonic numbers H(x) and H₂(x) (Abramowitz &amp; Stegun 6.3.18, 6.4.12), written so that nothing cancels.
/// </summary>
internal static class HarmonicSums
{
    /// <summary>Up to this many terms the sums are added directly (exact to rounding).</summary>
    internal const long DirectLimit = 1 << 16;

    private const double EulerGamma = 0.57721566490153286061;

    /// <summary>Σ_{k=0}^{d−1} 1/(n − k) = H(n) − H(n − d), for 0 ≤ d ≤ n.</summary>
    public static double Harmonic(long n, long d)
    {
        if (d <= DirectLimit)
        {
            double sum = 0.0;
            for (long k = 0; k < d; k++)
            {
                sum += 1.0 / (n - k);
            }

            return sum;
        }

        long m = n - d;
        if (m < DirectLimit)
        {
            return HarmonicLarge(n) - Harmonic(m, m);
        }

        // H(n) − H(m) = ln(n/m) + (1/(2n) − 1/(2m)) − (1/(12n²) − 1/(12m²)) + (1/(120n⁴) − 1/(120m⁴)) − …, with ln(n/m) = log1p(d/m).
        double a = n, b = m;
        return Statistics.PreciseMath.Log1p(d / b) - (d / (2 * a * b)) + ((d * (a + b)) / (12 * a * a * b * b))
            - ((1.0 / (120 * b * b * b * b)) - (1.0 / (120 * a * a * a * a)));
    }

    /// <summary>Σ_{k=0}^{d−1} 1/(n − k)² = H₂(n) − H₂(n − d), for 0 ≤ d ≤ n.</summary>
    public static double HarmonicSquares(long n, long d)
    {
        if (d <= DirectLimit)
        {
            double sum = 0.0;
            for (long k = 0; k < d; k++)
            {
                double x = n - k;
                sum += 1.0 / (x * x);
            }

            return sum;
        }

        long m = n - d;
        if (m < DirectLimit)
        {
            return TailSquares(m + 1) - TailSquares(n + 1);
        }

        // ψ′(a) − ψ′(b) with a = m + 1, b = n + 1, b − a = d: each order of the expansion differenced in closed form.
        double a = m + 1.0, b = n + 1.0, ab = a * b;
        return (d / ab) + ((d * (a + b)) / (2 * ab * ab)) + ((d * ((a * a) + ab + (b * b))) / (6 * ab * ab * ab));
    }

    /// <summary>H(x) = ln x + γ + 1/(2x) − 1/(12x²) + 1/(120x⁴) − 1/(252x⁶), accurate to rounding for x ≥ 2¹⁶.</summary>
    private static double HarmonicLarge(long x)
    {
        double a = x, a2 = a * a;
        return Math.Log(a) + EulerGamma + (1 / (2 * a)) - (1 / (12 * a2)) + (1 / (120 * a2 * a2)) - (1 / (252 * a2 * a2 * a2));
    }

    /// <summary>
    /// Σ_{k ≥ x} 1/k² = ψ′(x) = 1/x + 1/(2x²) + 1/(6x³) − 1/(30x⁵) + 1/(42x⁷) for x ≥ 2¹⁶; for smaller x the terms below 2¹⁶ are
    /// added directly and the expansion supplies the rest.
    /// </summary>
    private static double TailSquares(long x)
    {
        double direct = 0.0;
        if (x < DirectLimit)
        {
            for (long k = DirectLimit - 1; k >= x; k--)
            {
                double y = k;
                direct += 1.0 / (y * y);
            }

            x = DirectLimit;
        }

        double a = x, a2 = a * a, a3 = a2 * a;
        return direct + (1 / a) + (1 / (2 * a2)) + (1 / (6 * a3)) - (1 / (30 * a3 * a2)) + (1 / (42 * a3 * a2 * a2));
    }
}
