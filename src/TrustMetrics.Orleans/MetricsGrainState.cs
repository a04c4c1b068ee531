using TrustMetrics.Churn;
using TrustMetrics.Nps;
using TrustMetrics.Survival;

namespace TrustMetrics.Orleans;

/// <summary>What a <see cref="MetricsGrain"/> persists: its tallies, the hashes of the event ids it has counted (oldest first), its monitors and alerts.</summary>
[GenerateSerializer, Alias("TrustMetrics.MetricsGrainState")]
internal sealed class MetricsGrainState
{
    [Id(0)]
    public StoredSnapshot? Snapshot { get; set; }

    [Id(1)]
    public ulong[] RememberedIds { get; set; } = [];

    /// <summary>The key's monitors and alerts as one versioned JSON document (<see cref="KeyMonitors.ToJson"/>); null before the first response.</summary>
    [Id(2)]
    public string? Monitors { get; set; }
}

/// <summary>
/// The persisted form of a <see cref="MetricsSnapshot"/>: plain members every grain storage serializer handles (Orleans' binary
/// one and the JSON one of the ADO.NET and other providers): every tally is stored as its versioned accumulator JSON
/// (<see cref="NpsTally.ToJson"/>, <see cref="SurvivalTally.ToJson"/>, <see cref="ChurnTally.ToJson"/>), validated again when read.
/// </summary>
[GenerateSerializer, Alias("TrustMetrics.StoredSnapshot")]
internal sealed class StoredSnapshot
{
    [Id(0)]
    public string Nps { get; set; } = "";

    [Id(1)]
    public string Survival { get; set; } = "";

    [Id(2)]
    public string Churn { get; set; } = "";

    [Id(3)]
    public long EventCount { get; set; }

    public static StoredSnapshot From(MetricsSnapshot snapshot) => new()
    {
        Nps = snapshot.Nps.ToJson(), Survival = snapshot.Survival.ToJson(), Churn = snapshot.Churn.ToJson(), EventCount = snapshot.EventCount,
    };

    public MetricsSnapshot ToSnapshot() => new(NpsTally.FromJson(Nps), SurvivalTally.FromJson(Survival), ChurnTally.FromJson(Churn), EventCount);
}
