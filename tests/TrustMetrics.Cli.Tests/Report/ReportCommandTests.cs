using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;

namespace TrustMetrics.Cli.Tests.Report;

/// <summary>
/// The full report: files in the folder, report.json numbers equal to the single-family commands on the same data, a
/// well-formed self-contained HTML page, Korean labels with identical numbers, the default folder.
/// </summary>
public sealed class ReportCommandTests(SampleReportFixture sample) : IDisposable, IClassFixture<SampleReportFixture>
{
    private static readonly XNamespace Xhtml = string.Empty;
    private readonly CliRunner cli = new();

    public void Dispose() => cli.Dispose();

    private (CliRunner.Run Run, string Folder) Report(string name, params string[] args)
    {
        string folder = cli.PathOf(name);
        var run = CliRunner.Invoke(["report", "--output", folder, .. args]);
        Assert.True(run.ExitCode == 0, run.Error);
        return (run, folder);
    }

    private static JsonElement Json(string folder) => JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "report.json"))).RootElement;

    private static JsonElement Table(JsonElement report, string name) => report.GetProperty("tables").GetProperty(name);

    [Fact]
    public void Sample_report_writes_markdown_json_html_data_and_charts()
    {
        var (run, folder) = Report("sample");
        foreach (string file in new[] { "report.md", "report.json", "report.html", "data/nps_by_group.csv", "data/clv_customers.csv", "charts/kaplan-meier.svg", "charts/cohort-retention.svg" })
        {
            Assert.True(File.Exists(Path.Combine(folder, file)), file);
        }

        Assert.Contains(folder, run.Output);
        Assert.Contains("TrustMetrics survey report", run.Output);
        Assert.Equal(string.Empty, run.Error);
        var json = Json(folder);
        Assert.Equal(["survey", "trust", "churn", "survival", "cox", "clv", "customer-value", "repurchase", "service", "reviews", "sentiment"], json.GetProperty("sections").EnumerateArray().Select(s => s.GetProperty("id").GetString()));
        Assert.True(json.GetProperty("sample").GetBoolean());
        // Tidy: every table is an array of flat records.
        foreach (var table in json.GetProperty("tables").EnumerateObject())
        {
            Assert.All(table.Value.EnumerateArray(), row => Assert.All(row.EnumerateObject(), cell => Assert.NotEqual(JsonValueKind.Object, cell.Value.ValueKind)));
        }

        string markdown = File.ReadAllText(Path.Combine(folder, "report.md"));
        Assert.StartsWith("# TrustMetrics report", markdown);
        Assert.Contains("![", markdown);
        Assert.Contains("(charts/nps-trend.svg)", markdown);
    }

    [Fact]
    public void Survey_numbers_equal_the_nps_and_csat_commands()
    {
        string survey = cli.Sample("survey.csv");
        var report = Json(Report("survey", "--survey", survey).Folder);
        var nps = CliRunner.Invoke("nps", "-i", survey, "-c", "nps", "--group", "segment", "-f", "json").Json();
        var overall = Table(report, "survey_overall").EnumerateArray().Single(r => r.GetProperty("metric").GetString() == "nps");
        Assert.Equal(nps.GetProperty("score").GetDouble(), overall.GetProperty("value").GetDouble(), 12);
        Assert.Equal(nps.GetProperty("confidenceInterval").GetProperty("lower").GetDouble(), overall.GetProperty("lower").GetDouble(), 12);
        foreach (var group in nps.GetProperty("groups").EnumerateArray())
        {
            var row = Table(report, "nps_by_group").EnumerateArray().Single(r => r.GetProperty("by").GetString() == "segment" && r.GetProperty("group").GetString() == group.GetProperty("group").GetString());
            Assert.Equal(group.GetProperty("score").GetDouble(), row.GetProperty("score").GetDouble(), 12);
            Assert.Equal(group.GetProperty("n").GetInt64(), row.GetProperty("n").GetInt64());
        }

        var csat = CliRunner.Invoke("csat", "-i", survey, "-c", "csat", "-f", "json").Json();
        var csatRow = Table(report, "survey_overall").EnumerateArray().Single(r => r.GetProperty("metric").GetString() == "csat" && r.GetProperty("measure").GetString() == "topBox");
        Assert.Equal(csat.GetProperty("percentSatisfied").GetProperty("value").GetDouble(), csatRow.GetProperty("value").GetDouble(), 12);
        // The documented app dip of 2026-04 is flagged.
        Assert.Contains(Table(report, "nps_changes").EnumerateArray(), c => c.GetProperty("group").GetString() == "app" && c.GetProperty("to").GetString() == "2026-04" && c.GetProperty("significant").GetBoolean());
    }

    [Fact]
    public void Churn_numbers_equal_the_churn_command()
    {
        string customers = cli.Sample("customers.csv");
        var report = Json(Report("churn", "--customers", customers).Folder);
        var churn = CliRunner.Invoke("churn", "-i", customers, "--start", "start", "--end", "end", "--id", "customer_id", "-f", "json").Json();
        var expected = churn.GetProperty("periods").EnumerateArray().ToList();
        var actual = Table(report, "churn_by_period").EnumerateArray().ToList();
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].GetProperty("start").GetString(), actual[i].GetProperty("start").GetString());
            Assert.Equal(expected[i].GetProperty("lost").GetInt64(), actual[i].GetProperty("lost").GetInt64());
            if (expected[i].GetProperty("churn").ValueKind == JsonValueKind.Object)
            {
                Assert.Equal(expected[i].GetProperty("churn").GetProperty("value").GetDouble(), actual[i].GetProperty("churn").GetDouble(), 12);
                Assert.Equal(expected[i].GetProperty("churn").GetProperty("confidenceInterval").GetProperty("upper").GetDouble(), actual[i].GetProperty("churnUpper").GetDouble(), 12);
            }
        }

        var weighted = churn.GetProperty("cohorts").GetProperty("summary").EnumerateArray().Select(a => a.GetProperty("weighted").GetProperty("value").GetDouble());
        Assert.Equal(weighted, Table(report, "cohort_summary").EnumerateArray().Select(a => a.GetProperty("weighted").GetDouble()));
        // Only the given input was read: no survey or CLV section.
        Assert.Equal(["churn", "survival", "cox"], report.GetProperty("sections").EnumerateArray().Select(s => s.GetProperty("id").GetString()));
    }

    [Fact]
    public void Kaplan_meier_numbers_equal_the_survival_command_on_the_same_durations()
    {
        string customers = cli.Sample("customers.csv");
        var report = Json(Report("km", "--customers", customers).Folder);
        // Durations as the report documents them: months = days / 30.4375 to the end, or to the latest date in the file.
        var rows = File.ReadAllLines(customers).Skip(1).Select(l => l.Split(',')).Select(f => (Segment: f[1], Start: DateOnly.Parse(f[2], CultureInfo.InvariantCulture),
            End: f[3].Length == 0 ? (DateOnly?)null : DateOnly.Parse(f[3], CultureInfo.InvariantCulture))).ToList();
        var asOf = rows.Max(r => r.End is { } e && e > r.Start ? e : r.Start);
        string durations = cli.File("durations.csv", "months,churned,segment\n" + string.Concat(rows.Select(r =>
            FormattableString.Invariant($"{((r.End ?? asOf).DayNumber - r.Start.DayNumber) / 30.4375:R},{(r.End is null ? 0 : 1)},{r.Segment}\n"))));
        var survival = CliRunner.Invoke("survival", "-i", durations, "--duration", "months", "--event", "churned", "--group", "segment", "-f", "json").Json();
        var logRank = Table(report, "log_rank").EnumerateArray().First();
        Assert.Equal(survival.GetProperty("logRank").GetProperty("chiSquare").GetDouble(), logRank.GetProperty("chiSquare").GetDouble(), 9);
        Assert.Equal(survival.GetProperty("logRank").GetProperty("pValue").GetDouble(), logRank.GetProperty("pValue").GetDouble(), 12);
        foreach (var group in survival.GetProperty("groups").EnumerateArray())
        {
            var summary = Table(report, "km_summary").EnumerateArray().Single(r => r.GetProperty("group").GetString() == group.GetProperty("group").GetString());
            Assert.Equal(group.GetProperty("events").GetInt64(), summary.GetProperty("events").GetInt64());
            var median = group.GetProperty("median").GetProperty("time");
            Assert.Equal(median.ValueKind, summary.GetProperty("medianTime").ValueKind);
            if (median.ValueKind == JsonValueKind.Number)
            {
                Assert.Equal(median.GetDouble(), summary.GetProperty("medianTime").GetDouble(), 9);
            }
        }
    }

    [Fact]
    public void Clv_parameters_equal_clv_summarize_then_clv_fit()
    {
        string transactions = cli.Sample("transactions.csv");
        var report = Json(Report("clv", "--transactions", transactions).Folder);
        string summary = cli.PathOf("summary.csv");
        Assert.Equal(0, CliRunner.Invoke("clv", "summarize", "-i", transactions, "--customer", "customer_id", "--date", "date", "--amount", "amount", "--unit", "day", "--multiplier", "7", "-o", summary).ExitCode);
        foreach (string model in new[] { "bgnbd", "gammagamma" })
        {
            var fit = CliRunner.Invoke("clv", "fit", "-i", summary, "--model", model, "-f", "json").Json();
            string name = fit.GetProperty("model").GetString()!;
            var rows = Table(report, "clv_parameters").EnumerateArray().Where(r => r.GetProperty("model").GetString() == name).ToList();
            Assert.NotEmpty(rows);
            foreach (var parameter in fit.GetProperty("parameters").EnumerateObject())
            {
                var row = rows.Single(r => r.GetProperty("parameter").GetString() == parameter.Name);
                Assert.Equal(parameter.Value.GetDouble(), row.GetProperty("estimate").GetDouble(), 9);
            }
        }

        var distribution = Table(report, "clv_distribution").EnumerateArray().ToList();
        var pAlive = distribution.Single(d => d.GetProperty("quantity").GetString() == "pAlive");
        Assert.InRange(pAlive.GetProperty("median").GetDouble(), 0, 1);
        Assert.Equal("data/clv_customers.csv", report.GetProperty("files").GetProperty("clv_customers").GetString());
    }

    [Fact]
    public void Html_is_one_self_contained_well_formed_page_with_svg_charts()
    {
        string html = File.ReadAllText(Path.Combine(sample.Folder, "report.html"));
        Assert.StartsWith("<!DOCTYPE html>", html);
        var page = XDocument.Parse(html["<!DOCTYPE html>".Length..]);
        var root = page.Root!;
        Assert.Equal("html", root.Name.LocalName);
        Assert.Equal("en", root.Attribute("lang")!.Value);
        Assert.Equal("utf-8", root.Descendants("meta").First().Attribute("charset")!.Value);
        var charts = root.Descendants().Where(e => e.Name.LocalName == "svg").ToList();
        Assert.True(charts.Count >= 10, $"{charts.Count} charts");
        Assert.Empty(root.Descendants("script"));
        Assert.Empty(root.Descendants("link"));
        Assert.Empty(root.Descendants("img"));
        Assert.DoesNotContain("NaN", html, StringComparison.Ordinal);
        Assert.DoesNotContain("url(", html, StringComparison.Ordinal);
        Assert.DoesNotContain("src=", html, StringComparison.Ordinal);
        // Every link is an in-page anchor; the only URL is the SVG namespace.
        Assert.All(root.Descendants("a"), a => Assert.StartsWith("#", a.Attribute("href")!.Value));
        Assert.Equal(charts.Count, html.Split("http://").Length - 1);
    }

    [Fact]
    public void Korean_labels_and_identical_numbers()
    {
        string survey = cli.Sample("survey.csv");
        string customers = cli.Sample("customers.csv");
        string english = Report("en", "--survey", survey, "--customers", customers).Folder;
        var (run, korean) = Report("ko", "--survey", survey, "--customers", customers, "--lang", "ko");
        string markdown = File.ReadAllText(Path.Combine(korean, "report.md"));
        string html = File.ReadAllText(Path.Combine(korean, "report.html"));
        foreach (string label in new[] { "순추천지수 (NPS)", "고객만족도 (CSAT)", "코호트 유지율 (Cohort retention)", "Kaplan–Meier", "입력 데이터 (Inputs)" })
        {
            Assert.Contains(label, markdown);
            Assert.Contains(label, html);
        }

        Assert.Contains("<html lang=\"ko\">", html);
        Assert.Contains("TrustMetrics 설문 보고서", run.Output);
        // Numbers, data values and column names pass through untouched: the tidy tables are identical.
        var en = Json(english);
        var ko = Json(korean);
        Assert.Equal("ko", ko.GetProperty("language").GetString());
        Assert.Equal(en.GetProperty("tables").GetRawText(), ko.GetProperty("tables").GetRawText());
        foreach (string file in Directory.GetFiles(Path.Combine(english, "data")))
        {
            Assert.Equal(File.ReadAllText(file), File.ReadAllText(Path.Combine(korean, "data", Path.GetFileName(file))));
        }

        Assert.Contains("| segment | n |", markdown);
        Assert.Contains("| Enterprise |", markdown);
    }

    [Fact]
    public void Every_english_label_has_a_korean_translation()
    {
        var english = Cli.Report.ReportLabels.English.Keys;
        var korean = Cli.Report.ReportLabels.Korean.Keys;
        Assert.Empty(english.Except(korean));
        Assert.Empty(korean.Except(english));
    }

    [Fact]
    public void Default_output_is_a_new_timestamped_folder_in_the_working_directory()
    {
        string work = Directory.CreateDirectory(cli.PathOf("work")).FullName;
        var first = CliRunner.InvokeIn(work, "report", "--customers", cli.Sample("customers.csv"));
        var second = CliRunner.InvokeIn(work, "report", "--customers", cli.Sample("customers.csv"));
        Assert.Equal(0, first.ExitCode);
        var folders = Directory.GetDirectories(work, "trustmetrics-report-*");
        Assert.Equal(2, folders.Length);
        Assert.All(folders, f => Assert.True(File.Exists(Path.Combine(f, "report.html"))));
        Assert.Contains(folders, f => first.Output.Contains(f, StringComparison.Ordinal));
        Assert.Matches(@"trustmetrics-report-\d{8}-\d{6}", first.Output);
    }

    [Fact]
    public void Bad_data_names_the_file_and_line_and_writes_nothing()
    {
        string customers = cli.File("bad.csv", "customer_id,segment,start,end\nC1,SMB,2026-01-05,\nC2,SMB,2026-02-30,\n");
        string folder = cli.PathOf("bad-report");
        var run = CliRunner.Invoke("report", "--customers", customers, "--output", folder);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("line 3", run.Error);
        Assert.Contains("2026-02-30", run.Error);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public void Json_on_standard_output_keeps_the_survey_fields_and_adds_the_folder()
    {
        var (run, folder) = Report("stdout-json", "--format", "json");
        var json = run.Json();
        Assert.Equal("report", json.GetProperty("metric").GetString());
        Assert.Equal(folder, json.GetProperty("reportFolder").GetString());
        Assert.Equal(11, json.GetProperty("sections").GetArrayLength());
    }

    /// <summary>The page at a wide desktop width and at a narrow one (the charts fold to one column below 900 px): both render.</summary>
    [ChromiumTheory]
    [InlineData(1400)]
    [InlineData(800)]
    public void Headless_chromium_renders_the_html_report(int width)
    {
        string folder = sample.Folder;
        string png = Path.Combine(cli.Folder, $"screenshot-{width}.png");
        string stderr = RunChromium("--hide-scrollbars", $"--screenshot={png}", $"--window-size={width},4000", new Uri(Path.Combine(folder, "report.html")).AbsoluteUri).Error;
        Assert.True(File.Exists(png), $"no screenshot; chromium said: {stderr}");
        byte[] bytes = File.ReadAllBytes(png);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        // The PNG's IHDR holds the width (big-endian at byte 16): the page was laid out at the asked width.
        Assert.Equal(width, (bytes[16] << 24) | (bytes[17] << 16) | (bytes[18] << 8) | bytes[19]);
        // A blank page compresses to a few kilobytes; charts and tables do not.
        Assert.True(bytes.Length > 100_000, $"screenshot is only {bytes.Length} bytes: is the page blank?");
    }

    /// <summary>Chromium's own parse of the page (its DOM after loading) starts with the key findings, eight of them, each linking to an element of the page.</summary>
    [ChromiumFact]
    public void Headless_chromium_sees_the_key_findings_first()
    {
        string folder = sample.Folder;
        string dom = RunChromium("--dump-dom", new Uri(Path.Combine(folder, "report.html")).AbsoluteUri).Output;
        int findings = dom.IndexOf("<section id=\"key-findings\"", StringComparison.Ordinal);
        Assert.True(findings > 0, "no key findings in the rendered page");
        Assert.True(findings < dom.IndexOf("<section id=\"inputs\"", StringComparison.Ordinal));
        string block = dom[findings..dom.IndexOf("</section>", findings, StringComparison.Ordinal)];
        Assert.Equal(8, block.Split("<li ").Length - 1);
        foreach (System.Text.RegularExpressions.Match link in System.Text.RegularExpressions.Regex.Matches(block, "href=\"#([^\"]+)\""))
        {
            Assert.Contains($"id=\"{link.Groups[1].Value}\"", dom, StringComparison.Ordinal);
        }
    }

    private static (string Output, string Error) RunChromium(params string[] arguments)
    {
        var start = new ProcessStartInfo(Chromium.Path!) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string argument in (string[])["--headless", "--no-sandbox", "--disable-gpu", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        using var chromium = Process.Start(start)!;
        var stderr = chromium.StandardError.ReadToEndAsync();
        var stdout = chromium.StandardOutput.ReadToEndAsync();
        if (!chromium.WaitForExit(TimeSpan.FromSeconds(90)))
        {
            chromium.Kill(entireProcessTree: true);
            Assert.Fail("Chromium did not finish within 90 s.");
        }

        return (stdout.Result, stderr.Result);
    }
}
