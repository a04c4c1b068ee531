using Microsoft.Extensions.Logging;
using Orleans.Storage;
using Orleans.Streams;
using TrustMetrics.Churn;
using TrustMetrics.Nps;
using TrustMetrics.Survival;

namespace TrustMetrics.Orleans;

/// <summary>
/// The accumulators of one key. Calls run one at a time (Orleans' turn-based grains), so a batch is checked, de-duplicated, counted
/// and persisted before the next starts; the caller's task completes only after the state is written. If the write fails, the
/// grain deactivates so its next activation reloads what was stored, and the caller's retry counts the batch again exactly once.
/// The key's monitors see each newly counted response once, in the order counted; the alerts they raise are written with the same
/// state write (so they are as durable as the counts) and then published on the alert stream from that durable list (an outbox:
/// whatever was stored but not yet marked published is published again by the next call or activation).
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
    private KeyMonitors monitors = null!;
    private readonly ILogger<MetricsGrain> logger;

    public MetricsGrain(IGrainContext context, IPersistentStateFactory stateFactory, MetricsQueries queries, ILogger<MetricsGrain> logger)
    {
        this.queries = queries;
        this.logger = logger;
        state = stateFactory.Create<MetricsGrainState>(context, new GrainStateConfiguration("metrics", queries.Options.StorageName));
        churn = ChurnTally.Empty(queries.Options.ChurnPeriod);
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Snapshot?.ToSnapshot() is { } stored)
        {
            nps = stored.Nps;
            survival = stored.Survival;
            churn = stored.Churn;
            events = stored.EventCount;
        }

        window = new EventIdWindow(state.State.RememberedIds, queries.Options.MaxRememberedEventIds);
        monitors = new KeyMonitors(queries.Options.Monitoring, this.GetPrimaryKeyString(), state.State.Monitors);
        await PublishAlerts(); // an earlier activation may have stored alerts and died before publishing them
    }

    public Task<IngestResult> AddResponses(SurveyResponse[] responses) =>
        Ingest(responses, r => r.EventId, fresh =>
        {
            nps += NpsTally.FromScores(fresh.Select(r => r.Score)); // validates every score first
            if (monitors.Enabled)
            {
                var now = DateTimeOffset.UtcNow;
                foreach (var response in fresh)
                {
                    monitors.Add(response.EventId, response.Score, now);
                }
            }
        });

    public Task<IngestResult> AddOutcomes(CustomerOutcome[] outcomes) =>
        Ingest(outcomes, o => o.EventId, fresh => survival += SurvivalTally.FromDurations(fresh.Select(o => (o.Duration, o.Churned))));

    public Task<IngestResult> AddCustomers(CustomerRecord[] customers) =>
        Ingest(customers, c => c.EventId,
            fresh => churn += ChurnTally.FromCustomers(fresh.Select(c => new CustomerSpan(c.Start, c.End)), churn.Period));

    public Task<MetricsSnapshot> GetSnapshot() => Task.FromResult(Snapshot());

    public Task<NpsResult> GetNps(double? confidenceLevel = null) => Task.FromResult(queries.Nps(Snapshot(), confidenceLevel));

    public Task<KaplanMeierResult?> GetSurvival(double? confidenceLevel = null) => Task.FromResult(queries.Survival(Snapshot(), confidenceLevel));

    public Task<CohortTable> GetCohorts(double? confidenceLevel = null) => Task.FromResult(queries.Cohorts(Snapshot(), confidenceLevel));

    public Task<MonitorAlert[]> GetAlerts(long afterSequence = 0) =>
        Task.FromResult(monitors.Alerts.Where(a => a.Sequence > afterSequence).ToArray());

    private MetricsSnapshot Snapshot() => new(nps, survival, churn, events);

    /// <summary>
    /// Publishes the stored alerts not yet marked published, in order, then stores the mark. A failure (stream provider down) is
    /// logged and left for the next call or activation: the ingestion that raised the alert has succeeded and stays acknowledged.
    /// Delivery is at-least-once: dying after publishing and before storing the mark publishes those alerts again (same <see cref="MonitorAlert.Id"/>).
    /// </summary>
    private async Task PublishAlerts()
    {
        var options = queries.Options.Monitoring;
        var pending = monitors.Alerts.Where(a => a.Sequence > monitors.Published).ToList();
        if (pending.Count == 0 || string.IsNullOrEmpty(options.StreamProvider))
        {
            return;
        }

        try
        {
            var stream = this.GetStreamProvider(options.StreamProvider)
                .GetStream<MonitorAlert>(StreamId.Create(options.AlertStreamNamespace, this.GetPrimaryKeyString()));
            foreach (var alert in pending)
            {
                await stream.OnNextAsync(alert);
                monitors.Published = alert.Sequence;
            }

            state.State.Monitors = monitors.ToJson();
            await state.WriteStateAsync();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Publishing {Count} alert(s) of {Key} failed; they stay stored and are published again by the next call.", pending.Count, this.GetPrimaryKeyString());
            if (e is InconsistentStateException)
            {
                DeactivateOnIdle();
            }
        }
    }

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

        state.State.Snapshot = StoredSnapshot.From(Snapshot());
        state.State.RememberedIds = window.ToArray();
        if (monitors.Enabled)
        {
            state.State.Monitors = monitors.ToJson();
        }

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

        await PublishAlerts();

        return new IngestResult(fresh.Count, batch.Length - fresh.Count);
    }
}
