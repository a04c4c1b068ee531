using System.Globalization;
using TrustMetrics.Survival;

namespace TrustMetrics.Tests.Survival.Cox;

/// <summary>
/// The data sets and R reference values of the Cox tests, read from the source tree (tests/TrustMetrics.Tests/Survival/Cox/Data,
/// origin in its README.md); the values come from Data/cox_reference.R (R survival 3.5-3) with its printed output cox_reference.txt.
/// </summary>
internal static class CoxReferenceData
{
    private static readonly Lazy<Dictionary<string, double[]>> Values = new(() => KeyedVectors("cox_reference.txt"));

    public static string DataFolder
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "TrustMetrics.sln")))
                {
                    return Path.Combine(dir.FullName, "tests", "TrustMetrics.Tests", "Survival", "Cox", "Data");
                }
            }

            throw new InvalidOperationException("TrustMetrics.sln not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>The numbers R printed for <paramref name="key"/> (cox_reference.txt).</summary>
    public static double[] R(string key) => Values.Value.TryGetValue(key, out var v) ? v : throw new KeyNotFoundException(key);

    /// <summary>
    /// A reference file of "key TAB numbers separated by spaces" lines as R's scripts here print them (Inf, -Inf and NA as R
    /// writes them; a "warning" line is skipped).
    /// </summary>
    public static Dictionary<string, double[]> KeyedVectors(string file)
    {
        var map = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (string line in File.ReadLines(Path.Combine(DataFolder, file)))
        {
            var parts = line.Split('\t');
            if (parts.Length != 2 || parts[0] == "warning") continue;
            map[parts[0]] = parts[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(s => s switch { "Inf" => double.PositiveInfinity, "-Inf" => double.NegativeInfinity, "NA" => double.NaN, _ => double.Parse(s, CultureInfo.InvariantCulture) })
                .ToArray();
        }

        return map;
    }

    /// <summary>A table read from a CSV/TSV file: header → column of numbers (empty cell = NaN).</summary>
    public static Dictionary<string, double[]> Table(string file, char separator = ',')
    {
        var lines = File.ReadAllLines(Path.Combine(DataFolder, file)).Where(l => l.Length > 0).ToArray();
        var header = lines[0].Split(separator);
        var columns = header.Select(_ => new double[lines.Length - 1]).ToArray();
        for (int i = 1; i < lines.Length; i++)
        {
            var f = lines[i].Split(separator);
            for (int j = 0; j < header.Length; j++)
            {
                columns[j][i - 1] = f[j].Length == 0 ? double.NaN : double.Parse(f[j], CultureInfo.InvariantCulture);
            }
        }

        return header.Select((h, j) => (h, j)).ToDictionary(t => t.h, t => columns[t.j], StringComparer.Ordinal);
    }

    public static readonly string[] RossiTerms = ["fin", "age", "race", "wexp", "mar", "paro", "prio"];

    /// <summary>rossi.csv (432 rows): Surv(week, arrest) ~ fin + age + race + wexp + mar + paro + prio.</summary>
    public static CoxData Rossi(string[]? terms = null, double[]? weights = null, int[]? clusters = null, double[]? offsets = null, int[]? strata = null)
    {
        var t = Table("rossi.csv");
        terms ??= RossiTerms;
        return CoxData.Create(terms, terms.Select(n => t[n]).ToArray(), t["week"], t["arrest"].Select(a => a == 1).ToArray(),
            weights: weights, offsets: offsets, strata: strata, clusters: clusters);
    }

    public static Dictionary<string, double[]> RossiTable => Table("rossi.csv");

    public static readonly string[] LungTerms = ["age", "sex", "ph.ecog", "ph.karno", "wt.loss"];

    /// <summary>lung.csv complete cases of time, status, age, sex, ph.ecog, ph.karno, wt.loss, inst (167 of 228 rows).</summary>
    public static Dictionary<string, double[]> LungComplete()
    {
        var t = Table("lung.csv");
        string[] needed = ["time", "status", "age", "sex", "ph.ecog", "ph.karno", "wt.loss", "inst"];
        var keep = Enumerable.Range(0, t["time"].Length).Where(i => needed.All(c => !double.IsNaN(t[c][i]))).ToArray();
        return t.ToDictionary(kv => kv.Key, kv => keep.Select(i => kv.Value[i]).ToArray(), StringComparer.Ordinal);
    }

    public static CoxData Lung(string[] terms, bool cluster = false, bool strataBySex = false)
    {
        var t = LungComplete();
        return CoxData.Create(terms, terms.Select(n => t[n]).ToArray(), t["time"], t["status"].Select(a => a == 1).ToArray(),
            clusters: cluster ? t["inst"].Select(v => (int)v).ToArray() : null,
            strata: strataBySex ? t["sex"].Select(v => (int)v).ToArray() : null);
    }

    public static readonly string[] LarynxTerms = ["age", "Stage_II", "Stage_III", "Stage_IV"];

    public static CoxData Larynx()
    {
        var t = Table("larynx.csv");
        return CoxData.Create(LarynxTerms, LarynxTerms.Select(n => t[n]).ToArray(), t["time"], t["death"].Select(a => a == 1).ToArray());
    }

    /// <summary>multicenter_aids_cohort.tsv: Surv(W, T, D) ~ AIDSY (delayed entry at W).</summary>
    public static CoxData Aids()
    {
        var t = Table("multicenter_aids_cohort.tsv", '\t');
        return CoxData.Create(["AIDSY"], [t["AIDSY"]], t["T"], t["D"].Select(a => a == 1).ToArray(), start: t["W"]);
    }

    /// <summary>The separation example of cox_reference.R.</summary>
    public static CoxData Separated()
    {
        var time = Enumerable.Range(1, 20).Select(i => (double)i).ToArray();
        var ev = time.Select(t => ((int)t % 2) == 1).ToArray();
        var x = time.Select((t, i) => t <= 10 && !(!ev[i] && t < 12) ? 1.0 : 0.0).ToArray();
        var z = Enumerable.Range(1, 20).Select(i => ((i * 7 % 11) / 5.0) - 1).ToArray();
        return CoxData.Create(["z", "x"], [z, x], time, ev);
    }
}
