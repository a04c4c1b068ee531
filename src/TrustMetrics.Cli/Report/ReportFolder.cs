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

    /// <summary>The manifest: the files the last report wrote into the folder, one relative path a line.</summary>
    public const string ManifestName = ".trustmetrics-report";

    /// <summary>
    /// Renders everything in memory first, then writes each file atomically. An existing folder is reused only when it is empty
    /// or holds a report written by this tool (its manifest): then the files of this report replace their namesakes and the files
    /// the previous report wrote that this one does not (stale charts, data of a section now skipped) are removed; other files
    /// are left alone. A non-empty folder without a manifest is refused (exit code 2): it is not ours to overwrite.
    /// </summary>
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
            files.AddRange(section.Data.Select(t => ("data/" + t.Name + ".csv", t.ToCsv())));
            files.AddRange(section.Charts.Select(c => ("charts/" + c.Id + ".svg", c.Svg)));
        }

        string manifest = Path.Combine(folder, ManifestName);
        var previous = new List<string>();
        if (File.Exists(folder))
        {
            throw new Input.InputException($"--output {folder}: is a file; the report needs a folder.");
        }

        if (Directory.Exists(folder))
        {
            if (File.Exists(manifest))
            {
                previous.AddRange(File.ReadAllLines(manifest).Where(l => l.Length > 0 && !l.Contains("..", StringComparison.Ordinal) && !Path.IsPathRooted(l)));
            }
            else if (Directory.EnumerateFileSystemEntries(folder).Any())
            {
                throw new Input.InputException($"--output {folder}: the folder is not empty and holds no report written by trustmetrics ({ManifestName} is missing); choose a new or empty folder.");
            }
        }

        foreach (var (path, text) in files)
        {
            Output.OutputFile.WriteText(Path.Combine(folder, path), text);
        }

        var written = files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        foreach (string stale in previous.Where(p => !written.Contains(p)))
        {
            string full = Path.Combine(folder, stale);
            if (File.Exists(full))
            {
                File.Delete(full);
            }
        }

        Output.OutputFile.WriteText(manifest, string.Join('\n', files.Select(f => f.Path)) + "\n");
    }
}
