namespace TrustMetrics.Orleans;

/// <summary>What a <see cref="MetricsRollupGrain"/> persists: its child keys.</summary>
[GenerateSerializer, Alias("TrustMetrics.RollupGrainState")]
internal sealed class RollupGrainState
{
    [Id(0)]
    public List<string> Children { get; set; } = [];
}
