namespace TrustMetrics.Survival;

/// <summary>The Nelson–Aalen cumulative-hazard estimator (Nelson 1972, Aalen 1978) as lifelines and R <c>survfit(ctype = …)</c> compute it.</summary>
internal static class NelsonAalenEstimator
{
    /// <summary>
    /// Ĥ(tᵢ) and Var[Ĥ(tᵢ)] summed over the tally's distinct times: Fleming–Harrington ties Σ_{k&lt;d} 1/(n − k) and Σ_{k&lt;d} 1/(n − k)²,
    /// discrete ties d/n and (n − d)·d/n³. Arguments are validated by the caller.
    /// </summary>
    public static NelsonAalenResult Compute(SurvivalTally tally, double level, NelsonAalenTies ties)
    {
        int m = tally.DistinctTimeCount;
        var atRisk = tally.AtRisk();
        var hazard = new double[m];
        var variance = new double[m];
        var events = tally.Events;
        double h = 0.0, v = 0.0;
        for (int i = 0; i < m; i++)
        {
            long d = events[i];
            long risk = atRisk[i];
            if (d > 0)
            {
                if (ties == NelsonAalenTies.FlemingHarrington)
                {
                    h += HarmonicSums.Harmonic(risk, d);
                    v += HarmonicSums.HarmonicSquares(risk, d);
                }
                else
                {
                    double n = risk;
                    h += d / n;
                    v += (risk - d) * (double)d / (n * n * n);
                }
            }

            hazard[i] = h;
            variance[i] = v;
        }

        return new NelsonAalenResult(tally, atRisk, hazard, variance, level, ties);
    }
}
