namespace TrustMetrics.Orleans.Tests;

/// <summary>One ingestion call: a batch of events of one kind for one key.</summary>
public sealed record IngestJob(string Key, SurveyResponse[]? Responses, CustomerOutcome[]? Outcomes, CustomerRecord[]? Customers)
{
    public int Count => Responses?.Length ?? Outcomes?.Length ?? Customers!.Length;

    public Task<IngestResult> Send(IMetricsGrain grain) =>
        Responses is not null ? grain.AddResponses(Responses)
        : Outcomes is not null ? grain.AddOutcomes(Outcomes)
        : grain.AddCustomers(Customers!);
}

/// <summary>
/// A seeded stream of survey responses, customer lifetimes and customer records over 12 keys (2 companies × 2 segments × 3 days),
/// cut into batches of up to 25 events per key and kind, with a tenth of the batches delivered twice (at-least-once delivery);
/// each key's batches stay in order, the keys are interleaved at random. Three keys' NPS breaks down part-way (<see cref="DropKeys"/>).
/// </summary>
public sealed class SeededStream
{
    public SeededStream(int seed, int responses, int outcomes, int customers, int batchSize = 25, int dropAfter = 120)
    {
        var random = new Random(seed);
        Keys = [.. from company in new[] { "acme", "globex" }
                   from segment in new[] { "smb", "enterprise" }
                   from day in new[] { "2026-11-20", "2026-11-21", "2026-11-22" }
                   select $"{company}/{segment}/{day}"];
        string Key() => Keys[random.Next(Keys.Length)];

        // The keys of globex's smb segment break down: after their dropAfter-th response, 90 % of answers are detractors (NPS −25 → about −85).
        var seen = Keys.ToDictionary(k => k, _ => 0);
        for (int i = 0; i < responses; i++)
        {
            string key = Key();
            bool broken = DropKeys.Contains(key) && seen[key]++ >= dropAfter;
            int score = broken ? (random.Next(10) == 0 ? random.Next(7, 11) : random.Next(0, 7))
                : random.Next(4) == 0 ? random.Next(0, 7) : random.Next(5, 11);
            Responses.Add((key, new SurveyResponse($"r-{i}", score)));
        }

        for (int i = 0; i < outcomes; i++)
        {
            Outcomes.Add((Key(), new CustomerOutcome($"o-{i}", random.Next(0, 25), random.Next(10) < 7)));
        }

        var origin = new DateOnly(2025, 1, 1);
        for (int i = 0; i < customers; i++)
        {
            var start = origin.AddDays(random.Next(0, 600));
            Customers.Add((Key(), new CustomerRecord($"c-{i}", start, random.Next(3) == 0 ? null : start.AddDays(random.Next(0, 400)))));
        }

        // Per key, its batches in event order, each redelivered batch again somewhere later in the key's sequence (at-least-once
        // delivery keeps a partition's order, as a log partitioned by key does); the keys' sequences are then interleaved at random.
        var perKey = new List<Queue<IngestJob>>();
        var redelivered = new List<IngestJob>();
        foreach (string key in Keys)
        {
            var jobs = new List<IngestJob>();
            jobs.AddRange(Responses.Where(r => r.Key == key).Select(r => r.Event).Chunk(batchSize).Select(b => new IngestJob(key, b, null, null)));
            jobs.AddRange(Outcomes.Where(r => r.Key == key).Select(r => r.Event).Chunk(batchSize).Select(b => new IngestJob(key, null, b, null)));
            jobs.AddRange(Customers.Where(r => r.Key == key).Select(r => r.Event).Chunk(batchSize).Select(b => new IngestJob(key, null, null, b)));
            foreach (var again in jobs.Where(_ => random.Next(10) == 0).ToList())
            {
                jobs.Insert(random.Next(jobs.IndexOf(again) + 1, jobs.Count + 1), again);
                redelivered.Add(again);
            }

            perKey.Add(new Queue<IngestJob>(jobs));
        }

        Redelivered = redelivered;
        var order = new List<IngestJob>();
        while (perKey.Count > 0)
        {
            int k = random.Next(perKey.Count);
            order.Add(perKey[k].Dequeue());
            if (perKey[k].Count == 0)
            {
                perKey.RemoveAt(k);
            }
        }

        Jobs = order;
    }

    /// <summary>Keys whose responses turn mostly detractor after a while (the monitors must flag them).</summary>
    public static readonly string[] DropKeys = ["globex/smb/2026-11-20", "globex/smb/2026-11-21", "globex/smb/2026-11-22"];

    /// <summary>Which of <paramref name="workers"/> workers delivers a key (one per key, so each key's batches keep their order).</summary>
    public int Partition(string key, int workers) => Array.IndexOf(Keys, key) % workers;

    public string[] Keys { get; }

    public List<(string Key, SurveyResponse Event)> Responses { get; } = [];

    public List<(string Key, CustomerOutcome Event)> Outcomes { get; } = [];

    public List<(string Key, CustomerRecord Event)> Customers { get; } = [];

    public IReadOnlyList<IngestJob> Redelivered { get; }

    public IReadOnlyList<IngestJob> Jobs { get; }

    public int EventCount => Responses.Count + Outcomes.Count + Customers.Count;
}
