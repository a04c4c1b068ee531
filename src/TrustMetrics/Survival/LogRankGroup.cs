namespace TrustMetrics.Survival;

/// <summary>
/// One group's part of a log-rank test: observed events Oₖ, expected events Eₖ = Σᵢ dᵢ·nₖᵢ/nᵢ under equal hazards, and the
/// diagonal Vₖₖ = Σᵢ dᵢ(nᵢ − dᵢ)/(nᵢ − 1)·(nₖᵢ/nᵢ)(1 − nₖᵢ/nᵢ) of the hypergeometric covariance (R <c>survdiff</c>'s
/// <c>obs</c>, <c>exp</c> and <c>diag(var)</c>). For a Fleming–Harrington G(ρ, γ) test, <see cref="Observed"/> and <see cref="Expected"/>
/// stay the unweighted counts (for the O/E ratio) while <see cref="Score"/> = Σᵢwᵢ(dₖᵢ − dᵢnₖᵢ/nᵢ) (R's weighted <c>obs − exp</c>) and
/// <see cref="Variance"/> (with wᵢ²) are those of the weighted statistic; for a stratified test all are summed over strata.
/// </summary>
/// <typeparam name="TKey">The group key type.</typeparam>
public sealed class LogRankGroup<TKey>
{
    internal LogRankGroup(TKey group, long count, long observed, double expected, double variance, double score)
    {
        Score = score;
        Group = group;
        Count = count;
        Observed = observed;
        Expected = expected;
        Variance = variance;
    }

    /// <summary>The group key.</summary>
    public TKey Group { get; }

    /// <summary>Subjects in the group.</summary>
    public long Count { get; }

    /// <summary>Observed events Oₖ.</summary>
    public long Observed { get; }

    /// <summary>Expected events Eₖ.</summary>
    public double Expected { get; }

    /// <summary>The (weighted) score Uₖ = Σᵢwᵢ(dₖᵢ − dᵢnₖᵢ/nᵢ); Oₖ − Eₖ for the unweighted test.</summary>
    public double Score { get; }

    /// <summary>Vₖₖ, the variance of the score Uₖ (of Oₖ − Eₖ for the unweighted test).</summary>
    public double Variance { get; }
}
