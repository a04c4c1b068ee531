using MathNet.Numerics;

namespace TrustMetrics.Clv;

/// <summary>
/// Log-gamma differences and the trigamma function, accurate where the purchase models need them: lnΓ(x + d) − lnΓ(x) for
/// x in the millions (boundary fits), where subtracting two log-gammas of size 10⁷ would lose eight digits.
/// </summary>
internal static class GammaRatio
{
    /// <summary>Below this the arguments are shifted up by the recurrence before the asymptotic series is used.</summary>
    private const double AsymptoticFrom = 10;

    /// <summary>
    /// lnΓ(x + d) − lnΓ(x) for x &gt; 0, d ≥ 0. From Stirling's series lnΓ(y) = (y − ½) ln y − y + ½ ln 2π + S(y):
    /// (x − ½)·ln1p(d/x) + d·(ln(x + d) − 1) + S(x + d) − S(x), which has no large cancelling terms; x below 10 is first shifted
    /// up by lnΓ(y + 1) = lnΓ(y) + ln y, i.e. LGR(x, d) = LGR(x + m, d) − Σ_{j&lt;m} ln1p(d/(x + j)).
    /// </summary>
    public static double LogGammaRatio(double x, double d)
    {
        if (d == 0)
        {
            return 0.0;
        }

        double shift = 0;
        while (x < AsymptoticFrom)
        {
            shift -= Statistics.PreciseMath.Log1p(d / x);
            x += 1;
        }

        return shift + ((x - 0.5) * Statistics.PreciseMath.Log1p(d / x)) + (d * (Math.Log(x + d) - 1)) + StirlingTail(x + d) - StirlingTail(x);
    }

    /// <summary>ln B(a + d₁, b + d₂) − ln B(a, b) = LGR(a, d₁) + LGR(b, d₂) − LGR(a + b, d₁ + d₂) for d₁, d₂ ≥ 0.</summary>
    public static double LogBetaRatio(double a, double b, double d1, double d2) =>
        LogGammaRatio(a, d1) + LogGammaRatio(b, d2) - LogGammaRatio(a + b, d1 + d2);

    /// <summary>S(y) = lnΓ(y) − (y − ½) ln y + y − ½ ln 2π = Σ B₂ₖ/(2k(2k−1) y^{2k−1}), for y ≥ 10 (error below 1e−16).</summary>
    private static double StirlingTail(double y)
    {
        double inverse = 1 / y, w = inverse * inverse;
        double series = (-691.0 / 360360) + (w / 156);
        series = (1.0 / 1188) + (w * series);
        series = (-1.0 / 1680) + (w * series);
        series = (1.0 / 1260) + (w * series);
        series = (-1.0 / 360) + (w * series);
        return inverse * ((1.0 / 12) + (w * series));
    }

    /// <summary>
    /// ψ₁(x) = d²lnΓ/dx² for x &gt; 0: shifted to x ≥ 10 by ψ₁(x) = ψ₁(x + 1) + 1/x², then the asymptotic series
    /// 1/x + 1/(2x²) + Σ B₂ₖ/x^{2k+1} (error below 1e−16 relative).
    /// </summary>
    public static double Trigamma(double x)
    {
        double sum = 0;
        while (x < AsymptoticFrom)
        {
            sum += 1 / (x * x);
            x += 1;
        }

        double inverse = 1 / x, w = inverse * inverse;
        double series = (-691.0 / 2730) + (w * 7.0 / 6);
        series = (5.0 / 66) + (w * series);
        series = (-1.0 / 30) + (w * series);
        series = (1.0 / 42) + (w * series);
        series = (-1.0 / 30) + (w * series);
        series = (1.0 / 6) + (w * series);
        return sum + inverse + (w / 2) + (w * inverse * series);
    }

    /// <summary>ψ(x), MathNet's digamma.</summary>
    public static double Digamma(double x) => SpecialFunctions.DiGamma(x);
}
