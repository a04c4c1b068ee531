namespace TrustMetrics.Survival;

/// <summary>Pointwise bounds of Ŝ for the three <see cref="SurvivalIntervalMethod"/>s, as R <c>survfit</c>'s <c>conf.type</c> computes them.</summary>
internal static class SurvivalIntervals
{
    /// <summary>R's <c>conf.type</c> name of a method: "log-log", "log", "plain".</summary>
    public static string Name(SurvivalIntervalMethod method) => method switch
    {
        SurvivalIntervalMethod.LogLog => "log-log",
        SurvivalIntervalMethod.Log => "log",
        SurvivalIntervalMethod.Plain => "plain",
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, $"Unknown survival interval method {method}."),
    };

    /// <summary>
    /// Bounds of Ŝ = <paramref name="survival"/> with Greenwood σ̂ = <paramref name="logStandardError"/> and z. Ŝ = 1 gives (1, 1)
    /// (no event yet, σ̂ = 0); Ŝ = 0 gives (0, 0) (R: NA).
    /// </summary>
    public static (double Lower, double Upper) Bounds(double survival, double logStandardError, double z, SurvivalIntervalMethod method)
    {
        if (survival >= 1.0)
        {
            return (1.0, 1.0);
        }

        if (survival <= 0.0)
        {
            return (0.0, 0.0);
        }

        double half = z * logStandardError;
        switch (method)
        {
            case SurvivalIntervalMethod.Plain:
                return (Math.Max(0.0, survival - (half * survival)), Math.Min(1.0, survival + (half * survival)));
            case SurvivalIntervalMethod.Log:
                double log = Math.Log(survival);
                return (Math.Exp(log - half), Math.Min(1.0, Math.Exp(log + half)));
            default:
                // R: exp(−exp(ln(−ln Ŝ) ± z·σ̂/|ln Ŝ|)) = exp(ln Ŝ · e^{±k}), k = z·σ̂/|ln Ŝ|: one logarithm and three exponentials.
                double logS = Math.Log(survival), growth = Math.Exp(half / -logS);
                return (Math.Exp(logS * growth), Math.Exp(logS / growth));
        }
    }
}
