namespace TrustMetrics.Funnel;

/// <summary>
/// The serialisable, versioned form of a <see cref="FunnelTally"/>: stage names in funnel order and the number of users whose
/// furthest stage is each. Internal: users store it as JSON through <see cref="FunnelTally.ToJson"/> and <see cref="FunnelTally.FromJson"/>.
/// </summary>
/// <param name="Version">Format version; <see cref="FunnelTallyState.CurrentVersion"/> for states this build writes.</param>
/// <param name="Stages">Stage names in funnel order.</param>
/// <param name="FurthestCounts">Users whose furthest stage is each stage.</param>
internal sealed record FunnelTallyState(int Version, string[] Stages, long[] FurthestCounts)
{
    /// <summary>The format version this build writes and reads: 1.</summary>
    public const int CurrentVersion = 1;
}
