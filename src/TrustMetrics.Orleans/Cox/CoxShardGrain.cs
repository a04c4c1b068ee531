using TrustMetrics.Survival;

namespace TrustMetrics.Orleans;

/// <summary>
/// A shard's rows as durable state. A batch is checked as a whole (through <see cref="CoxData.Create"/>, the same checks as an
/// in-process fit) before any row is kept, and persisted before the call returns; if the write fails the grain deactivates so the next
/// activation reloads what was stored and the caller's retry adds the batch exactly once. The <see cref="CoxData"/> the sums are
/// computed from is built once per change of the rows and kept in memory.
/// </summary>
internal sealed class CoxShardGrain : Grain, ICoxShardGrain
{
    private readonly IPersistentState<CoxShardGrainState> state;
    private readonly HashSet<string> ids = new(StringComparer.Ordinal);
    private CoxData? data;

    public CoxShardGrain(IGrainContext context, IPersistentStateFactory stateFactory, MetricsQueries queries)
    {
        state = stateFactory.Create<CoxShardGrainState>(context, new GrainStateConfiguration("cox-shard", queries.Options.StorageName));
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        ids.UnionWith(state.State.EventIds);
        return Task.CompletedTask;
    }

    public async Task<IngestResult> AddObservations(string[] terms, CoxObservation[] rows)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(rows);
        var stored = state.State;
        if (stored.Terms.Length > 0 && !stored.Terms.SequenceEqual(terms, StringComparer.Ordinal))
        {
            throw new ArgumentException(
                $"Shard '{this.GetPrimaryKeyString()}' holds the terms [{string.Join(", ", stored.Terms)}]; the batch names [{string.Join(", ", terms)}].", nameof(terms));
        }

        var fresh = new List<CoxObservation>(rows.Length);
        var inBatch = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < rows.Length; i++)
        {
            var row = rows[i] ?? throw new ArgumentException($"Row {i} of the batch is null.", nameof(rows));
            if (string.IsNullOrEmpty(row.EventId))
            {
                throw new ArgumentException($"Row {i} of the batch has no event id: idempotent ingestion needs one per row.", nameof(rows));
            }

            if (!ids.Contains(row.EventId) && inBatch.Add(row.EventId))
            {
                fresh.Add(row);
            }
        }

        if (fresh.Count == 0)
        {
            return new IngestResult(0, rows.Length);
        }

        bool? shardHasStart = stored.EventIds.Length == 0 ? null : stored.Start is not null;
        Validate(terms, fresh, shardHasStart);
        Append(terms, fresh);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            DeactivateOnIdle(); // memory now differs from storage: reload on the next call
            throw;
        }

        ids.UnionWith(fresh.Select(r => r.EventId));
        data = null;
        return new IngestResult(fresh.Count, rows.Length - fresh.Count);
    }

    public Task<string[]> GetTerms() => Task.FromResult(state.State.Terms.ToArray());

    public Task<int> GetRowCount() => Task.FromResult(state.State.EventIds.Length);

    public Task<CoxRiskSetSums> RiskSetSums(double[] beta, double[] center)
    {
        if (state.State.EventIds.Length == 0)
        {
            throw new ArgumentException($"Shard '{this.GetPrimaryKeyString()}' holds no row.", nameof(beta));
        }

        data ??= Build(state.State);
        return Task.FromResult(new CoxShard(data).RiskSetSums(beta, center));
    }

    /// <summary>Checks the fresh rows as <see cref="CoxData.Create"/> checks a data set; messages name the row's id.</summary>
    private void Validate(string[] terms, List<CoxObservation> fresh, bool? shardHasStart)
    {
        bool batchHasStart = fresh[0].Start is not null;
        for (int i = 0; i < fresh.Count; i++)
        {
            var row = fresh[i];
            if ((row.Start is not null) != batchHasStart || (shardHasStart is bool has && has != batchHasStart))
            {
                throw new ArgumentException(
                    $"Row '{row.EventId}': within shard '{this.GetPrimaryKeyString()}' either every row has a start time or none has.", "rows");
            }

            if (row.Covariates is null || row.Covariates.Length != terms.Length)
            {
                throw new ArgumentException(
                    $"Row '{row.EventId}' has {row.Covariates?.Length ?? 0} covariate values; the shard has {terms.Length} terms.", "rows");
            }
        }

        try
        {
            var probe = new CoxShardGrainState();
            Append(probe, terms, fresh);
            Build(probe);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"Shard '{this.GetPrimaryKeyString()}', batch not stored: {e.Message}", "rows", e);
        }
    }

    private void Append(string[] terms, List<CoxObservation> fresh) => Append(state.State, terms, fresh);

    private static void Append(CoxShardGrainState target, string[] terms, List<CoxObservation> fresh)
    {
        target.Terms = terms.ToArray();
        target.EventIds = [.. target.EventIds, .. fresh.Select(r => r.EventId)];
        target.Stop = [.. target.Stop, .. fresh.Select(r => r.Stop)];
        target.Events = [.. target.Events, .. fresh.Select(r => r.Event)];
        target.Start = fresh[0].Start is null ? null : [.. target.Start ?? [], .. fresh.Select(r => r.Start!.Value)];
        target.Weights = [.. target.Weights, .. fresh.Select(r => r.Weight)];
        target.Strata = [.. target.Strata, .. fresh.Select(r => r.Stratum)];
        target.Covariates = [.. target.Covariates, .. fresh.SelectMany(r => r.Covariates)];
    }

    private static CoxData Build(CoxShardGrainState s)
    {
        int n = s.EventIds.Length, p = s.Terms.Length;
        var columns = new double[p][];
        for (int j = 0; j < p; j++)
        {
            columns[j] = new double[n];
            for (int i = 0; i < n; i++) columns[j][i] = s.Covariates[(i * p) + j];
        }

        return CoxData.Create(s.Terms, columns, s.Stop.ToArray(), s.Events.ToArray(), s.Start?.ToArray(), s.Weights.ToArray(), strata: s.Strata.ToArray());
    }
}
