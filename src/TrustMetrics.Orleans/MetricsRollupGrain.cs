using TrustMetrics.Churn;
using TrustMetrics.Nps;
using TrustMetrics.Survival;

namespace TrustMetrics.Orleans;

/// <summary>A roll-up: merges the snapshots of its child keys (fetched in parallel) and answers from the merge.</summary>
internal sealed class MetricsRollupGrain : Grain, IMetricsRollupGrain
{
    private readonly IPersistentState<RollupGrainState> state;
    private readonly MetricsQueries queries;

    public MetricsRollupGrain(IGrainContext context, IPersistentStateFactory stateFactory, MetricsQueries queries)
    {
        this.queries = queries;
        state = stateFactory.Create<RollupGrainState>(context, new GrainStateConfiguration("rollup", queries.Options.StorageName));
    }

    public async Task AddChildren(string[] keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var known = state.State.Children.ToHashSet(StringComparer.Ordinal);
        foreach (string key in keys)
        {
            if (known.Add(key))
            {
                state.State.Children.Add(key);
            }
        }

        await state.WriteStateAsync();
    }

    public Task<string[]> GetChildren() => Task.FromResult(state.State.Children.ToArray());

    public async Task<MetricsSnapshot> GetSnapshot()
    {
        var parts = await Task.WhenAll(state.State.Children.Select(key => GrainFactory.GetGrain<IMetricsGrain>(key).GetSnapshot()));
        return parts.Aggregate(MetricsSnapshot.Empty(queries.Options.ChurnPeriod), (merged, part) => merged.Merge(part));
    }

    public async Task<NpsResult> GetNps(double? confidenceLevel = null) => queries.Nps(await GetSnapshot(), confidenceLevel);

    public async Task<KaplanMeierResult?> GetSurvival(double? confidenceLevel = null) => queries.Survival(await GetSnapshot(), confidenceLevel);

    public async Task<CohortTable> GetCohorts(double? confidenceLevel = null) => queries.Cohorts(await GetSnapshot(), confidenceLevel);
}
