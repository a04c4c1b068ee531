using System.Globalization;

namespace TrustMetrics.Tests.Survival;

/// <summary>Reads the reference tables the R scripts in Survival/Data wrote (17 significant digits, "NA" for R's missing values).</summary>
internal static class RReference
{
    /// <summary>The rows of a CSV written by an R script, keyed by column name; NA becomes NaN.</summary>
    public static IReadOnlyList<Dictionary<string, double>> Table(string file)
    {
        var lines = File.ReadAllLines(Path(file)).Where(l => l.Length > 0).ToArray();
        var header = lines[0].Split(',').Select(h => h.Trim('"')).ToArray();
        return lines.Skip(1).Select(line =>
        {
            var cells = line.Split(',');
            var row = new Dictionary<string, double>(StringComparer.Ordinal);
            for (int i = 0; i < header.Length; i++)
            {
                row[header[i]] = Number(cells[i]);
            }

            return row;
        }).ToList();
    }

    /// <summary>The raw lines of a data file (header skipped), split at commas or tabs.</summary>
    public static IEnumerable<string[]> Rows(string file, char separator = ',') =>
        File.ReadLines(Path(file)).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(separator).Select(c => c.Trim('"')).ToArray());

    public static double Number(string text) =>
        text.Trim() is "NA" or "NaN" ? double.NaN : double.Parse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string Path(string file) => System.IO.Path.Combine(AppContext.BaseDirectory, "Survival", "Data", file);
}
