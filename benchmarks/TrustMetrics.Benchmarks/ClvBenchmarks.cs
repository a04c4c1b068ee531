using System.Globalization;
using BenchmarkDotNet.Attributes;
using MathNet.Numerics.Distributions;
using TrustMetrics.Clv;
using TrustMetrics.Tests.Clv;

namespace TrustMetrics.Benchmarks;

/// <summary>
/// Customer-lifetime-value costs (issue 3 targets: CDNOW BG/NBD fit ≤ 5 ms; 1,000,000 customers ≤ 300 ms; E[Y(t)] for 1,000,000
/// customers ≤ 50 ms and allocation-free). lifetimes 0.11.3 on this machine: CDNOW fit 79–97 ms, 1,000,000 customers 13.2–13.8 s,
/// E[X(t)] for 1,000,000 customers 0.52–0.61 s. Simulated data are seeded (BG/NBD at the CDNOW estimates, α in days).
/// </summary>
[MemoryDiagnoser]
public class ClvBenchmarks
{
    private const int Million = 1_000_000;
    private static readonly BgNbdParameters DailyTruth = new(0.243, 4.414 * 7, 0.793, 2.426);

    private CompressedHistories cdnow = null!;
    private CompressedSpend cdnowSpend = null!;
    private PurchaseHistory[] millionDays = null!;
    private CompressedHistories millionDaysCompressed = null!;
    private CompressedHistories millionContinuous = null!;
    private PurchaseHistory[] millionContinuousHistories = null!;
    private (int Id, DateTime Date, double Amount)[] transactions = null!;
    private (int Id, DateTime Date, double Amount)[] cdnowTransactions = null!;
    private CompressedHistories mbgMillionDays = null!;
    private CompressedHistories paretoMillionDays = null!;
    private CompressedHistories paretoCdnowSized = null!;
    private CompressedHistories bgbbMillion = null!;
    private ParetoNbdModel paretoModel = null!;
    private BgNbdModel model = null!;
    private double[] destination = null!;

    [GlobalSetup]
    public void Setup()
    {
        string data = Path.Combine(RepositoryRoot(), "tests", "TrustMetrics.Tests", "Data");
        var rows = File.ReadLines(Path.Combine(data, "cdnow_customers_summary_with_transactions.csv")).Skip(1).Select(l => l.Split(','))
            .Select(c => (H: new PurchaseHistory(long.Parse(c[1], CultureInfo.InvariantCulture), D(c[2]), D(c[3])), M: D(c[4]))).ToArray();
        cdnow = CompressedHistories.From(rows.Select(r => r.H));
        cdnowSpend = CompressedSpend.From(rows.Select(r => (r.H.Frequency, r.M)));
        millionDays = Simulate(DailyTruth, Million, 42, wholeDays: true);
        millionDaysCompressed = CompressedHistories.From(millionDays);
        millionContinuousHistories = Simulate(DailyTruth, Million, 43, wholeDays: false);
        millionContinuous = CompressedHistories.From(millionContinuousHistories);
        transactions = SimulateTransactions(Million, 44);
        cdnowTransactions = File.ReadLines(Path.Combine(data, "CDNOW_sample.txt"))
            .Select(line => line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).Where(c => c.Length == 5)
            .Select(c => (int.Parse(c[1], CultureInfo.InvariantCulture), DateTime.ParseExact(c[2], "yyyyMMdd", CultureInfo.InvariantCulture), D(c[4])))
            .ToArray();
        // MBG/NBD data are BG/NBD draws (the two differ only in who may drop out at the first purchase; a fit is a fit's cost).
        mbgMillionDays = CompressedHistories.From(Simulate(DailyTruth, Million, 45, wholeDays: true));
        paretoMillionDays = CompressedHistories.From(SimulatePareto(new ParetoNbdParameters(0.553, 10.58 * 7, 0.606, 11.67 * 7), Million, 46));
        paretoCdnowSized = CompressedHistories.From(SimulatePareto(new ParetoNbdParameters(0.553, 10.58 * 7, 0.606, 11.67 * 7), 2_357, 47));
        bgbbMillion = SimulateBgBb(new BgBbParameters(1.204, 0.750, 0.657, 2.783), Million, opportunities: 6, seed: 48);
        paretoModel = new ParetoNbdModel(new ParetoNbdParameters(0.553, 10.58, 0.606, 11.67));
        model = new BgNbdModel(new BgNbdParameters(0.243, 4.414, 0.793, 2.426));
        destination = new double[Million];
        Console.WriteLine($"// 1M day-granular customers → {millionDaysCompressed.RowCount:N0} distinct rows; continuous → {millionContinuous.RowCount:N0}");
    }

    [Benchmark(Baseline = true)]
    public ClvFit<BgNbdModel> BgNbdFitCdnow() => new BgNbdFitter().Fit(cdnow);

    [Benchmark]
    public ClvFit<MbgNbdModel> MbgNbdFitCdnow() => new MbgNbdFitter().Fit(cdnow);

    [Benchmark]
    public ClvFit<ParetoNbdModel> ParetoNbdFitCdnow() => new ParetoNbdFitter().Fit(cdnow);

    [Benchmark]
    public ClvFit<GammaGammaModel> GammaGammaFitCdnow() => new GammaGammaFitter().Fit(cdnowSpend);

    [Benchmark]
    public ClvFit<BgNbdModel> BgNbdFitMillionDaysCompressed() => new BgNbdFitter().Fit(millionDaysCompressed);

