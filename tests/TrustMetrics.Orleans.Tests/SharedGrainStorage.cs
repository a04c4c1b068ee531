using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Storage;

namespace TrustMetrics.Orleans.Tests;

/// <summary>
/// Grain storage that outlives any silo: a process-wide dictionary (the test silos run in this process) standing in for an external
/// database. Orleans' own MemoryGrainStorage keeps state inside MemoryStorageGrain activations placed on ordinary silos, so killing a
/// silo can lose the state those grains held; a durable store is what the "kill a silo, lose nothing" guarantee assumes. States are
/// stored serialised (no shared references between activations) with an ETag check, so a stale activation's write fails with
/// <see cref="InconsistentStateException"/> instead of overwriting newer counts.
/// </summary>
public sealed class SharedGrainStorage(IGrainStorageSerializer serializer, IOptions<ClusterOptions> cluster) : IGrainStorage
{
    private static readonly ConcurrentDictionary<string, (BinaryData Data, string ETag)> Store = new();
    private static long version;

    private string Key(string stateName, GrainId grainId) => $"{cluster.Value.ServiceId}/{stateName}/{grainId}";

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (Store.TryGetValue(Key(stateName, grainId), out var stored))
        {
            grainState.State = serializer.Deserialize<T>(stored.Data);
            grainState.ETag = stored.ETag;
            grainState.RecordExists = true;
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        string key = Key(stateName, grainId);
        var data = serializer.Serialize(grainState.State);
        string etag = Interlocked.Increment(ref version).ToString(System.Globalization.CultureInfo.InvariantCulture);
        lock (Store)
        {
            Store.TryGetValue(key, out var stored);
            if (stored.ETag != grainState.ETag)
            {
                throw new InconsistentStateException($"ETag mismatch for {key}", stored.ETag, grainState.ETag);
            }

            Store[key] = (data, etag);
        }

        grainState.ETag = etag;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        Store.TryRemove(Key(stateName, grainId), out _);
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }
}
