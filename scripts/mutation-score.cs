#!/usr/bin/env dotnet
// Mutation score per namespace of the core from a Stryker.NET JSON report (mutation-testing-report-schema):
//   dotnet run scripts/mutation-score.cs -- artifacts/mutation/<run>/reports/mutation-report.json
// score = detected / (detected + undetected), detected = Killed + Timeout, undetected = Survived + NoCoverage
// (Stryker's definition; CompileError, RuntimeError and Ignored mutants do not count).
using System.Globalization;
using System.Text.Json;

if (args.Length != 1 || !File.Exists(args[0]))
{
    Console.Error.WriteLine("usage: dotnet run scripts/mutation-score.cs -- path/to/mutation-report.json");
    return 2;
}

using var report = JsonDocument.Parse(File.ReadAllBytes(args[0]));
var rows = new SortedDictionary<string, int[]>(StringComparer.Ordinal); // namespace -> killed, timeout, survived, nocoverage, other
foreach (var file in report.RootElement.GetProperty("files").EnumerateObject())
{
    string path = file.Name.Replace('\\', '/');
    int at = path.IndexOf("src/TrustMetrics/", StringComparison.Ordinal);
    string relative = at >= 0 ? path[(at + "src/TrustMetrics/".Length)..] : path;
    string ns = relative.Contains('/', StringComparison.Ordinal) ? relative[..relative.IndexOf('/', StringComparison.Ordinal)] : "(root)";
    if (!rows.TryGetValue(ns, out int[]? counts))
    {
        rows[ns] = counts = new int[5];
    }

    foreach (var mutant in file.Value.GetProperty("mutants").EnumerateArray())
    {
        int slot = mutant.GetProperty("status").GetString() switch
        {
            "Killed" => 0,
            "Timeout" => 1,
            "Survived" => 2,
            "NoCoverage" => 3,
            _ => 4,
        };
        counts[slot]++;
    }
}

Console.WriteLine($"{"namespace",-16} {"killed",7} {"timeout",7} {"survived",8} {"no cov.",7} {"other",6} {"score",7}");
var total = new int[5];
foreach (var (ns, c) in rows)
{
    Print(ns, c);
    for (int i = 0; i < 5; i++)
    {
        total[i] += c[i];
    }
}

Print("total", total);
return 0;

static void Print(string name, int[] c)
{
    int detected = c[0] + c[1], valid = detected + c[2] + c[3];
    string score = valid == 0 ? "n/a" : (100.0 * detected / valid).ToString("0.0", CultureInfo.InvariantCulture) + " %";
    Console.WriteLine($"{name,-16} {c[0],7} {c[1],7} {c[2],8} {c[3],7} {c[4],6} {score,7}");
}
