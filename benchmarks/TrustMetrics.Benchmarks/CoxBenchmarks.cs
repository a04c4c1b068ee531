using BenchmarkDotNet.Attributes;
using TrustMetrics.Survival;

namespace TrustMetrics.Benchmarks;

/// <summary>
/// Cox regression in process on the case: data as <c>gen_cox.py 1000000 10</c> makes them (1,000,000 customers, 10
/// covariates, the first binary, β from 0.5 to −0.5, Weibull(1.3) baseline, ~22 % censored, times rounded up to whole days:
/// ~1,150 distinct times, heavy ties), drawn here with a seeded <see cref="Random"/>; and 100,000 customers × 3 (start, stop]
/// rows with two time-varying covariates (as <c>benchmarks/cli/gen_cox_tv.py</c>). R survival 3.5-3's <c>coxph</c> takes 8.1 s
/// in process on the 1M case on this machine (issue 13; target ≤ 0.8 s for the fit).
/// Baseline: one pass computing η = Xβ and exp(η) over the sorted rows — the memory-bandwidth floor of one Newton evaluation.
/// </summary>
[MemoryDiagnoser]
public class CoxBenchmarks
{
    private const int Covariates = 10;
    private static readonly CoxRegression Regression = new();

    private string[] names = [];
    private double[][] columns = [];
    private double[] stop = [];
    private bool[] events = [];
    private CoxData data = null!;
    private CoxFit fit = null!;
    private double[] beta = [];
    private double[] eta = [];
    private string[] tvNames = [];
    private double[][] tvColumns = [];
    private double[] tvStart = [];
    private double[] tvStop = [];
    private bool[] tvEvents = [];

    [GlobalSetup]
    public void Setup()
    {
        const int n = 1_000_000;
        var random = new Random(20261206);
        names = Enumerable.Range(1, Covariates).Select(j => $"x{j}").ToArray();
        columns = names.Select(_ => new double[n]).ToArray();
        stop = new double[n];
        events = new bool[n];
        var t = new double[n];
        for (int i = 0; i < n; i++)
        {
            double lin = 0;
            for (int j = 0; j < Covariates; j++)
            {
                double x = Normal(random);
                if (j == 0) x = x > 0 ? 1 : 0;
                columns[j][i] = Math.Round(x, 6);
                lin += (0.5 - (j / (Covariates - 1.0))) * x;
            }

            t[i] = Math.Pow(-Math.Log(1 - random.NextDouble()) / (0.002 * Math.Exp(lin)), 1 / 1.3);
        }

        double scale = t.Order().ElementAt((int)(0.8 * n)) * 2.2;
        for (int i = 0; i < n; i++)
        {
            double c = -scale * Math.Log(1 - random.NextDouble());
            stop[i] = Math.Max(1, Math.Ceiling(Math.Min(t[i], c)));
            events[i] = t[i] <= c;
        }

        data = CoxData.Create(names, columns, stop, events);
        fit = Regression.Fit(data);
        beta = [.. fit.Coefficients.Select(k => k.Coefficient)];
        eta = new double[n];

        // 100,000 customers × 3 rows: a drifting score (x4) and a plan switch (x5) change between a customer's rows.
        const int m = 100_000;
        tvNames = ["x1", "x2", "x3", "x4", "x5"];
        tvColumns = tvNames.Select(_ => new double[3 * m]).ToArray();
        tvStart = new double[3 * m];
        tvStop = new double[3 * m];
        tvEvents = new bool[3 * m];
        for (int i = 0; i < m; i++)
        {
            var x = new double[5];
            for (int j = 0; j < 5; j++) x[j] = Normal(random);
            x[0] = x[0] > 0 ? 1 : 0;
            x[4] = x[4] > 0.5 ? 1 : 0;
            double lin = (0.5 * x[0]) - (0.3 * x[1]) + (0.2 * x[2]) + (0.4 * x[3]) - (0.2 * x[4]);
            double ti = Math.Pow(-Math.Log(1 - random.NextDouble()) / (0.002 * Math.Exp(lin)), 1 / 1.3);
            double ci = -600 * Math.Log(1 - random.NextDouble());
            double end = Math.Max(3, Math.Ceiling(Math.Min(ti, ci)));
            double a = Math.Floor(random.NextDouble() * end), b = Math.Floor(random.NextDouble() * end);
            double c1 = Math.Clamp(Math.Min(a, b), 1, end - 2), c2 = Math.Clamp(Math.Max(a, b), c1 + 1, end - 1);
            double[] starts = [0, c1, c2], stops = [c1, c2, end];
            for (int k = 0; k < 3; k++)
            {
                int r = (3 * i) + k;
                tvStart[r] = starts[k];
                tvStop[r] = stops[k];
                tvEvents[r] = k == 2 && ti <= ci;
                for (int j = 0; j < 5; j++) tvColumns[j][r] = x[j];
                tvColumns[3][r] = x[3] + (0.5 * k);
                if (k > 0) tvColumns[4][r] = random.NextDouble() < 0.4 ? 1 : 0;
            }
        }
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>η = Xβ and exp(η) over the sorted rows once (bandwidth floor of one evaluation).</summary>
    [Benchmark(Baseline = true)]
    public double LinearPredictorPass()
    {
        var x = data.X;
        double total = 0;
        for (int r = 0; r < eta.Length; r++)
        {
            double e = 0;
            for (int j = 0; j < Covariates; j++) e += x[(r * Covariates) + j] * beta[j];
            eta[r] = e;
            total += Math.Exp(e);
        }

        return total;
    }

    /// <summary><see cref="CoxData.Create"/>: validation, sort by time, centred row-major layout, event slots.</summary>
    [Benchmark]
    public int BuildData() => CoxData.Create(names, columns, stop, events).RowCount;

    /// <summary>The Efron fit (Newton–Raphson from β = 0 to R's convergence rule, covariance) on built data.</summary>
    [Benchmark]
    public double FitEfron() => Regression.Fit(data).LogLikelihood;

    /// <summary>The same with Breslow ties.</summary>
    [Benchmark]
    public double FitBreslow() => Regression.Fit(data, new CoxFitOptions(CoxTies.Breslow)).LogLikelihood;

    /// <summary>Build and fit: what the CLI does after reading the file.</summary>
    [Benchmark]
    public double BuildAndFit() => Regression.Fit(CoxData.Create(names, columns, stop, events)).LogLikelihood;

    /// <summary>Harrell's concordance with its standard error (R <c>concordance(fit)</c>).</summary>
    [Benchmark]
    public double? Concordance() => fit.Concordance(data).Value;

    /// <summary>The proportional-hazards test (R <c>cox.zph</c>, km transform), every term and global.</summary>
    [Benchmark]
    public double ProportionalHazardsTest() => fit.ProportionalHazardsTest(data).Global.Statistic;

    /// <summary>100,000 customers × 3 (start, stop] rows: build and fit (Efron).</summary>
    [Benchmark]
    public double TimeVaryingBuildAndFit() =>
        Regression.Fit(CoxData.Create(tvNames, tvColumns, tvStop, tvEvents, start: tvStart)).LogLikelihood;
}
