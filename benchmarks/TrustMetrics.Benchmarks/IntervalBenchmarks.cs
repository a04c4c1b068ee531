using BenchmarkDotNet.Attributes;
using TrustMetrics.Nps;

namespace TrustMetrics.Benchmarks;

/// <summary>Cost of each NPS interval method on one tally (the Wald interval is the closed-form baseline).</summary>
[MemoryDiagnoser]
public class IntervalBenchmarks
{
    private static readonly NpsTally Tally = new(1052, 1393, 1555);
    private readonly NpsCalculator calculator = new();

    [Benchmark(Baseline = true)]
    public NpsResult Wald() => calculator.Calculate(Tally, method: NpsIntervalMethod.Wald);

    [Benchmark]
    public NpsResult AdjustedWald() => calculator.Calculate(Tally, method: NpsIntervalMethod.AdjustedWald);

    [Benchmark]
    public NpsResult Score() => calculator.Calculate(Tally, method: NpsIntervalMethod.Score);

    [Benchmark]
    public NpsResult Bayesian() => calculator.Calculate(Tally, method: NpsIntervalMethod.Bayesian);
}
