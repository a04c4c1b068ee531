using System.Text.Json;
using System.Xml.Linq;

namespace TrustMetrics.Cli.Tests.Report;

/// <summary>
/// The key findings on the embedded sample (they must name the designed stories and nothing in stable segments), in every
/// format and language, plus the report defects of issue 17: "p = &lt; 0.0001", blank groups, chart file names of non-ASCII
/// columns, CSV numbers, plain headlines.
/// </summary>
public sealed class KeyFindingsReportTests : IDisposable
{
    private readonly CliRunner cli = new();

    public void Dispose() => cli.Dispose();

    private string Report(string name, params string[] args)
    {
        string folder = cli.PathOf(name);
        var run = CliRunner.Invoke(["report", "--output", folder, .. args]);
        Assert.True(run.ExitCode == 0, run.Error);
        return folder;
    }

    private static JsonElement Json(string folder) => JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "report.json"))).RootElement;

    [Fact]
    public void Sample_findings_name_the_designed_stories_and_nothing_in_stable_segments()
    {
        string folder = Report("sample");
        var findings = Json(folder).GetProperty("keyFindings").EnumerateArray().ToList();
        Assert.NotEmpty(findings);
        string S(JsonElement f, string name) => f.GetProperty(name).ValueKind == JsonValueKind.Null ? "" : f.GetProperty(name).GetString()!;

        // The SMB transparency drop of 2026-05 (the generator's −0.70 latent shift: −13.2 points on 0–100) and the app channel's
        // April NPS drop, both within the eight findings the page shows.
        var smb = Assert.Single(findings, f => S(f, "section") == "trust" && S(f, "group") == "SMB" && S(f, "measure") == "transparency" && S(f, "to") == "2026-05");
        Assert.InRange(smb.GetProperty("estimate").GetDouble(), -13.3, -13.1);
        Assert.True(smb.GetProperty("upper").GetDouble() < 0);
        Assert.InRange(smb.GetProperty("rank").GetInt32(), 1, 8);
        var app = Assert.Single(findings, f => S(f, "section") == "survey" && S(f, "metric") == "nps" && S(f, "group") == "app" && S(f, "to") == "2026-04");
        Assert.True(app.GetProperty("estimate").GetDouble() < -20);
        Assert.True(app.GetProperty("adjustedP").GetDouble() < 0.05);
        Assert.Equal("2026-05", app.GetProperty("recovery").GetProperty("to").GetString());
        Assert.InRange(app.GetProperty("rank").GetInt32(), 1, 8);

        // Nothing else: every finding belongs to a story the sample's generator planted (Sample/README.md) — the app update of
        // April (app NPS; app tickets surge and slow every segment's service), the Consumer churn doubling from April, the SMB
        // price rise of May, the air purifiers' bad filters of March.
        foreach (var f in findings)
        {
            string where = $"{S(f, "section")} {S(f, "metric")} {S(f, "group")} {S(f, "from")}→{S(f, "to")}";
            bool planted = S(f, "section") switch
            {
                "survey" => S(f, "group") == "app" && (S(f, "to") == "2026-04" || S(f, "from") == "2026-04"),
                "trust" => S(f, "group") == "SMB" && (S(f, "to") == "2026-05" || S(f, "from") == "2026-05"),
                "churn" => S(f, "group") is "Consumer" or "All" && S(f, "to") is "2026-04" or "2026-05",
                "service" => S(f, "to") == "2026-04" || S(f, "from") == "2026-04",
                "reviews" => S(f, "group") == "air_purifier" && (S(f, "to") == "2026-03" || S(f, "from") == "2026-03"),
                _ => false,
            };
            Assert.True(planted, "unexpected finding " + where);
            Assert.True(f.GetProperty("adjustedP").GetDouble() < 0.05, where);
            Assert.False(string.IsNullOrEmpty(S(f, "sentence")), where);
        }

        Assert.Equal(findings.Select((_, i) => i + 1), findings.Select(f => f.GetProperty("rank").GetInt32()));
    }

    [Fact]
    public void Findings_lead_every_format_and_link_to_ids_on_the_page()
    {
        string folder = Report("formats");
        string html = File.ReadAllText(Path.Combine(folder, "report.html"));
        var page = XDocument.Parse(html["<!DOCTYPE html>".Length..]).Root!;
        var main = page.Descendants("main").Single();
        var first = main.Elements("section").First();
        Assert.Equal("key-findings", first.Attribute("id")!.Value);
        var items = first.Descendants("li").ToList();
        Assert.Equal(8, items.Count);
        var ids = page.Descendants().Select(e => e.Attribute("id")?.Value).OfType<string>().ToHashSet();
        Assert.All(items, li => Assert.Contains(li.Descendants("a").Single().Attribute("href")!.Value.TrimStart('#'), ids));
        Assert.Contains(items, li => li.Value.Contains("SMB segment: trust in transparency fell 13.2 points from 2026-04 to 2026-05", StringComparison.Ordinal));
        Assert.Contains(items, li => li.Value.Contains("app channel: NPS fell 28.6 points from 2026-03 to 2026-04", StringComparison.Ordinal));

        string markdown = File.ReadAllText(Path.Combine(folder, "report.md"));
        Assert.True(markdown.IndexOf("## Key findings", StringComparison.Ordinal) < markdown.IndexOf("## Inputs", StringComparison.Ordinal));
        Assert.Contains("<a id=\"chart-trust-trend\"></a>", markdown);
        Assert.Contains("(#chart-trust-trend)", markdown);
        Assert.DoesNotContain("p = <", markdown + html, StringComparison.Ordinal);
        Assert.Contains("p < 0.0001", markdown);

        // Plain headlines: churn says churn, CLV says value per customer and how many are likely active, not its parameters.
        var sections = Json(folder).GetProperty("sections").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!, s => s.GetProperty("headline").GetString()!);
        Assert.StartsWith("Monthly churn ", sections["churn"]);
        Assert.Contains("Expected value per customer", sections["clv"]);
        Assert.Contains("likely still active", sections["clv"]);
        Assert.DoesNotContain("α =", sections["clv"]);
    }

    [Fact]
    public void Korean_report_has_korean_findings_and_headlines()
    {
        string folder = Report("ko", "--lang", "ko");
        var json = Json(folder);
        var findings = json.GetProperty("keyFindings").EnumerateArray().ToList();
        Assert.Contains(findings, f => f.GetProperty("sentence").GetString()!.StartsWith("SMB (segment) · transparency 신뢰 점수: 2026-04 → 2026-05 13.2점 하락", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.GetProperty("sentence").GetString()!.StartsWith("app (channel) · 순추천지수 (NPS): 2026-03 → 2026-04 28.6점 하락", StringComparison.Ordinal));
        var headlines = json.GetProperty("sections").EnumerateArray().Select(s => s.GetProperty("headline").GetString()!).ToList();
        Assert.Contains(headlines, h => h.StartsWith("월간 이탈률 (churn)", StringComparison.Ordinal));
        Assert.Contains(headlines, h => h.StartsWith("순추천지수 (NPS)", StringComparison.Ordinal));
        Assert.Contains("핵심 발견 (Key findings)", File.ReadAllText(Path.Combine(folder, "report.html")));
    }

    [Fact]
    public void Blank_groups_are_named_and_korean_breakdowns_get_their_own_charts()
    {
        // Two Korean breakdown columns (no ASCII letters) and a blank group cell.
        var rows = new List<string> { "nps,csat,month,고객군,채널" };
        var random = new Random(3);
        for (int i = 0; i < 400; i++)
        {
            string month = i % 2 == 0 ? "2026-01" : "2026-02";
            string segment = i % 5 == 0 ? string.Empty : i % 3 == 0 ? "기업" : "개인";
            string channel = i % 4 == 0 ? "앱" : "웹";
            rows.Add($"{random.Next(0, 11)},{random.Next(1, 6)},{month},{segment},{channel}");
        }

        string survey = cli.File("korean.csv", string.Join("\n", rows) + "\n");
        string folder = Report("korean-columns", "--survey", survey, "--by", "고객군", "--by", "채널", "--lang", "ko");
        var charts = Directory.GetFiles(Path.Combine(folder, "charts")).Select(Path.GetFileName).ToList();
        Assert.Contains("nps-trend-by-column-1.svg", charts);
        Assert.Contains("nps-trend-by-column-2.svg", charts);
        Assert.Contains("scales-by-column-1.svg", charts);
        Assert.Contains("scales-by-column-2.svg", charts);
        string trend = File.ReadAllText(Path.Combine(folder, "charts", "nps-trend-by-column-1.svg"));
        Assert.Contains(">(blank)<", trend);
        Assert.DoesNotContain("></text>", trend);
        string csv = File.ReadAllText(Path.Combine(folder, "data", "nps_by_period.csv"));
        Assert.Contains(",(blank),", csv);
        Assert.DoesNotContain(",,2026", csv);
    }

    [Fact]
    public void Csv_numbers_have_no_binary_noise_and_no_negative_zero()
    {
        string folder = Report("csv", "--transactions", cli.Sample("transactions.csv"));
        string customers = File.ReadAllText(Path.Combine(folder, "data", "clv_customers.csv"));
        // CDNOW amounts are cents: the mean spend of customer 1008 is 37.582 exactly, once written as 37.58200000000001.
        Assert.Contains(",37.582,", customers);
        foreach (string file in Directory.GetFiles(Path.Combine(folder, "data")))
        {
            string text = File.ReadAllText(file);
            foreach (string cell in text.Split(',', '\n').Where(c => double.TryParse(c, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _)))
            {
                string mantissa = cell.Split('E', 'e')[0].TrimStart('-').Replace(".", string.Empty, StringComparison.Ordinal).TrimStart('0');
                Assert.True(mantissa.Length <= 15, $"{Path.GetFileName(file)}: {cell} has more than 15 significant digits");
            }

            Assert.DoesNotMatch(@"(^|,)-0(\.0+)?(,|\n)", text);
        }

        Assert.Equal("0", Cli.Report.DataTable.CsvNumber(-0.0));
        Assert.Equal("27.14", Cli.Report.DataTable.CsvNumber(27.140000000000004));
        Assert.Equal(string.Empty, Cli.Report.DataTable.CsvNumber(double.NaN));
    }
}
