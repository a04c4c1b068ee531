namespace TrustMetrics.Statistics;

/// <summary>Elementary functions where MathNet 5.0 is not accurate enough for this library's reference values.</summary>
internal static class PreciseMath
{
    /// <summary>
    /// e^x − 1 to a few ulps by Kahan's formula (u − 1)·x / ln u with u = e^x. MathNet 5.0's <c>SpecialFunctions.Expm1</c>
    /// truncates its series and is off by about 1e−7 relatively for 1e−5 &lt; |x| &lt; 0.1 (annual churn 0.5 → monthly
    /// 0.0561256820 instead of 0.0561256873; BTYD's E[X(2)] vector), too coarse for likelihood differences and 10-digit
    /// conversions. Used by the churn conversions and the BTYD models.
    /// </summary>
    public static double Expm1(double x)
    {
        if (Math.Abs(x) >= 0.5)
        {
            return Math.Exp(x) - 1;
        }

        double u = Math.Exp(x);
        if (u == 1.0)
        {
            return x;
        }

        double um1 = u - 1.0;
        return um1 == -1.0 ? -1.0 : um1 * x / Math.Log(u);
    }

    /// <summary>
    /// ln(1 + x) to a few ulps for x &gt; −1 by Goldberg's (1991, Theorem 4) formula ln(u)·x/(u − 1) with u = 1 + x, which
    /// cancels the rounding of u exactly; the one home of log1p in the library.
    /// </summary>
    public static double Log1p(double x)
    {
        double u = 1.0 + x;
        if (u == 1.0)
        {
            return x;
        }

        return double.IsPositiveInfinity(u) || u <= 0 ? Math.Log(u) : Math.Log(u) * x / (u - 1.0);
    }
}
