using BenchmarkDotNet.Attributes;
using TrustMetrics.Sentiment;

namespace TrustMetrics.Benchmarks;

/// <summary>
/// Net sentiment corrected for classifier error over 100 million labels against the plain label tally in the same run (the
/// baseline). The correction works on the tally (3 counts) and a 3 × 3 validation confusion matrix, so its cost beyond the
/// tally is constant. Target (issue 15): within 1.5× of the plain tally.
/// </summary>
[MemoryDiagnoser]
public class CorrectedSentimentBenchmarks
{
    private static readonly SentimentConfusion Validation = SentimentConfusion.FromCounts([80, 15, 5, 20, 60, 20, 6, 24, 170]);
    private readonly CorrectedSentimentCalculator calculator = new();
    private SentimentLabel[] labels = [];

    [Params(100_000_000)]
    public int Count { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(2026);
        labels = new SentimentLabel[Count];
        for (int i = 0; i < labels.Length; i++)
        {
            double u = random.NextDouble();
            labels[i] = u < 0.2 ? SentimentLabel.Negative : u < 0.4 ? SentimentLabel.Neutral : SentimentLabel.Positive;
        }
    }

    /// <summary>The plain label tally: counts of the three labels.</summary>
    [Benchmark(Baseline = true)]
    public SentimentTally PlainTally() => SentimentTally.FromLabels(labels);

    /// <summary>The same tally, then the corrected shares, net sentiment and delta-method intervals.</summary>
    [Benchmark]
    public double Corrected() => calculator.Correct(SentimentTally.FromLabels(labels), Validation).NetSentiment.Value;
}
