namespace TrustMetrics.Survival;

/// <summary>
/// One row of a Kaplan–Meier table, at a distinct time tᵢ: nᵢ at risk just before tᵢ, dᵢ events and cᵢ censorings at tᵢ,
/// Ŝ(tᵢ) = Π_{tⱼ ≤ tᵢ} (1 − dⱼ/nⱼ), Greenwood's σ̂(tᵢ) = √Σ_{tⱼ ≤ tᵢ} dⱼ/(nⱼ(nⱼ − dⱼ)) (the standard error of ln Ŝ) and the
/// pointwise interval. Columns as R <c>summary(survfit(...))</c> prints them.
/// </summary>
/// <param name="Time">The time tᵢ.</param>
/// <param name="AtRisk">nᵢ: subjects with duration ≥ tᵢ (censorings at tᵢ count as at risk, as in R and lifelines).</param>
/// <param name="Events">dᵢ: events at tᵢ.</param>
/// <param name="Censored">cᵢ: censorings at tᵢ.</param>
/// <param name="Survival">Ŝ(tᵢ), in [0, 1].</param>
/// <param name="StandardError">Standard error of Ŝ on the survival scale, Ŝ·σ̂ (R <c>summary()$std.err</c>); 0 where Ŝ = 0.</param>
/// <param name="LogStandardError">Greenwood's σ̂, the standard error of ln Ŝ (R <c>survfit()$std.err</c>); +∞ where Ŝ = 0, as in R.</param>
/// <param name="Lower">Lower pointwise confidence bound, in [0, 1].</param>
/// <param name="Upper">Upper pointwise confidence bound, in [0, 1].</param>
public readonly record struct SurvivalPoint(
    double Time,
    long AtRisk,
    long Events,
    long Censored,
    double Survival,
    double StandardError,
    double LogStandardError,
    double Lower,
    double Upper);
