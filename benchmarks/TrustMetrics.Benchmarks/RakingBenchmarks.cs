using BenchmarkDotNet.Attributes;
using TrustMetrics.Weighting;

namespace TrustMetrics.Benchmarks;

/// <summary>
/// Raking 10,000,000 respondents on 3 margins (region 4 × age 5 × channel 3 levels, seeded skewed draws): the cell collapse
/// (one pass over the rows) plus iterative proportional fitting over the ≤ 60 cells to 1e-12, and the same followed by the raked
/// NPS with its svymean raked-design SE. Target (issue 15): raking ≤ 2 s.
/// </summary>
[MemoryDiagnoser]
public class RakingBenchmarks
{
    private readonly RakingMargin[] margins =
    [
        new("region", ["north", "south", "east", "west"], [0.25, 0.25, 0.25, 0.25]),
        new("age", ["18-29", "30-44", "45-59", "60+", "unknown"], [0.2, 0.25, 0.25, 0.25, 0.05]),
        new("channel", ["app", "web", "store"], [0.4, 0.35, 0.25]),
    ];

    private int[][] codes = [];
    private int[] scores = [];

    [Params(10_000_000)]
    public int Count { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20261206);
        int Draw(double[] p)
        {
            double u = random.NextDouble(), c = 0;
            for (int k = 0; k < p.Length - 1; k++)
            {
                c += p[k];
                if (u < c)
                {
                    return k;
                }
            }

            return p.Length - 1;
        }

        codes = [new int[Count], new int[Count], new int[Count]];
        scores = new int[Count];
        for (int i = 0; i < Count; i++)
        {
            codes[0][i] = Draw([0.4, 0.3, 0.2, 0.1]);
            codes[1][i] = Draw([0.35, 0.3, 0.2, 0.1, 0.05]);
            codes[2][i] = Draw([0.5, 0.3, 0.2]);
            scores[i] = random.Next(0, 11);
        }
    }

    [Benchmark(Baseline = true)]
    public RakedWeights Rake() => Raking.Rake(margins, codes);

    [Benchmark]
    public double RakeAndNps() => Raking.Rake(margins, codes).Nps(scores).Score.StandardError;
}
