using System.Text.Json;
using TrustMetrics.Cli.Report;

namespace TrustMetrics.Cli.Tests.TrustIndex;

/// <summary>
/// <c>trust-index --importance-performance</c> (issue 15 item 4) and the trust section's grid on the embedded sample: the JSON
/// fields of docs/cli.md, importance = the key-driver relative weight of the same run (value and bootstrap bounds, same seed),
/// the report's table equal to the command's numbers, the chart and the plain-language sentence in English and Korean.
/// </summary>
public sealed class ImportancePerformanceCliTests : IDisposable
{
    private static readonly string[] Quadrants = ["concentrate here", "keep up the good work", "low priority", "possible overkill"];

    private readonly CliRunner cli = new();

    public void Dispose() => cli.Dispose();

    [Fact]
    public void Json_has_the_documented_fields_and_importance_is_the_relative_weight_of_the_same_run()
    {
        var run = CliRunner.Invoke("trust-index", "-i", cli.Sample("survey.csv"), "--outcome", "nps", "--bootstrap", "100", "--importance-performance",
            "--performance", "topbox", "--quadrant-cut", "midpoint", "-f", "json");
        Assert.True(run.ExitCode == 0, run.Error);
        var json = run.Json();
        var grid = json.GetProperty("importancePerformance");
        Assert.Equal("topbox", grid.GetProperty("performanceMeasure").GetString());
        Assert.Equal("midpoint", grid.GetProperty("cut").GetString());
        Assert.Equal(50, grid.GetProperty("cutPerformance").GetDouble());
        var drivers = json.GetProperty("drivers").EnumerateArray().ToList();
        double sum = 0;
        foreach (var d in grid.GetProperty("drivers").EnumerateArray())
        {
            var kda = drivers.Single(k => k.GetProperty("name").GetString() == d.GetProperty("driver").GetString());
            Assert.Equal(kda.GetProperty("relativeWeight").GetDouble(), d.GetProperty("importance").GetDouble());
            Assert.Equal(kda.GetProperty("relativeWeightInterval").GetProperty("lower").GetDouble(), d.GetProperty("importanceLower").GetDouble());
            Assert.Equal(kda.GetProperty("relativeWeightInterval").GetProperty("upper").GetDouble(), d.GetProperty("importanceUpper").GetDouble());
            Assert.InRange(d.GetProperty("performanceLower").GetDouble(), 0, d.GetProperty("performance").GetDouble());
            Assert.InRange(d.GetProperty("performanceUpper").GetDouble(), d.GetProperty("performance").GetDouble(), 100);
            Assert.Contains(d.GetProperty("quadrant").GetString(), Quadrants);
            Assert.InRange(d.GetProperty("stability").GetDouble(), 0, 1);
            sum += d.GetProperty("importance").GetDouble();
        }

        // Mean importance = R²/p (relative weights sum to R²), the documented cut.
        Assert.Equal(sum / 5, grid.GetProperty("cutImportance").GetDouble(), 12);
    }

    [Fact]
    public void Without_an_outcome_it_is_a_command_line_error()
    {
        var run = CliRunner.Invoke("trust-index", "-i", cli.Sample("survey.csv"), "--importance-performance", "--bootstrap", "0");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--outcome", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_shows_the_grid_of_the_sample_company_with_chart_and_sentence()
    {
        string survey = cli.Sample("survey.csv");
        string folder = cli.PathOf("ipa");
        var report = CliRunner.Invoke("report", "--output", folder, "--survey", survey);
        Assert.True(report.ExitCode == 0, report.Error);
        var rows = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "report.json"))).RootElement.GetProperty("tables")
            .GetProperty("trust_importance_performance").EnumerateArray().ToList();
        var command = CliRunner.Invoke("trust-index", "-i", survey, "--group", "segment", "--outcome", "nps", "--bootstrap", "200", "--importance-performance", "-f", "json")
            .Json().GetProperty("importancePerformance");
        var focus = new List<string>();
        foreach (var d in command.GetProperty("drivers").EnumerateArray())
        {
            var row = rows.Single(r => r.GetProperty("driver").GetString() == d.GetProperty("driver").GetString());
            foreach (string field in new[] { "importance", "importanceLower", "importanceUpper", "performance", "performanceLower", "performanceUpper", "stability" })
            {
                Assert.Equal(d.GetProperty(field).GetDouble(), row.GetProperty(field).GetDouble(), 12);
            }

            Assert.Equal(d.GetProperty("quadrant").GetString(), row.GetProperty("quadrant").GetString());
            if (d.GetProperty("quadrant").GetString() == "concentrate here")
            {
                focus.Add(d.GetProperty("driver").GetString()!);
            }
        }

        string markdown = File.ReadAllText(Path.Combine(folder, "report.md"));
        Assert.Contains("Importance–performance of the drivers on nps", markdown, StringComparison.Ordinal);
        Assert.NotEmpty(focus); // the sample's planted weak-but-important driver
        Assert.All(focus, f => Assert.Contains($"Concentrate here: {f}", markdown, StringComparison.Ordinal));
        string svg = File.ReadAllText(Path.Combine(folder, "charts", "trust-importance-performance.svg"));
        Assert.Contains("stroke-dasharray", svg, StringComparison.Ordinal); // the two cut lines
        Assert.Equal(5, svg.Split("<circle", StringSplitOptions.None).Length - 1);
    }

    [Fact]
    public void Korean_labels_cover_the_grid()
    {
        foreach (string key in new[] { "trust.ipa", "trust.ipaNote", "trust.ipaFocus", "trust.ipaNoFocus", "col.importance", "col.performance", "col.quadrant", "col.stability",
            "ipa.stability", "ipa.concentrate", "ipa.keepUp", "ipa.lowPriority", "ipa.overkill", "chart.trustIpa", "axis.importance", "axis.performance" })
        {
            Assert.Contains(key, ReportLabels.Korean.Keys);
            Assert.NotEqual(ReportLabels.English[key], ReportLabels.Korean[key]);
        }

        Assert.StartsWith("집중 개선 (concentrate here)", ReportLabels.Korean.Format("trust.ipaFocus", "transparency", "nps"), StringComparison.Ordinal);
    }
}
