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
/// cut into batches of up to 25 events per key and kind, shuffled, with a tenth of the batches delivered twice (at-least-once delivery).
/// </summary>
public sealed class SeededStream
{
    public SeededStream(int seed, int responses, int outcomes, int customers, int batchSize = 25)
    {
        var random = new Random(seed);
        Keys = [.. from company in new[] { "acme", "globex" }
                   from segment in new[] { "smb", "enterprise" }
                   from day in new[] { "2026-11-20", "2026-11-21", "2026-11-22" }
                   select $"{company}/{segment}/{day}"];
        string Key() => Keys[random.Next(Keys.Length)];

        for (int i = 0; i < responses; i++)
        {
            int score = random.Next(4) == 0 ? random.Next(0, 7) : random.Next(5, 11);
            Responses.Add((Key(), new SurveyResponse($"r-{i}", score)));
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

        var jobs = new List<IngestJob>();
        foreach (string key in Keys)
        {
            jobs.AddRange(Responses.Where(r => r.Key == key).Select(r => r.Event).Chunk(batchSize).Select(b => new IngestJob(key, b, null, null)));
            jobs.AddRange(Outcomes.Where(r => r.Key == key).Select(r => r.Event).Chunk(batchSize).Select(b => new IngestJob(key, null, b, null)));
            jobs.AddRange(Customers.Where(r => r.Key == key).Select(r => r.Event).Chunk(batchSize).Select(b => new IngestJob(key, null, null, b)));
        }

        Redelivered = jobs.Where(_ => random.Next(10) == 0).ToList();
        Jobs = [.. jobs.Concat(Redelivered).OrderBy(_ => random.Next())];
    }

    public string[] Keys { get; }

    public List<(string Key, SurveyResponse Event)> Responses { get; } = [];

    public List<(string Key, CustomerOutcome Event)> Outcomes { get; } = [];

    public List<(string Key, CustomerRecord Event)> Customers { get; } = [];

    public IReadOnlyList<IngestJob> Redelivered { get; }

    public IReadOnlyList<IngestJob> Jobs { get; }

    public int EventCount => Responses.Count + Outcomes.Count + Customers.Count;
}
