using TrustMetrics.Estimation;

namespace TrustMetrics.Engagement;

/// <summary>
/// Participation rate: the share of customers active in a community, event or sharing programme in a period, participants/eligible,
/// with its interval (Wilson by default), and the comparison of two periods or segments. Stateless and thread-safe.
/// </summary>
public interface IEngagementCalculator
{
    /// <summary>participants / eligible customers as a share with its interval.</summary>
    /// <param name="participants">Customers who took part, 0 ≤ participants ≤ eligible.</param>
    /// <param name="eligible">Customers who could take part, &gt; 0.</param>
    /// <param name="confidenceLevel">Interval level; null uses the configured default.</param>
    Estimate ParticipationRate(long participants, long eligible, double? confidenceLevel = null);

    /// <summary>Compares two participation rates, first − second (pooled z test, Newcombe interval).</summary>
    /// <param name="participants1">First period's participants.</param>
    /// <param name="eligible1">First period's eligible customers.</param>
    /// <param name="participants2">Second period's participants.</param>
    /// <param name="eligible2">Second period's eligible customers.</param>
    /// <param name="confidenceLevel">Interval level; null uses the configured default.</param>
    DifferenceTest Compare(long participants1, long eligible1, long participants2, long eligible2, double? confidenceLevel = null);
}
