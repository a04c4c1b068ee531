namespace TrustMetrics.Statistics;

/// <summary>
/// Akaike's and Schwarz's information criteria of a maximum-likelihood fit (Akaike 1974; Schwarz 1978), as R's <c>AIC</c>/<c>BIC</c>
/// and lifetimes compute them; n is the number of independent units (customers), not of distinct rows.
/// </summary>
internal static class InformationCriteria
{
    /// <summary>AIC = 2k − 2·LL.</summary>
    public static double Aic(int parameters, double logLikelihood) => (2.0 * parameters) - (2.0 * logLikelihood);

    /// <summary>BIC = k·ln n − 2·LL.</summary>
    public static double Bic(int parameters, long units, double logLikelihood) => (parameters * Math.Log(units)) - (2.0 * logLikelihood);
}
