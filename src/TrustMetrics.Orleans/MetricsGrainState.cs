namespace TrustMetrics.Orleans;

/// <summary>What a <see cref="MetricsGrain"/> persists: its tallies and the hashes of the event ids it has counted (oldest first).</summary>
[GenerateSerializer, Alias("TrustMetrics.MetricsGrainState")]
internal sealed class MetricsGrainState
{
    [Id(0)]
    public MetricsSnapshot? Snapshot { get; set; }

    [Id(1)]
    public ulong[] RememberedIds { get; set; } = [];
}
