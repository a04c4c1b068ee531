using TrustMetrics.Estimation;

namespace TrustMetrics.Engagement;

/// <summary>The standard <see cref="IEngagementCalculator"/>; level and interval method from <see cref="TrustMetricsOptions"/>.</summary>
public sealed class EngagementCalculator : IEngagementCalculator
{
    private readonly double confidenceLevel;
    private readonly ProportionIntervalMethod method;

    /// <summary>A calculator with the library defaults (95%, Wilson).</summary>
    public EngagementCalculator()
        : this(new TrustMetricsOptions())
    {
    }

    /// <summary>A calculator with the given defaults (validated and copied).</summary>
    /// <param name="options">Level and proportion-interval method.</param>
    public EngagementCalculator(TrustMetricsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var valid = options.Snapshot();
        confidenceLevel = valid.ConfidenceLevel;
        method = valid.ProportionIntervalMethod;
    }

    /// <inheritdoc/>
    public Estimate ParticipationRate(long participants, long eligible, double? confidenceLevel = null) =>
        ProportionIntervals.Estimate(participants, eligible, confidenceLevel ?? this.confidenceLevel, method);

    /// <inheritdoc/>
    public DifferenceTest Compare(long participants1, long eligible1, long participants2, long eligible2, double? confidenceLevel = null) =>
        ProportionComparison.Compare(participants1, eligible1, participants2, eligible2, confidenceLevel ?? this.confidenceLevel);
}
