using TrustMetrics.Presentation;

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
    double MedianRankShift)
{
    /// <summary>"SMB: index 68.1 (5–95%: 66.0 to 70.2), rank 3 (5–95%: 3 to 3), median rank shift 0", invariant culture.</summary>
    public override string ToString() =>
        $"{Segment}: index {InvariantText.Number(NominalIndex, "0.0")} (5–95%: {InvariantText.Number(IndexP5, "0.0")} to {InvariantText.Number(IndexP95, "0.0")}), " +
        $"rank {InvariantText.Number(NominalRank, "0.#")} (5–95%: {InvariantText.Number(RankP5, "0.#")} to {InvariantText.Number(RankP95, "0.#")}), " +
        $"median rank shift {InvariantText.Number(MedianRankShift, "0.#")}";
}
