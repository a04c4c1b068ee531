namespace TrustMetrics.Funnel;

/// <summary>Journey funnel conversion with Wilson intervals, drop-off, and A/B comparison. Stateless and thread-safe.</summary>
public interface IFunnelCalculator
{
    /// <summary>Stage-to-stage and cumulative conversion of a funnel.</summary>
    /// <param name="tally">A funnel with at least one user.</param>
    /// <param name="confidenceLevel">Interval level; null uses the configured default.</param>
    FunnelResult Calculate(FunnelTally tally, double? confidenceLevel = null);

    /// <summary>Compares two funnels over the same stages, first − second.</summary>
    /// <param name="first">First funnel (variant A, this period).</param>
    /// <param name="second">Second funnel (variant B, the previous period).</param>
    /// <param name="confidenceLevel">Interval level; null uses the configured default.</param>
    FunnelComparison Compare(FunnelTally first, FunnelTally second, double? confidenceLevel = null);
}
