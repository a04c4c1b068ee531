using System.Globalization;
using BenchmarkDotNet.Attributes;
using TrustMetrics.Clv;

namespace TrustMetrics.Benchmarks;

/// <summary>
/// Issue 14 item 2 target: per-customer prediction intervals (E[Y(t)], P(alive) with parameter uncertainty, the count's 90 %
/// interval) for 1,000,000 customers in ≤ 2 s in-process. Data: the peers' <c>bgnbd_1000000.csv</c> (continuous recency and T,
/// 985,394 distinct rows; <c>$PEERS_DIR/synth</c>, default /work/peers/synth), BG/NBD fitted once in the setup, horizon 39.
/// Baseline in the same run: the point predictions E[Y(39)] for the same customers (the existing batch API).
/// </summary>
[MemoryDiagnoser]
public class ClvIntervalBenchmarks
{
    private PurchaseHistory[] histories = null!;
    private ClvFit<BgNbdModel> fit = null!;
    private double[] destination = null!;

    [GlobalSetup]
    public void Setup()
    {
        string dir = Environment.GetEnvironmentVariable("PEERS_DIR") is { Length: > 0 } peers ? Path.Combine(peers, "synth") : "/work/peers/synth";
        histories = File.ReadLines(Path.Combine(dir, "bgnbd_1000000.csv")).Skip(1).Select(l => l.Split(','))
            .Select(c => new PurchaseHistory(long.Parse(c[1], CultureInfo.InvariantCulture), D(c[2]), D(c[3]))).ToArray();
        fit = new BgNbdFitter().Fit(CompressedHistories.From(histories));
        destination = new double[histories.Length];
    }

    [Benchmark(Baseline = true)]
    public double[] PointPredictionsMillion()
    {
        fit.Model.ConditionalExpectedPurchases(39, histories, destination);
        return destination;
    }

    [Benchmark]
    public PredictionIntervals IntervalsMillion() => new PredictionIntervalCalculator().Compute(fit, histories, 39, 0.9);

    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);
}
