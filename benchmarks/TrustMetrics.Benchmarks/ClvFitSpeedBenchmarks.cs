using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using TrustMetrics.Clv;

namespace TrustMetrics.Benchmarks;

/// <summary>
/// Issue 14 item 5: the parts of <c>clv fit --model bgnbd</c> on the peers' real-shaped summary <c>bgnbd_1000000.csv</c>
/// (1,000,000 customers, 985,394 distinct (x, t_x, T) rows with 6-decimal recency and T; <c>$PEERS_DIR/synth/</c>, default
/// /work/peers/synth), each against the path it replaced, in the same run:
/// the BG/NBD log-likelihood and gradient over all rows (scalar per-row sum = baseline, vs four rows per vector with per-x
/// constants hoisted out of the runs), the compression of the million customers (hash-table builder = baseline, vs radix sort of
/// whole columns), and the whole fit (pilot, Newton steps, exact Hessian). Whole-process figures against lifetimes:
/// <c>benchmarks/cli/clv-fit.sh</c>.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class ClvFitSpeedBenchmarks
{
    private readonly double[] gradient = new double[4];
    private int[] x = null!;
    private double[] tx = null!;
    private double[] t = null!;
    private int[] xCopy = null!;
    private double[] txCopy = null!;
    private double[] tCopy = null!;
    private PurchaseHistory[] histories = null!;
    private CompressedHistories data = null!;

    [GlobalSetup]
    public void Setup()
    {
        string directory = Environment.GetEnvironmentVariable("PEERS_DIR") is { Length: > 0 } peers ? Path.Combine(peers, "synth") : "/work/peers/synth";
        string file = Path.Combine(directory, "bgnbd_1000000.csv");
        var rows = File.ReadLines(file).Skip(1).Select(line => line.Split(',')).Select(c =>
            (X: int.Parse(c[1], CultureInfo.InvariantCulture), Tx: double.Parse(c[2], CultureInfo.InvariantCulture), T: double.Parse(c[3], CultureInfo.InvariantCulture))).ToArray();
        x = rows.Select(r => r.X).ToArray();
        tx = rows.Select(r => r.Tx).ToArray();
        t = rows.Select(r => r.T).ToArray();
        (xCopy, txCopy, tCopy) = (new int[x.Length], new double[x.Length], new double[x.Length]);
        histories = rows.Select(r => new PurchaseHistory(r.X, r.Tx, r.T)).ToArray();
        data = CompressedHistories.From(histories);
        Console.WriteLine($"// {histories.Length:N0} customers → {data.RowCount:N0} distinct rows");
    }

    [Benchmark(Baseline = true, Description = "BG/NBD −LL + gradient, scalar rows (before)")]
    [BenchmarkCategory("Likelihood")]
    public double LikelihoodScalar() => BetaGeometricLikelihood.NegativeScalar(data, 0.2424, 4.4106, 0.7846, 2.4108, 0, gradient);

    [Benchmark(Description = "BG/NBD −LL + gradient, Vector256 runs")]
    [BenchmarkCategory("Likelihood")]
    public double LikelihoodVector() => BetaGeometricLikelihood.Negative(data, 0.2424, 4.4106, 0.7846, 2.4108, 0, gradient);

    [Benchmark(Description = "BG/NBD exact Hessian")]
    [BenchmarkCategory("Likelihood")]
    public double[] Hessian() => BetaGeometricLikelihood.Hessian(data, 0.2424, 4.4106, 0.7846, 2.4108, 0);

    [Benchmark(Baseline = true, Description = "compress 1M histories, hash-table builder (before)")]
    [BenchmarkCategory("Compress")]
    public CompressedHistories CompressBuilder() => CompressedHistories.From(histories);

    [Benchmark(Description = "compress 1M histories, column radix sort (incl. copying the columns)")]
    [BenchmarkCategory("Compress")]
    public CompressedHistories CompressColumns()
    {
        // Compress uses its input arrays as sort buffers.
        x.CopyTo(xCopy, 0);
        tx.CopyTo(txCopy, 0);
        t.CopyTo(tCopy, 0);
        return CompressedHistoriesColumns.Compress(xCopy, txCopy, tCopy, xCopy.Length);
    }

    [Benchmark(Description = "BG/NBD fit on the 985,394 rows (pilot + Newton + exact Hessian)")]
    [BenchmarkCategory("Fit")]
    public ClvFit<BgNbdModel> Fit() => new BgNbdFitter().Fit(data);
}
