using System.Diagnostics;
using System.Globalization;
using Orleans.Hosting;
using Orleans.TestingHost;
using TrustMetrics.Nps;
using TrustMetrics.Orleans;

// Ingestion throughput and query latency of TrustMetrics.Orleans on one machine, 1 and 3 in-process silos (TestingHost), against
// the in-process baseline (the same events counted into per-key NpsTally with a de-duplication set, no Orleans).
// Usage: dotnet run -c Release --project benchmarks/TrustMetrics.Orleans.Benchmarks -- [events=200000] [keys=100] [batch=100] [clients=8]
// TestingHost writes one log file per silo and client under ./logs: keep them out of the working tree.
Directory.SetCurrentDirectory(Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "trustmetrics-orleans-benchmark")).FullName);

int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i], CultureInfo.InvariantCulture) : fallback;
int events = Arg(0, 200_000), keyCount = Arg(1, 100), batchSize = Arg(2, 100), clients = Arg(3, 8);

var random = new Random(8);
string[] keys = [.. Enumerable.Range(0, keyCount).Select(k => $"acme/segment-{k % 10}/2026-11-{1 + (k / 10):00}")];
var batches = Enumerable.Range(0, events)
    .Select(i => (Key: keys[random.Next(keyCount)], Response: new SurveyResponse($"r-{i}", random.Next(11))))
    .GroupBy(e => e.Key)
    .SelectMany(g => g.Select(e => e.Response).Chunk(batchSize).Select(b => (g.Key, Batch: b)))
    .OrderBy(_ => random.Next())
    .ToArray();

Console.WriteLine($"{events:N0} responses over {keyCount} keys in {batches.Length:N0} batches of ≤ {batchSize}, {clients} concurrent senders; {Environment.ProcessorCount} cores");
Baseline();
foreach (int silos in new[] { 1, 3 })
{
    await Cluster(silos);
}

void Baseline()
{
    var clock = Stopwatch.StartNew();
    var tallies = new Dictionary<string, (NpsTally Tally, HashSet<string> Seen)>();
    foreach (var (key, batch) in batches)
    {
        if (!tallies.TryGetValue(key, out var entry))
        {
            entry = (NpsTally.Empty, []);
        }

        foreach (var r in batch)
        {
            if (entry.Seen.Add(r.EventId))
            {
                entry.Tally = entry.Tally.Add(r.Score);
            }
        }

        tallies[key] = entry;
    }

    Console.WriteLine($"in-process baseline: {events / clock.Elapsed.TotalSeconds:N0} events/s");
}

async Task Cluster(int silos)
{
    var builder = new TestClusterBuilder((short)silos);
    builder.AddSiloBuilderConfigurator<BenchmarkSilo>();
    var cluster = builder.Build();
    await cluster.DeployAsync();
    try
    {
        var client = cluster.Client;
        int next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < batches.Length)
            {
                await client.GetGrain<IMetricsGrain>(batches[i].Key).AddResponses(batches[i].Batch);
            }
        }));
        double seconds = clock.Elapsed.TotalSeconds;

        var keyLatency = await Latencies(500, i => client.GetGrain<IMetricsGrain>(keys[i % keyCount]).GetNps());
        var rollup = client.GetGrain<IMetricsRollupGrain>("acme/all");
        await rollup.AddChildren(keys);
        var rollupLatency = await Latencies(100, _ => rollup.GetNps());
        var total = await rollup.GetNps();
        if (total.Count != events)
        {
            throw new InvalidOperationException($"The roll-up counts {total.Count} responses, not {events}.");
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{silos} silo(s): ingest {events / seconds:N0} events/s ({batches.Length / seconds:N0} calls/s); " +
            $"NPS of a key p50 {keyLatency.P50:0.00} ms, p99 {keyLatency.P99:0.00} ms; roll-up of {keyCount} keys p50 {rollupLatency.P50:0.00} ms, p99 {rollupLatency.P99:0.00} ms; {total}"));
    }
    finally
    {
        await cluster.StopAllSilosAsync();
        await cluster.DisposeAsync();
    }
}

static async Task<(double P50, double P99)> Latencies(int calls, Func<int, Task> call)
{
    var times = new double[calls];
    for (int i = 0; i < calls; i++)
    {
        var clock = Stopwatch.StartNew();
        await call(i);
        times[i] = clock.Elapsed.TotalMilliseconds;
    }

    Array.Sort(times);
    return (times[calls / 2], times[Math.Min(calls - 1, calls * 99 / 100)]);
}

/// <summary>Silos of the benchmark: the grains on Orleans' memory storage (no silo is killed here).</summary>
public sealed class BenchmarkSilo : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder) =>
        siloBuilder.AddTrustMetricsGrains().AddMemoryGrainStorage(TrustMetricsGrainOptions.DefaultStorageName);
}
