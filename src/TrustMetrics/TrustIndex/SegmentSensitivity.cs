using TrustMetrics.Presentation;

namespace TrustMetrics.TrustIndex;

/// <summary>
/// Distribution of one segment's index and rank over the Monte Carlo draws of methodological choices (Saisana, Saltelli &amp;
/// Tarantola 2005; COINr RankStats): median and 5th–95th percentiles (R type 7), and the median absolute shift from the nominal
/// rank. Rank 1 is the highest index; ties get average ranks.
/// </summary>
public sealed class SegmentSensitivity
{
    internal SegmentSensitivity(string segment, double nominalIndex, double nominalRank, double medianIndex, double indexP5, double indexP95,
        double medianRank, double rankP5, double rankP95, double medianRankShift)
    {
        Segment = segment;
        NominalIndex = nominalIndex;
        NominalRank = nominalRank;
        MedianIndex = medianIndex;
        IndexP5 = indexP5;
        IndexP95 = indexP95;
        MedianRank = medianRank;
        RankP5 = rankP5;
        RankP95 = rankP95;
        MedianRankShift = medianRankShift;
    }

    /// <summary>Segment label.</summary>
    public string Segment { get; }

    /// <summary>Index under the nominal (configured) choices.</summary>
    public double NominalIndex { get; }

    /// <summary>Rank under the nominal choices.</summary>
    public double NominalRank { get; }

    /// <summary>Median index over the draws.</summary>
    public double MedianIndex { get; }

    /// <summary>5th percentile of the index.</summary>
    public double IndexP5 { get; }

    /// <summary>95th percentile of the index.</summary>
    public double IndexP95 { get; }

    /// <summary>Median rank.</summary>
    public double MedianRank { get; }

    /// <summary>5th percentile of the rank.</summary>
    public double RankP5 { get; }

    /// <summary>95th percentile of the rank.</summary>
    public double RankP95 { get; }

    /// <summary>Median of |rank − nominal rank|.</summary>
    public double MedianRankShift { get; }

    /// <summary>"SMB: index 68.1 (5–95%: 66.0 to 70.2), rank 3 (5–95%: 3 to 3), median rank shift 0", invariant culture.</summary>
    public override string ToString() =>
        $"{Segment}: index {InvariantText.Number(NominalIndex, "0.0")} (5–95%: {InvariantText.Number(IndexP5, "0.0")} to {InvariantText.Number(IndexP95, "0.0")}), " +
        $"rank {InvariantText.Number(NominalRank, "0.#")} (5–95%: {InvariantText.Number(RankP5, "0.#")} to {InvariantText.Number(RankP95, "0.#")}), " +
        $"median rank shift {InvariantText.Number(MedianRankShift, "0.#")}";
}
