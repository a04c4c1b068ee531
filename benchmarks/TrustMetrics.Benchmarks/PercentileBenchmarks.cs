using BenchmarkDotNet.Attributes;
using TrustMetrics.Quantiles;

namespace TrustMetrics.Benchmarks;

/// <summary>
/// p50, p90 and p95 of 10 million durations (log-normal, like resolution times): exact (copy, sort, Hyndman–Fan type 7) as the
/// baseline versus the mergeable KLL sketch (k = 200). The sketch's measured rank error on these data is printed in the setup log.
/// </summary>
[MemoryDiagnoser]
public class PercentileBenchmarks
{
    private static readonly double[] Probabilities = [0.5, 0.9, 0.95];

    private double[] durations = [];

    [Params(10_000_000)]
    public int Count { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(2026);
        durations = new double[Count];
        for (int i = 0; i < durations.Length; i++)
        {
            double normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            durations[i] = Math.Exp(2.5 + 1.2 * normal); // hours
        }

        var sorted = (double[])durations.Clone();
        Array.Sort(sorted);
        var sketch = BuildSketch();
        double worst = 0;
        for (int i = 1; i < 100; i++)
        {
            double p = i / 100.0, v = sketch.Quantile(p);
            int below = LowerBound(sorted, v), atOrBelow = UpperBound(sorted, v);
            worst = Math.Max(worst, Math.Max(0, Math.Max((double)below / sorted.Length - p, p - (double)atOrBelow / sorted.Length)));
        }

        Console.WriteLine($"// KLL k={sketch.K}: n = {sketch.Count:N0}, retained {sketch.RetainedCount:N0} values, max rank error over p = 0.01..0.99: "
            + $"{worst:P3} (bound {sketch.RankErrorBound:P2}); p95 exact {SampleQuantiles.FromSorted(sorted, 0.95):F3} h vs sketch {sketch.Quantile(0.95):F3} h");
    }

    [Benchmark(Baseline = true)]
    public double[] Exact() => SampleQuantiles.Compute(durations, Probabilities);

    [Benchmark]
    public double[] Sketch()
    {
        var sketch = BuildSketch();
        return [sketch.Quantile(0.5), sketch.Quantile(0.9), sketch.Quantile(0.95)];
    }

    private KllSketch BuildSketch()
    {
        var sketch = new KllSketch();
        sketch.AddRange(durations);
        return sketch;
    }

    private static int LowerBound(double[] sorted, double v)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            int mid = (low + high) >>> 1;
            if (sorted[mid] < v)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    private static int UpperBound(double[] sorted, double v)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            int mid = (low + high) >>> 1;
            if (sorted[mid] <= v)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }
}
