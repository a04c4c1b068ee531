namespace TrustMetrics.Survival;

/// <summary>How the Cox partial likelihood treats events tied at the same time (R <c>coxph(ties = …)</c>).</summary>
public enum CoxTies
{
    /// <summary>
    /// Efron (1977): the d tied events at a time enter with denominators S₀ − (k/d)·D₀, k = 0…d−1 (D₀ = the tied events' risk
    /// sum). R's default and ours; close to the exact partial likelihood.
    /// </summary>
    Efron = 0,

    /// <summary>Breslow (1974): every tied event sees the whole risk set, denominator S₀. Biased toward 0 under heavy ties.</summary>
    Breslow = 1,
}
