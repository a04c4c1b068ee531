namespace TrustMetrics.Survival;

/// <summary>
/// The Kaplan–Meier product-limit estimator (Kaplan &amp; Meier 1958) with Greenwood's variance (Greenwood 1926), as R
/// <c>survfit</c> computes them: one pass over the tally's distinct times.
/// </summary>
internal static class KaplanMeierEstimator
{
    /// <summary>
    /// Ŝ(tᵢ) = Π_{j ≤ i} (nⱼ − dⱼ)/nⱼ and σ̂²(tᵢ) = Σ_{j ≤ i} dⱼ/(nⱼ(nⱼ − dⱼ)), where nᵢ = n − Σ_{j &lt; i}(dⱼ + cⱼ) counts the
    /// subjects censored at tᵢ as at risk (events precede censorings at a tied time). Where dᵢ = nᵢ, Ŝ becomes 0 and σ̂² = +∞ (R);
    /// no later time can exist then. Arguments are validated by the caller.
    /// </summary>
    public static KaplanMeierResult Compute(SurvivalTally tally, double level, SurvivalIntervalMethod method)
    {
        int m = tally.DistinctTimeCount;
        var atRisk = new long[m];
        var survival = new double[m];
        var variance = new double[m];
        var events = tally.Events;
        var censored = tally.Censored;
        long risk = tally.Count;
        double s = 1.0, v = 0.0;
        for (int i = 0; i < m; i++)
        {
            long d = events[i];
            atRisk[i] = risk;
            if (d > 0)
            {
                if (d == risk)
                {
                    s = 0.0;
                    v = double.PositiveInfinity;
                }
                else
                {
                    double n = risk, survivors = risk - d;
                    s *= survivors / n;
                    v += d / (n * survivors);
                }
            }

            survival[i] = s;
            variance[i] = v;
            risk -= d + censored[i];
        }

        return new KaplanMeierResult(tally, atRisk, survival, variance, level, method);
    }
}
