using TrustMetrics.Churn;
using TrustMetrics.Nps;
using TrustMetrics.Survival;

namespace TrustMetrics.Orleans;

/// <summary>
/// The mergeable partial state of one key (or of a roll-up): the NPS tally, the survival tally and the churn tally, as the core's
/// versioned states. Snapshots of disjoint keys merge by merging each tally, which equals the snapshot of all their events.
/// </summary>
/// <param name="Nps">Detractor, passive and promoter counts (a validated tally; it merges with <c>+</c>).</param>
/// <param name="Survival">Events and censorings per distinct duration.</param>
/// <param name="Churn">Period and cohort counts of the customer records.</param>
/// <param name="EventCount">Events counted (all kinds), for monitoring.</param>
[GenerateSerializer, Immutable, Alias("TrustMetrics.MetricsSnapshot")]
public sealed record MetricsSnapshot(
    [property: Id(0)] NpsTally Nps,
    [property: Id(1)] SurvivalTallyState Survival,
    [property: Id(2)] ChurnTallyState Churn,
    [property: Id(3)] long EventCount)
{
    /// <summary>The snapshot of no event, for tallies by <paramref name="period"/> (the identity of <see cref="Merge"/>).</summary>
    /// <param name="period">The churn period kind the grains count in.</param>
    public static MetricsSnapshot Empty(ChurnPeriod period) =>
        new(NpsTally.Empty, SurvivalTally.Empty.ToState(), ChurnTally.Empty(period).ToState(), 0);

    /// <summary>Merges two snapshots of disjoint event sets: every tally merges (counts add), event counts add.</summary>
    /// <param name="other">A snapshot with the same churn period kind.</param>
    /// <exception cref="ArgumentException">A state is invalid or the churn period kinds differ.</exception>
    public MetricsSnapshot Merge(MetricsSnapshot other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new MetricsSnapshot(
            Nps + other.Nps,
            (SurvivalTally.FromState(Survival) + SurvivalTally.FromState(other.Survival)).ToState(),
            (ChurnTally.FromState(Churn) + ChurnTally.FromState(other.Churn)).ToState(),
            checked(EventCount + other.EventCount));
    }
}
