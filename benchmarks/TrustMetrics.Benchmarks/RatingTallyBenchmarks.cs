using BenchmarkDotNet.Attributes;
using TrustMetrics.Reviews;
using TrustMetrics.Scales;

namespace TrustMetrics.Benchmarks;

/// <summary>
/// Tallying 100 million one-byte star ratings (1–5) into a distribution, beside the memory-bandwidth bound (a vectorised sum of the
/// same bytes, as in <see cref="NpsTallyBenchmarks"/>) and the scalar histogram loop a user would write first.
/// </summary>
[MemoryDiagnoser]
public class RatingTallyBenchmarks
{
    private byte[] ratings = [];

    [Params(100_000_000)]
    public int Count { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(2026);
        ratings = new byte[Count];
        for (int i = 0; i < ratings.Length; i++)
        {
            ratings[i] = (byte)random.Next(1, 6);
        }
    }

    /// <summary>The bandwidth bound: read every byte once and add it up (vectorised, widening before lanes overflow).</summary>
    [Benchmark(Baseline = true)]
    public long ByteSum() => Benchmarks.ByteSum.Of(ratings);

    [Benchmark]
    public ScaleTally Tally() => ScaleTally.FromScores(RatingScale.FivePoint, ratings);

    /// <summary>Tally plus the whole rating summary (mean and t interval, Wilson share, Dirichlet score): the summary is O(points).</summary>
    [Benchmark]
    public RatingResult TallyAndSummary() => new RatingCalculator().Calculate(ScaleTally.FromScores(RatingScale.FivePoint, ratings));

    /// <summary>The first attempt: one histogram increment per rating, with the range check.</summary>
    [Benchmark]
    public long[] ScalarHistogram()
    {
        var counts = new long[5];
        foreach (byte r in ratings)
        {
            int offset = r - 1;
            if ((uint)offset >= 5u)
            {
                throw new ArgumentOutOfRangeException(nameof(ratings));
            }

            counts[offset]++;
        }

        return counts;
    }
}
