namespace TrustMetrics.Survival;

/// <summary>
/// One group's part of a log-rank test: observed events Oₖ, expected events Eₖ = Σᵢ dᵢ·nₖᵢ/nᵢ under equal hazards, and the
/// diagonal Vₖₖ = Σᵢ dᵢ(nᵢ − dᵢ)/(nᵢ − 1)·(nₖᵢ/nᵢ)(1 − nₖᵢ/nᵢ) of the hypergeometric covariance (R <c>survdiff</c>'s
/// <c>obs</c>, <c>exp</c> and <c>diag(var)</c>).
/// </summary>
/// <typeparam name="TKey">The group key type.</typeparam>
public sealed class LogRankGroup<TKey>
{
    internal LogRankGroup(TKey group, long count, long observed, double expected, double variance)
    {
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

    /// <summary>Vₖₖ, the variance of Oₖ − Eₖ.</summary>
    public double Variance { get; }
}
