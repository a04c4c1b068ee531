namespace TrustMetrics.Survival;

/// <summary>
/// One row of a Nelson–Aalen table at a distinct time tᵢ: nᵢ at risk, dᵢ events, cᵢ censorings, the cumulative hazard Ĥ(tᵢ), its
/// standard error √Var and the interval Ĥ·exp(±z·√Var/Ĥ) (lifelines' and R's log-transformed interval).
/// </summary>
public sealed class CumulativeHazardPoint
{
    internal CumulativeHazardPoint(double time, long atRisk, long events, long censored, double cumulativeHazard, double standardError, double lower, double upper)
    {
        Time = time;
        AtRisk = atRisk;
        Events = events;
        Censored = censored;
        CumulativeHazard = cumulativeHazard;
        StandardError = standardError;
        Lower = lower;
        Upper = upper;
    }

    /// <summary>The time tᵢ.</summary>
    public double Time { get; }

    /// <summary>nᵢ: subjects with duration ≥ tᵢ.</summary>
    public long AtRisk { get; }

    /// <summary>dᵢ: events at tᵢ.</summary>
    public long Events { get; }

    /// <summary>cᵢ: censorings at tᵢ.</summary>
    public long Censored { get; }

    /// <summary>Ĥ(tᵢ) ≥ 0.</summary>
    public double CumulativeHazard { get; }

    /// <summary>√Var[Ĥ(tᵢ)].</summary>
    public double StandardError { get; }

    /// <summary>Lower confidence bound; 0 where Ĥ = 0.</summary>
    public double Lower { get; }

    /// <summary>Upper confidence bound; 0 where Ĥ = 0.</summary>
    public double Upper { get; }
}
