namespace TrustMetrics.Survival;

/// <summary>
/// One row of a Kaplan–Meier table, at a distinct time tᵢ: nᵢ at risk just before tᵢ, dᵢ events and cᵢ censorings at tᵢ,
/// Ŝ(tᵢ) = Π_{tⱼ ≤ tᵢ} (1 − dⱼ/nⱼ), Greenwood's σ̂(tᵢ) = √Σ_{tⱼ ≤ tᵢ} dⱼ/(nⱼ(nⱼ − dⱼ)) (the standard error of ln Ŝ) and the
/// pointwise interval. Columns as R <c>summary(survfit(...))</c> prints them.
/// </summary>
public sealed class SurvivalPoint
{
    internal SurvivalPoint(double time, long atRisk, long events, long censored, double survival, double standardError, double logStandardError, double lower, double upper)
    {
        Time = time;
        AtRisk = atRisk;
        Events = events;
        Censored = censored;
        Survival = survival;
        StandardError = standardError;
        LogStandardError = logStandardError;
        Lower = lower;
        Upper = upper;
    }

    /// <summary>The time tᵢ.</summary>
    public double Time { get; }

    /// <summary>nᵢ: subjects with duration ≥ tᵢ (censorings at tᵢ count as at risk, as in R and lifelines).</summary>
    public long AtRisk { get; }

    /// <summary>dᵢ: events at tᵢ.</summary>
    public long Events { get; }

    /// <summary>cᵢ: censorings at tᵢ.</summary>
    public long Censored { get; }

    /// <summary>Ŝ(tᵢ), in [0, 1].</summary>
    public double Survival { get; }

    /// <summary>Standard error of Ŝ on the survival scale, Ŝ·σ̂ (R <c>summary()$std.err</c>); 0 where Ŝ = 0.</summary>
    public double StandardError { get; }

    /// <summary>Greenwood's σ̂, the standard error of ln Ŝ (R <c>survfit()$std.err</c>); +∞ where Ŝ = 0, as in R.</summary>
    public double LogStandardError { get; }

    /// <summary>Lower pointwise confidence bound, in [0, 1].</summary>
    public double Lower { get; }

    /// <summary>Upper pointwise confidence bound, in [0, 1].</summary>
    public double Upper { get; }
}
