namespace TrustMetrics.TrustIndex;

/// <summary>
/// How a dimension's mean score (scale units) becomes a 0–100 indicator (OECD/JRC Handbook 2008, step 5; formulas in
/// docs/trust-index.md). m is the unit's (sample's or segment's) mean dimension score.
/// </summary>
public enum TrustNormalization
{
    /// <summary>
    /// Default. Goalposts at the scale's theoretical bounds: 100·(m − scaleMin)/(scaleMax − scaleMin). Does not depend on the
    /// data, so an index is comparable over time and between surveys.
    /// </summary>
    TheoreticalBounds,

    /// <summary>
    /// Empirical min–max: 100·(m − lo)/(hi − lo) with lo, hi the smallest and largest respondent-level dimension scores in
    /// the whole data set (all segments pooled); 50 when hi = lo.
    /// </summary>
    EmpiricalMinMax,

    /// <summary>
    /// z-score as a T-score: 50 + 10·(m − μ)/σ with μ, σ the mean and sample standard deviation of the respondent-level
    /// dimension scores in the whole data set, clipped to [0, 100]; 50 when σ = 0.
    /// </summary>
    ZScore,

    /// <summary>
    /// Distance to a target (COINr <c>n_dist2targ</c>, capped): 100·min(1, (m − scaleMin)/(target − scaleMin)) with
    /// <see cref="TrustIndexOptions.Target"/> in scale units (default: the scale maximum, which equals the default goalposts).
    /// </summary>
    DistanceToTarget,
}
