namespace TrustMetrics.Survival;

/// <summary>
/// Pointwise confidence intervals for a Kaplan–Meier survival probability Ŝ(t) with Greenwood's σ̂ = √Σ dᵢ/(nᵢ(nᵢ − dᵢ))
/// (the standard error of ln Ŝ) and z = Φ⁻¹(1 − α/2). The names are R <c>survfit</c>'s <c>conf.type</c> values. Edge rules
/// for every method: Ŝ = 1 (no event yet) gives (1, 1); Ŝ = 0 (everyone at risk failed) gives (0, 0), where R reports NA.
/// Formulas and sources: docs/survival.md.
/// </summary>
public enum SurvivalIntervalMethod
{
    /// <summary>
    /// Log-log ("exponential Greenwood"; R <c>conf.type = "log-log"</c>, lifelines' only interval, SAS PROC LIFETEST's default):
    /// exp(−exp(ln(−ln Ŝ) ± z·σ̂/|ln Ŝ|)), i.e. Ŝ^exp(∓z·σ̂/ln Ŝ). The default: it always stays inside (0, 1) without clipping
    /// and covers better than the plain interval in small samples (Borgan &amp; Liestøl 1990).
    /// </summary>
    LogLog = 0,

    /// <summary>Log (R <c>survfit</c>'s own default <c>conf.type = "log"</c>): exp(ln Ŝ ± z·σ̂), the upper bound capped at 1.</summary>
    Log = 1,

    /// <summary>Plain (R <c>conf.type = "plain"</c>, the textbook Greenwood interval): Ŝ ± z·Ŝ·σ̂, clipped to [0, 1].</summary>
    Plain = 2,
}
