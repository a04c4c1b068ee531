using System.Globalization;
using System.Text;

namespace TrustMetrics.Cli.Report;

/// <summary>Writes the report folder: report.md, report.json, report.html, data/*.csv and charts/*.svg.</summary>
internal static class ReportFolder
{
    public const string Prefix = "trustmetrics-report-";

    /// <summary>The default folder: a new trustmetrics-report-YYYYMMDD-HHMMSS under <paramref name="parent"/> (-2, -3 … if taken).</summary>
    public static string NewDefault(string parent, DateTimeOffset now)
    {
        string stem = Path.Combine(parent, Prefix + now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        string path = stem;
        for (int i = 2; Directory.Exists(path) || File.Exists(path); i++)
        {
            path = stem + "-" + i.ToString(CultureInfo.InvariantCulture);
        }

        return path;
    }

    /// <summary>Renders everything in memory first, then writes; the folder is created if needed and existing report files are replaced.</summary>
    public static void Write(string folder, ReportModel model)
    {
        var files = new List<(string Path, string Text)>
        {
            ("report.md", MarkdownReport.Render(model)),
            ("report.json", JsonReport.Render(model)),
            ("report.html", HtmlReport.Render(model)),
        };
        foreach (var section in model.Sections)
        {
            files.AddRange(section.Data.Select(t => (Path.Combine("data", t.Name + ".csv"), t.ToCsv())));
            files.AddRange(section.Charts.Select(c => (Path.Combine("charts", c.Id + ".svg"), c.Svg)));
        }

        Directory.CreateDirectory(Path.Combine(folder, "data"));
        Directory.CreateDirectory(Path.Combine(folder, "charts"));
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        foreach (var (path, text) in files)
        {
            File.WriteAllText(Path.Combine(folder, path), text, utf8);
        }
    }
}
