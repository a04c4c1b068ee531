namespace TrustMetrics.Nps;

/// <summary>Interval (and test) methods for the paired NPS difference Δ = NPS₂ − NPS₁ (<see cref="PairedNpsComparison"/>). Formulas: docs/nps.md §Paired waves.</summary>
public enum PairedNpsIntervalMethod
{
    /// <summary>
    /// Score interval: the set of Δ₀ not rejected by the score test whose variance is taken at the multinomial maximum-likelihood
    /// estimate of the nine cells restricted to NPS₂ − NPS₁ = Δ₀ (Tango 1998 for the difference of paired proportions; the
    /// general restricted-ML score interval of Lang 2008 for a linear function of multinomial cell shares). The p-value is the
    /// same score test at Δ₀ = 0 (on a table with only detractors and promoters it is McNemar's test). The default: it keeps
    /// near-nominal coverage at small n and near the boundary, stays inside [−200, 200] without clipping and never collapses
    /// to zero width.
    /// </summary>
    Score = 0,

    /// <summary>Wald: Δ ± z·SE with the multinomial (paired) SE, clipped to [−200, 200]; zero width when SE = 0. The p-value is the z test 2Φ(−|Δ/SE|).</summary>
    Wald = 1,
}
