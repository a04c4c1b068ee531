using TrustMetrics.Churn;
using TrustMetrics.Nps;
using TrustMetrics.Survival;

namespace TrustMetrics.Orleans;

/// <summary>
/// The accumulators of one key. Calls run one at a time (Orleans' turn-based grains), so a batch is checked, de-duplicated, counted
/// and persisted before the next starts; the caller's task completes only after the state is written. If the write fails, the
/// grain deactivates so its next activation reloads what was stored, and the caller's retry counts the batch again exactly once.
/// </summary>
internal sealed class MetricsGrain : Grain, IMetricsGrain
{
    private readonly IPersistentState<MetricsGrainState> state;
    private readonly MetricsQueries queries;
    private NpsTally nps;
    private SurvivalTally survival = SurvivalTally.Empty;
    private ChurnTally churn;
    private long events;
    private EventIdWindow window = null!;

    public MetricsGrain(IGrainContext context, IPersistentStateFactory stateFactory, MetricsQueries queries)
    {
        this.queries = queries;
        state = stateFactory.Create<MetricsGrainState>(context, new GrainStateConfiguration("metrics", queries.Options.StorageName));
        churn = ChurnTally.Empty(queries.Options.ChurnPeriod);
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Snapshot is { } stored)
        {
            nps = stored.Nps;
            survival = SurvivalTally.FromState(stored.Survival);
            churn = ChurnTally.FromState(stored.Churn);
            events = stored.EventCount;
        }

        window = new EventIdWindow(state.State.RememberedIds, queries.Options.MaxRememberedEventIds);
        return Task.CompletedTask;
    }

    public Task<IngestResult> AddResponses(SurveyResponse[] responses) =>
        Ingest(responses, r => r.EventId, fresh => nps += NpsTally.FromScores(fresh.Select(r => r.Score)));

    public Task<IngestResult> AddOutcomes(CustomerOutcome[] outcomes) =>
        Ingest(outcomes, o => o.EventId, fresh => survival += SurvivalTally.FromDurations(fresh.Select(o => (o.Duration, o.Churned))));

    public Task<IngestResult> AddCustomers(CustomerRecord[] customers) =>
        Ingest(customers, c => c.EventId,
            fresh => churn += ChurnTally.FromCustomers(fresh.Select(c => new CustomerSpan(c.Start, c.End)), churn.Period));

    public Task<MetricsSnapshot> GetSnapshot() => Task.FromResult(Snapshot());

    public Task<NpsResult> GetNps(double? confidenceLevel = null) => Task.FromResult(queries.Nps(Snapshot(), confidenceLevel));

    public Task<KaplanMeierResult?> GetSurvival(double? confidenceLevel = null) => Task.FromResult(queries.Survival(Snapshot(), confidenceLevel));

    public Task<CohortTable> GetCohorts(double? confidenceLevel = null) => Task.FromResult(queries.Cohorts(Snapshot(), confidenceLevel));

    private MetricsSnapshot Snapshot() => new(nps, survival.ToState(), churn.ToState(), events);

    /// <summary>De-duplicates by id (against the window and within the batch), counts the fresh events, remembers their ids, persists.</summary>
    private async Task<IngestResult> Ingest<T>(T[] batch, Func<T, string> id, Action<List<T>> count)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var fresh = new List<T>(batch.Length);
        var hashes = new List<ulong>(batch.Length);
        var inBatch = new HashSet<ulong>();
        for (int i = 0; i < batch.Length; i++)
        {
            string eventId = id(batch[i]);
            if (string.IsNullOrEmpty(eventId))
            {
                throw new ArgumentException($"Event {i} of the batch has no event id: idempotent ingestion needs one per event.", nameof(batch));
            }

            ulong hash = EventIdWindow.Hash(eventId);
            if (!window.Contains(hash) && inBatch.Add(hash))
            {
                fresh.Add(batch[i]);
                hashes.Add(hash);
            }
        }

        if (fresh.Count == 0)
        {
            return new IngestResult(0, batch.Length);
        }

        count(fresh); // validates the whole batch before anything is remembered; throws with nothing changed
        events += fresh.Count;
        foreach (ulong hash in hashes)
        {
            window.Add(hash);
        }

        state.State.Snapshot = Snapshot();
        state.State.RememberedIds = window.ToArray();
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Memory is ahead of storage now: drop this activation so the next call starts from what was stored.
            DeactivateOnIdle();
            throw;
        }

        return new IngestResult(fresh.Count, batch.Length - fresh.Count);
    }
}
