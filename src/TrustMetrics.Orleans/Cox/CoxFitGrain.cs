using TrustMetrics.Survival;

namespace TrustMetrics.Orleans;

/// <summary>
/// Runs <see cref="CoxShardedRegression.Fit"/> with one <see cref="ICoxShard"/> per shard grain. The driver's Newton loop is synchronous,
/// so it runs on a thread-pool thread outside the grain's scheduler (Task.Run) and waits there for each shard's answer; waiting on the
/// grain's own scheduler would block the turn that must receive those answers. The coordinator keeps no state: a fit can be rerun on
/// any silo.
/// </summary>
internal sealed class CoxFitGrain(IGrainFactory grains) : Grain, ICoxFitGrain
{
    public async Task<CoxFit> Fit(string[] shardKeys, CoxFitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(shardKeys);
        if (shardKeys.Length == 0)
        {
            throw new ArgumentException("At least one shard key is needed.", nameof(shardKeys));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var shards = new List<ICoxShard>(shardKeys.Length);
        foreach (string key in shardKeys)
        {
            if (string.IsNullOrEmpty(key) || !seen.Add(key))
            {
                throw new ArgumentException(string.IsNullOrEmpty(key) ? "A shard key is empty." : $"Shard '{key}' is named twice.", nameof(shardKeys));
            }

            var grain = grains.GetGrain<ICoxShardGrain>(key);
            var terms = await grain.GetTerms();
            if (terms.Length == 0)
            {
                throw new ArgumentException($"Shard '{key}' holds no row.", nameof(shardKeys));
            }

            shards.Add(new RemoteShard(grain, terms));
        }

        return await Task.Run(() => CoxShardedRegression.Fit(shards, options));
    }

    private sealed class RemoteShard(ICoxShardGrain grain, string[] terms) : ICoxShard
    {
        public IReadOnlyList<string> Terms => terms;

        public CoxRiskSetSums RiskSetSums(IReadOnlyList<double> beta, IReadOnlyList<double> center) =>
            grain.RiskSetSums([.. beta], [.. center]).GetAwaiter().GetResult();
    }
}
