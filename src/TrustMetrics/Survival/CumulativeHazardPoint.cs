namespace TrustMetrics.Survival;

/// <summary>
/// One row of a Nelson–Aalen table at a distinct time tᵢ: nᵢ at risk, dᵢ events, cᵢ censorings, the cumulative hazard Ĥ(tᵢ), its
/// standard error √Var and the interval Ĥ·exp(±z·√Var/Ĥ) (lifelines' and R's log-transformed interval).
/// </summary>
/// <param name="Time">The time tᵢ.</param>
/// <param name="AtRisk">nᵢ: subjects with duration ≥ tᵢ.</param>
/// <param name="Events">dᵢ: events at tᵢ.</param>
/// <param name="Censored">cᵢ: censorings at tᵢ.</param>
/// <param name="CumulativeHazard">Ĥ(tᵢ) ≥ 0.</param>
/// <param name="StandardError">√Var[Ĥ(tᵢ)].</param>
/// <param name="Lower">Lower confidence bound; 0 where Ĥ = 0.</param>
/// <param name="Upper">Upper confidence bound; 0 where Ĥ = 0.</param>
public readonly record struct CumulativeHazardPoint(
    double Time,
    long AtRisk,
    long Events,
    long Censored,
    double CumulativeHazard,
    double StandardError,
    double Lower,
    double Upper);
