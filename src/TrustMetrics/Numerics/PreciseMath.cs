namespace TrustMetrics.Numerics;

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
}
