using BenchmarkDotNet.Attributes;
using TrustMetrics.TrustIndex;

namespace TrustMetrics.Benchmarks;

/// <summary>
/// Bootstrap of the trust index: 5,000 respondents × 15 items (five drivers × 3, 1–5, seeded), 1,000 replicates, equal weights,
/// theoretical bounds, arithmetic mean. "Library" is <see cref="TrustIndexCalculator.Calculate"/> with the bootstrap of the index
/// and of every dimension, plus alpha and item statistics; "LibraryWithSensitivity" adds 1,000 Monte Carlo draws over 3 segments.
/// Baseline: the naive recomputation — per replicate, LINQ-resample respondents and recompute item means → dimension means →
/// index from the respondent × item table.
/// </summary>
[MemoryDiagnoser]
public class TrustIndexBenchmarks
{
    private const int Respondents = 5_000, Items = 15, Replicates = 1_000;
    private static readonly TrustIndexCalculator Calculator = new();

    private TrustSurvey survey = null!;
    private double[][] rows = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(2026);
        var values = new double[Respondents * Items];
        var segments = new string[Respondents];
        for (int r = 0; r < Respondents; r++)
        {
            double z = random.NextDouble() * 2 - 1;
            segments[r] = (r % 3) switch { 0 => "Consumer", 1 => "SMB", _ => "Enterprise" };
            for (int i = 0; i < Items; i++)
            {
                values[(r * Items) + i] = Math.Clamp(Math.Round(3 + (1.5 * z) + (random.NextDouble() * 2) - 1), 1, 5);
            }
        }

        var names = TrustDrivers.Default().SelectMany(d => d.Items).ToArray();
        survey = new TrustSurvey(names, values, segments);
        rows = Enumerable.Range(0, Respondents).Select(r => values.AsSpan(r * Items, Items).ToArray()).ToArray();
    }

    /// <summary>Naive: LINQ resampling and LINQ means for every replicate.</summary>
    [Benchmark(Baseline = true)]
    public double NaiveLinq()
    {
        var random = new Random(1);
        var replicates = new List<double>(Replicates);
        for (int b = 0; b < Replicates; b++)
        {
            var sample = Enumerable.Range(0, Respondents).Select(_ => rows[random.Next(Respondents)]).ToList();
            var dimensionScores = Enumerable.Range(0, 5)
                .Select(j => sample.Select(row => row.Skip(j * 3).Take(3).Average()).Average())
                .Select(mean => 100 * (mean - 1) / 4)
                .ToList();
            replicates.Add(dimensionScores.Average());
        }

        var sorted = replicates.Order().ToList();
        return sorted[(int)(0.025 * Replicates)] + sorted[(int)(0.975 * Replicates)];
    }

    [Benchmark]
    public double Library() =>
        Calculator.Calculate(survey, new TrustIndexOptions { BootstrapReplicates = Replicates }).Index.Interval.Lower;

    [Benchmark]
    public double LibraryWithSensitivity() =>
        Calculator.Calculate(survey, new TrustIndexOptions { BootstrapReplicates = Replicates, SensitivityReplicates = 1_000 }).Sensitivity!.OverallMedianIndex;
}