    [Benchmark]
    public ClvFit<BgNbdModel> BgNbdCompressAndFitMillionDays() => new BgNbdFitter().Fit(CompressedHistories.From(millionDays));

    [Benchmark]
    public ClvFit<BgNbdModel> BgNbdFitMillionDistinctRows() => new BgNbdFitter().Fit(millionContinuous);

    [Benchmark]
    public double[] ConditionalExpectationMillion()
    {
        model.ConditionalExpectedPurchases(39, millionDays, destination);
        return destination;
    }

    [Benchmark]
    public ClvFit<MbgNbdModel> MbgNbdFitMillionDays() => new MbgNbdFitter().Fit(mbgMillionDays);

    [Benchmark]
    public ClvFit<ParetoNbdModel> ParetoNbdFitCdnowSizedSimulation() => new ParetoNbdFitter().Fit(paretoCdnowSized);

    [Benchmark]
    public ClvFit<ParetoNbdModel> ParetoNbdFitMillionDays() => new ParetoNbdFitter().Fit(paretoMillionDays);

    [Benchmark]
    public ClvFit<BgBbModel> BgBbFitMillion() => new BgBbFitter().Fit(bgbbMillion);

    [Benchmark]
    public double[] ParetoConditionalExpectationMillion()
    {
        paretoModel.ConditionalExpectedPurchases(39, millionDays, destination);
        return destination;
    }

    [Benchmark]
    public int SummarizeCdnow()
    {
        var summarizer = new TransactionSummarizer<int>(new DateTime(1997, 9, 30), ClvTimeUnit.Day, 7);
        foreach (var (id, date, amount) in cdnowTransactions)
        {
            summarizer.Add(id, date, amount);
        }

        return summarizer.Summarize().Count;
    }

    /// <summary>The worst case for the (x, T) cache: continuous times, every customer distinct.</summary>
    [Benchmark]
    public double[] ConditionalExpectationMillionContinuous()
    {
        model.ConditionalExpectedPurchases(39, millionContinuousHistories, destination);
        return destination;
    }

    [Benchmark]
    public double[] ProbabilityAliveMillion()
    {
        model.ProbabilityAlive(millionDays, destination);
        return destination;
    }

    [Benchmark]
    public int SummarizeMillionTransactions()
    {
        var summarizer = new TransactionSummarizer<int>(new DateTime(2014, 12, 31));
        foreach (var (id, date, amount) in transactions)
        {
            summarizer.Add(id, date, amount);
        }

        return summarizer.Summarize().Count;
    }

    private static PurchaseHistory[] Simulate(BgNbdParameters p, int customers, int seed, bool wholeDays)
    {
        var random = new Random(seed);
        var gamma = new Gamma(p.R, p.Alpha, random);
        var beta = new Beta(p.A, p.B, random);
        var result = new PurchaseHistory[customers];
        for (int i = 0; i < customers; i++)
        {
            double T = wholeDays ? random.Next(1, 366) : 1 + (random.NextDouble() * 364);
            double lambda = gamma.Sample(), dropout = beta.Sample();
            var (x, tx) = PurchasePaths.BgNbd(random, lambda, dropout, T);
            result[i] = new PurchaseHistory(x, x == 0 ? 0 : wholeDays ? Math.Floor(tx) : tx, T);
        }

        return result;
    }

    /// <summary>Pareto/NBD draws: Poisson purchases at rate λ ~ Γ(r, α) until an exponential death at rate μ ~ Γ(s, β); whole days.</summary>
    private static PurchaseHistory[] SimulatePareto(ParetoNbdParameters p, int customers, int seed)
    {
        var random = new Random(seed);
        var lambdas = new Gamma(p.R, p.Alpha, random);
        var mus = new Gamma(p.S, p.Beta, random);
        var result = new PurchaseHistory[customers];
        for (int i = 0; i < customers; i++)
        {
            double T = random.Next(1, 366), lambda = lambdas.Sample(), death = -Math.Log(1 - random.NextDouble()) / mus.Sample();
            var (x, tx) = PurchasePaths.Poisson(random, lambda, Math.Min(T, death));
            result[i] = new PurchaseHistory(x, x == 0 ? 0 : Math.Floor(tx), T);
        }

        return result;
    }

    /// <summary>BG/BB draws over a fixed number of opportunities: purchase with probability p ~ B(α, β) while alive, die with θ ~ B(γ, δ).</summary>
    private static CompressedHistories SimulateBgBb(BgBbParameters q, int customers, int opportunities, int seed)
    {
        var random = new Random(seed);
        var ps = new Beta(q.Alpha, q.Beta, random);
        var thetas = new Beta(q.Gamma, q.Delta, random);
        var builder = new CompressedHistoriesBuilder();
        for (int i = 0; i < customers; i++)
        {
            double p = ps.Sample(), theta = thetas.Sample();
            long x = 0, last = 0;
            for (int k = 1; k <= opportunities && random.NextDouble() >= theta; k++)
            {
                if (random.NextDouble() < p)
                {
                    x++;
                    last = k;
                }
            }

            builder.Add(new PurchaseHistory(x, last, opportunities));
        }

        return builder.Build();
    }

    private static (int, DateTime, double)[] SimulateTransactions(int count, int seed)
    {
        var random = new Random(seed);
        var start = new DateTime(2014, 1, 1);
        return Enumerable.Range(0, count).Select(_ => (random.Next(0, 200_000), start.AddDays(random.Next(0, 365)), Math.Round(random.NextDouble() * 100, 2))).ToArray();
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TrustMetrics.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("TrustMetrics.sln not found above " + AppContext.BaseDirectory);
    }

    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);
}
