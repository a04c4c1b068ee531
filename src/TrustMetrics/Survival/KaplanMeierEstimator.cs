namespace TrustMetrics.Survival;

/// <summary>
/// The Kaplan–Meier product-limit estimator (Kaplan &amp; Meier 1958) with Greenwood's variance (Greenwood 1926), as R
/// <c>survfit</c> computes them: one pass over the tally's distinct times.
/// </summary>
internal static class KaplanMeierEstimator
{
    /// <summary>
    /// Ŝ(tᵢ) = Π_{j ≤ i} (nⱼ − dⱼ)/nⱼ and σ̂²(tᵢ) = Σ_{j ≤ i} dⱼ/(nⱼ(nⱼ − dⱼ)), where nᵢ = the subjects with entry &lt; tᵢ ≤ exit
    /// (<see cref="SurvivalTally.AtRisk"/>; n − Σ_{j &lt; i}(dⱼ + cⱼ) without delayed entry) counts the subjects censored at tᵢ as at
    /// risk (events precede censorings at a tied time). Where dᵢ = nᵢ, Ŝ becomes 0 and stays 0, and σ̂² = +∞ (R); without delayed
    /// entry no later time can exist then. With delayed entry this is R's <c>survfit(Surv(start, stop, event) ~ 1)</c>. Arguments are validated by the caller.
    /// </summary>
    public static KaplanMeierResult Compute(SurvivalTally tally, double level, SurvivalIntervalMethod method)
    {
        int m = tally.DistinctTimeCount;
        var atRisk = tally.AtRisk();
        var survival = new double[m];
        var variance = new double[m];
        var events = tally.Events;
        double s = 1.0, v = 0.0;
        for (int i = 0; i < m; i++)
        {
            long d = events[i];
            long risk = atRisk[i];
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
        }

        return new KaplanMeierResult(tally, atRisk, survival, variance, level, method);
    }
}
