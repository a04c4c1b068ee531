namespace TrustMetrics.TrustIndex;

/// <summary>
/// Distribution of one segment's index and rank over the Monte Carlo draws of methodological choices (Saisana, Saltelli &amp;
/// Tarantola 2005; COINr RankStats): median and 5th–95th percentiles, and the median absolute shift from the nominal rank.
/// Rank 1 is the highest index; ties get average ranks.
/// </summary>
/// <param name="Segment">Segment label.</param>
/// <param name="NominalIndex">Index under the nominal (configured) choices.</param>
/// <param name="NominalRank">Rank under the nominal choices.</param>
/// <param name="MedianIndex">Median index over the draws.</param>
/// <param name="IndexP5">5th percentile of the index.</param>
/// <param name="IndexP95">95th percentile of the index.</param>
/// <param name="MedianRank">Median rank.</param>
/// <param name="RankP5">5th percentile of the rank.</param>
/// <param name="RankP95">95th percentile of the rank.</param>
/// <param name="MedianRankShift">Median of |rank − nominal rank|.</param>
public sealed record SegmentSensitivity(
    string Segment,
    double NominalIndex,
    double NominalRank,
    double MedianIndex,
    double IndexP5,
    double IndexP95,
    double MedianRank,
    double RankP5,
    double RankP95,
    double MedianRankShift);
