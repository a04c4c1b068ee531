namespace TrustMetrics.Reviews;

/// <summary>What <see cref="IRatingCalculator.Rank{TKey}"/> sorts items by (descending; ties keep key order).</summary>
public enum RatingRankKey
{
    /// <summary>The Bayesian average (IMDb weighted rating). The default.</summary>
    BayesianAverage = 0,

    /// <summary>The Wilson lower bound of the positive share (Evan Miller 2009).</summary>
    WilsonLowerBound = 1,

    /// <summary>The Dirichlet star-rating score (Evan Miller).</summary>
    DirichletScore = 2,

    /// <summary>The plain mean rating (unreliable for items with few ratings; for comparison).</summary>
    Mean = 3,
}
