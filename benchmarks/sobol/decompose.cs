#:project ../../src/TrustMetrics/TrustMetrics.csproj
#:property PublishAot=false
// In-process time of ISobolCalculator.DecomposeUncertainty (issue 15, item 8): the embedded sample company (4,000
// respondents, 4 segments) and 100,000 generated respondents (4 segments, 15 items, ~2 % blanks), N = 1024, R = 200,
// 200 replicates (the CLI's --sobol 1024) and the report's N = 512, R = 100, 100 replicates. Median of RUNS after one warm-up.
//
//   dotnet run benchmarks/sobol/decompose.cs -- [RUNS=5]
using System.Diagnostics;
using TrustMetrics.TrustIndex;
using TrustMetrics.TrustIndex.Sensitivity;

int runs = args.Length > 0 ? int.Parse(args[0]) : 5;
string repo = Path.GetFullPath(Path.Combine(AppContext.GetData("EntryPointFileDirectoryPath") as string ?? ".", "..", ".."));
var items = TrustDrivers.Default().SelectMany(d => d.Items).ToArray();

TrustSurvey Sample()
{
    var lines = File.ReadAllLines(Path.Combine(repo, "src/TrustMetrics.Cli/Sample/survey.csv"));
    var header = lines[0].Split(',');
    int seg = Array.IndexOf(header, "segment");
    var cols = items.Select(i => Array.IndexOf(header, i)).ToArray();
    var values = new List<double>();
    var segments = new List<string>();
    foreach (var line in lines.Skip(1))
    {
        var cells = line.Split(',');
        segments.Add(cells[seg]);
        values.AddRange(cols.Select(c => cells[c].Length == 0 ? double.NaN : double.Parse(cells[c], System.Globalization.CultureInfo.InvariantCulture)));
    }

    return new TrustSurvey(items, values.ToArray(), segments);
}

TrustSurvey Generated(int n)
{
    var random = new Random(20261206);
    string[] names = ["SMB", "Enterprise", "Consumer", "Public sector"];
    var values = new double[n * items.Length];
    var segments = new string[n];
    for (int r = 0; r < n; r++)
    {
        int s = r % 4;
        segments[r] = names[s];
        double level = 2.6 + (0.3 * s) + random.NextDouble();
        for (int j = 0; j < items.Length; j++)
        {
            values[(r * items.Length) + j] = random.NextDouble() < 0.02 ? double.NaN
                : Math.Clamp(Math.Round(level + (((j % 4) - 1.5) * 0.2 * s) + random.NextDouble() - 0.5), 1, 5);
        }
    }

    return new TrustSurvey(items, values, segments);
}

var calculator = new SobolCalculator();
foreach (var (name, survey) in new[] { ("sample (4,000)", Sample()), ("generated (100,000)", Generated(100_000)) })
{
    foreach (var (n, r, b) in new[] { (1024, 200, 200), (512, 100, 100) })
    {
        calculator.DecomposeUncertainty(survey, n, r, b);
        var times = new List<double>();
        var cpu = new List<double>();
        TrustIndexUncertaintyResult? result = null;
        for (int i = 0; i < runs; i++)
        {
            var process = Process.GetCurrentProcess();
            var cpu0 = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            result = calculator.DecomposeUncertainty(survey, n, r, b);
            times.Add(watch.Elapsed.TotalMilliseconds);
            process.Refresh();
            cpu.Add((process.TotalProcessorTime - cpu0).TotalMilliseconds);
        }

        times.Sort();
        cpu.Sort();
        var all = result!.Units[0];
        Console.WriteLine($"{name}: N {n}, R {r}, B {b}: median {times[times.Count / 2]:F0} ms wall (min {times[0]:F0}, max {times[^1]:F0}), {cpu[cpu.Count / 2]:F0} ms CPU; " +
            $"{result.MethodCount} methods; (all) variance {all.Variance:F3}, sampling {100 * all.SamplingShare:F2}%, nominal bootstrap SD {Math.Sqrt(all.NominalSamplingVariance ?? 0):F3}");
    }
}
