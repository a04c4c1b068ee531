using TrustMetrics.Quantiles;

namespace TrustMetrics.Service;

/// <summary>What to compute for a set of tickets. Every property has a sensible default.</summary>
public sealed record ServiceMetricsSettings
{
    /// <summary>The percentiles of each duration to report. Default 0.5, 0.9, 0.95.</summary>
    public IReadOnlyList<double> Percentiles { get; init; } = [0.5, 0.9, 0.95];

    /// <summary>Hyndman–Fan definition of the exact percentiles. Default type 7 (R, numpy, Excel <c>PERCENTILE.INC</c>).</summary>
    public QuantileType PercentileType { get; init; } = QuantileType.Type7;

    /// <summary>Service-level targets for the SLA attainment shares. Default none.</summary>
    public ServiceLevelTargets Targets { get; init; }

    /// <summary>
    /// The moment the data describe ("now"): open tickets are judged against the targets and counted in the backlog at this time.
    /// Default: the latest timestamp in the tickets.
    /// </summary>
    public DateTime? AsOf { get; init; }

    /// <summary>Interval level; null uses the calculator's configured default.</summary>
    public double? ConfidenceLevel { get; init; }
}
