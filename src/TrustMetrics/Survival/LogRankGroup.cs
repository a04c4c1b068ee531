namespace TrustMetrics.Survival;

/// <summary>
/// One group's part of a log-rank test: observed events Oₖ, expected events Eₖ = Σᵢ dᵢ·nₖᵢ/nᵢ under equal hazards, and the
/// diagonal Vₖₖ = Σᵢ dᵢ(nᵢ − dᵢ)/(nᵢ − 1)·(nₖᵢ/nᵢ)(1 − nₖᵢ/nᵢ) of the hypergeometric covariance (R <c>survdiff</c>'s
/// <c>obs</c>, <c>exp</c> and <c>diag(var)</c>).
/// </summary>
/// <typeparam name="TKey">The group key type.</typeparam>
/// <param name="Group">The group key.</param>
/// <param name="Count">Subjects in the group.</param>
/// <param name="Observed">Observed events Oₖ.</param>
/// <param name="Expected">Expected events Eₖ.</param>
/// <param name="Variance">Vₖₖ, the variance of Oₖ − Eₖ.</param>
public readonly record struct LogRankGroup<TKey>(TKey Group, long Count, long Observed, double Expected, double Variance);
