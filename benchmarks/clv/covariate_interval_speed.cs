#:project ../../src/TrustMetrics/TrustMetrics.csproj
#:include ../../tests/TrustMetrics.Tests/Clv/Covariates/CovariateSimulator.cs
#:include ../../tests/TrustMetrics.Tests/Clv/PurchasePaths.cs
#:property PublishAot=false
#:property TreatWarningsAsErrors=false
// Cost of the prediction intervals after a covariate fit (docs/clv.md §14) against the no-covariate intervals on the same
// histories, in-process, medians of ROUNDS: N simulated BG/NBD customers (T uniform 30–52 weeks, horizon 39) with
//   binary     — one binary covariate: 2 patterns, cost ≈ the plain path's (same distinct rows, split in two);
//   continuous — the binary one plus an N(0, 1) score: every customer is their own pattern, so every customer pays the
//                per-pattern set-up (the BG/NBD family's per-parameter tables) besides their row.
//   dotnet run -c Release benchmarks/clv/covariate_interval_speed.cs -- [N=100000] [ROUNDS=3]
using System.Diagnostics;
using System.Globalization;
using TrustMetrics.Clv;
using TrustMetrics.Tests.Clv.Covariates;

int n = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
int rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
double[] truth = [0.6, 4.0, 0.8, 2.5, 0.5, 0.3, -0.4, 0.3];
var design = CovariateSimulator.Design(n, 1);
var histories = CovariateSimulator.BgNbd(truth, design, 2);
var binaryValues = new double[n, 1];
for (int i = 0; i < n; i++)
{
    binaryValues[i, 0] = design[i, 0];
}

var binary = new CovariateMatrix(["channel=web"], binaryValues);
var plainFit = new BgNbdFitter().Fit(CompressedHistories.From(histories));
var binaryFit = new BgNbdCovariateFitter().Fit(histories, binary);
var continuousFit = new BgNbdCovariateFitter().Fit(histories, design);
var calculator = new PredictionIntervalCalculator();
Console.WriteLine(FormattableString.Invariant($"{n} customers, {CompressedHistories.From(histories).RowCount} distinct rows, {Environment.ProcessorCount} cores, load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
Time("plain (no covariates)", () => calculator.Compute(plainFit, histories, 39, 0.9).DistinctRows);
Time("binary covariate", () => calculator.Compute(binaryFit, histories, binary, 39, 0.9).DistinctRows);
Time("binary + continuous", () => calculator.Compute(continuousFit, histories, design, 39, 0.9).DistinctRows);
Console.WriteLine(FormattableString.Invariant($"load after {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));

void Time(string label, Func<int> run)
{
    int rows = run();   // warm-up
    var times = new List<double>();
    for (int k = 0; k < rounds; k++)
    {
        var clock = Stopwatch.StartNew();
        run();
        times.Add(clock.Elapsed.TotalSeconds);
    }

    times.Sort();
    double median = times[times.Count / 2];
    Console.WriteLine(FormattableString.Invariant($"  {label,-24} {median,7:F3} s  ({rows} distinct (pattern, row) computations, {1e6 * median / n:F2} µs/customer)"));
}
