using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Hosting;
using Orleans.TestingHost;
using TrustMetrics.Nps;

namespace TrustMetrics.Orleans.Tests;

/// <summary>A one-silo cluster whose keys remember only the last 4 event ids, to show the de-duplication window and its bound.</summary>
public sealed class SmallWindowSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        siloBuilder.AddTrustMetricsGrains(o => o.MaxRememberedEventIds = 4);
        siloBuilder.Services.AddGrainStorage(TrustMetricsGrainOptions.DefaultStorageName,
            (services, _) => ActivatorUtilities.CreateInstance<SharedGrainStorage>(services));
    }
}

public sealed class SingleSiloCluster : IAsyncLifetime
{
    public TestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(1);
        builder.AddSiloBuilderConfigurator<SmallWindowSiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}

/// <summary>Idempotent ingestion, all-or-nothing batches, the window's bound and roll-up bookkeeping, on one silo.</summary>
public sealed class IngestionTests(SingleSiloCluster fixture) : IClassFixture<SingleSiloCluster>
{
    private IMetricsGrain Grain(string key) => fixture.Cluster.Client.GetGrain<IMetricsGrain>(key);

    [Fact]
    public async Task Repeated_ids_are_skipped_within_a_batch_and_across_calls()
    {
        var grain = Grain("dedup/a/2026-11-22");
        Assert.Equal(new IngestResult(2, 1), await grain.AddResponses([new("x", 10), new("y", 3), new("x", 10)]));
        Assert.Equal(new IngestResult(1, 2), await grain.AddResponses([new("y", 3), new("z", 8), new("x", 10)]));
        Assert.Equal(new NpsTally(1, 1, 1), (await grain.GetSnapshot()).Nps);
        var nps = await grain.GetNps(0.9);
        Assert.Equal(0.0, nps.Score.Value, 12);
        Assert.Equal(0.9, nps.Interval.Level);
    }

    [Fact]
    public async Task A_batch_with_a_bad_event_counts_nothing_and_can_be_resent_fixed()
    {
        var grain = Grain("bad/a/2026-11-22");
        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => grain.AddResponses([new("a", 9), new("b", 11)]));
        Assert.Contains("11", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, (await grain.GetSnapshot()).EventCount);
        Assert.Equal(new IngestResult(2, 0), await grain.AddResponses([new("a", 9), new("b", 10)]));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => grain.AddResponses([new("", 9)]));
    }

    [Fact]
    public async Task Ids_older_than_the_window_are_forgotten()
    {
        var grain = Grain("window/a/2026-11-22");
        Assert.Equal(5, (await grain.AddOutcomes([.. Enumerable.Range(0, 5).Select(i => new CustomerOutcome($"o{i}", i, true))])).Accepted);
        // The window holds the last 4 ids (o1..o4): o4 is still a duplicate, o0 was forgotten and counts again.
        Assert.Equal(new IngestResult(1, 1), await grain.AddOutcomes([new("o4", 4, true), new("o0", 0, true)]));
        Assert.Equal(6, (await grain.GetSurvival())!.Count);
    }

    [Fact]
    public async Task A_rollup_remembers_its_children_once_and_merges_their_states()
    {
        await Grain("roll/a/1").AddResponses([new("1", 10), new("2", 0)]);
        await Grain("roll/a/2").AddCustomers([new("c", new DateOnly(2026, 1, 3), new DateOnly(2026, 3, 1))]);
        var rollup = fixture.Cluster.Client.GetGrain<IMetricsRollupGrain>("roll/a");
        await rollup.AddChildren(["roll/a/1", "roll/a/2"]);
        await rollup.AddChildren(["roll/a/2"]);
        Assert.Equal(["roll/a/1", "roll/a/2"], await rollup.GetChildren());
        var snapshot = await rollup.GetSnapshot();
        Assert.Equal(3, snapshot.EventCount);
        Assert.Equal(new NpsTally(1, 0, 1), (await rollup.GetNps()).Tally);
        Assert.Null(await rollup.GetSurvival());
        Assert.Equal(1, (await rollup.GetCohorts()).Rows[0].Size);
    }
}
