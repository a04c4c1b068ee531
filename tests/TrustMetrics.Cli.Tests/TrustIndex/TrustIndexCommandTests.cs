using System.Text.Json;

namespace TrustMetrics.Cli.Tests.TrustIndex;

public sealed class TrustIndexCommandTests : IDisposable
{
    // Seeded synthetic survey of the sample's shape (Data/make_trust_items.py): segment, month, transparency1..3, …, empathy1..3 (1–5), nps.
    private static readonly string Items = Path.Combine(AppContext.BaseDirectory, "Data", "trust_items.csv");

    private readonly CliRunner cli = new();

    public void Dispose() => cli.Dispose();

    [Fact]
    public void Json_has_the_contract_fields_with_default_drivers_groups_and_key_drivers()
    {
        var run = CliRunner.Invoke("trust-index", "--input", Items, "--group", "segment", "--outcome", "nps", "--bootstrap", "200", "--format", "json");
        Assert.True(run.ExitCode == 0, run.Error);
        var json = run.Json();
        var index = json.GetProperty("index");
        double value = index.GetProperty("value").GetDouble();
        Assert.InRange(value, 0, 100);
        Assert.True(index.GetProperty("lower").GetDouble() <= value && value <= index.GetProperty("upper").GetDouble());

        var dimensions = json.GetProperty("dimensions").EnumerateArray().ToList();
        Assert.Equal(["transparency", "consistency", "accountability", "expertise", "empathy"], dimensions.Select(d => d.GetProperty("name").GetString()));
        foreach (var d in dimensions)
        {
            Assert.InRange(d.GetProperty("score").GetDouble(), 0, 100);
            Assert.InRange(d.GetProperty("cronbachAlpha").GetDouble(), 0.7, 1);
            Assert.Equal(JsonValueKind.Number, d.GetProperty("standardizedAlpha").ValueKind);
            var items = d.GetProperty("items").EnumerateArray().ToList();
            Assert.Equal(3, items.Count);
            Assert.All(items, i =>
            {
                Assert.StartsWith(d.GetProperty("name").GetString()!, i.GetProperty("name").GetString(), StringComparison.Ordinal);
                Assert.Equal(JsonValueKind.Number, i.GetProperty("itemTotalCorrelation").ValueKind);
                Assert.Equal(JsonValueKind.Number, i.GetProperty("alphaIfDeleted").ValueKind);
            });
        }

        // Equal weights and theoretical bounds: the arithmetic index is the mean of the five dimension scores.
        Assert.Equal(dimensions.Average(d => d.GetProperty("score").GetDouble()), value, 9);

        var groups = json.GetProperty("groups").EnumerateArray().ToList();
        Assert.Equal(["Consumer", "Enterprise", "SMB"], groups.Select(g => g.GetProperty("group").GetString()));
        Assert.All(groups, g =>
        {
            Assert.InRange(g.GetProperty("index").GetProperty("value").GetDouble(), 0, 100);
            Assert.Equal(5, g.GetProperty("dimensions").GetArrayLength());
        });
        Assert.Equal(200, groups.Sum(g => g.GetProperty("n").GetInt32()));

        var drivers = json.GetProperty("drivers").EnumerateArray().ToList();
        Assert.Equal(5, drivers.Count);
        double r2 = json.GetProperty("keyDrivers").GetProperty("rSquared").GetProperty("value").GetDouble();
        Assert.Equal(r2, drivers.Sum(d => d.GetProperty("relativeWeight").GetDouble()), 10);
        Assert.Equal(r2, drivers.Sum(d => d.GetProperty("shapley").GetDouble()), 10);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("sensitivity").ValueKind);
    }

    [Fact]
    public void Explicit_dimensions_reverse_items_and_reproducible_seed()
    {
        string file = cli.File("t.csv", "t1,t2,t3,e1,e2,e3\n5,4,5,4,4,2\n4,4,4,3,3,3\n2,1,2,2,1,5\n3,3,2,4,5,1\n1,2,1,1,2,4\n4,5,4,5,4,1\n");
        string[] args = ["trust-index", "--input", file, "--dimension", "transparency=t1,t2,t3", "--dimension", "empathy=e1,e2,e3", "--reverse", "e3", "--format", "json"];
        var first = CliRunner.Invoke(args);
        var second = CliRunner.Invoke(args);
        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Equal(first.Output, second.Output);
        var json = first.Json();
        var empathy = json.GetProperty("dimensions")[1];
        Assert.Equal("empathy", empathy.GetProperty("name").GetString());
        Assert.True(empathy.GetProperty("items")[2].GetProperty("reverseCoded").GetBoolean());
        // e3 reversed (6 − x) agrees with e1, e2: alpha is high; hand value of the empathy mean answer: (4+4+4 + 3+3+3 + 2+1+1 + 4+5+5 + 1+2+2 + 5+4+5)/18 = 58/18.
        Assert.Equal(58.0 / 18, empathy.GetProperty("meanAnswer").GetDouble(), 12);
        Assert.True(empathy.GetProperty("cronbachAlpha").GetDouble() > 0.9);
        Assert.Equal(100 * ((58.0 / 18) - 1) / 4, empathy.GetProperty("score").GetDouble(), 12);
    }

    [Fact]
    public void Sensitivity_weights_and_aggregation_are_reported()
    {
        var json = CliRunner.Invoke("trust-index", "-i", Items, "--group", "segment", "--weights", "bod", "--aggregation", "geometric", "--sensitivity", "300",
            "--bootstrap", "100", "-f", "json").Json();
        Assert.Equal("bod", json.GetProperty("weighting").GetString());
        Assert.Equal("geometric", json.GetProperty("aggregation").GetString());
        var s = json.GetProperty("sensitivity");
        Assert.Equal(300, s.GetProperty("replicates").GetInt32());
        Assert.Equal(3, s.GetProperty("groups").GetArrayLength());
        Assert.InRange(s.GetProperty("medianAverageRankShift").GetDouble(), 0, 2);
        foreach (var g in s.GetProperty("groups").EnumerateArray())
        {
            Assert.InRange(g.GetProperty("medianRank").GetDouble(), 1, 3);
            Assert.True(g.GetProperty("indexP5").GetDouble() <= g.GetProperty("indexP95").GetDouble());
        }
    }

    [Fact]
    public void Period_comparison_flags_the_planted_accountability_drop()
    {
        // make_trust_items.py lowers SMB's accountability by 2 latent SDs in 2026-06.
        var json = CliRunner.Invoke("trust-index", "-i", Items, "--group", "segment", "--period", "month", "--bootstrap", "300", "-f", "json").Json();
        var breakdown = json.GetProperty("breakdown");
        Assert.Equal("2026-05", breakdown.GetProperty("previous").GetString());
        Assert.Equal("2026-06", breakdown.GetProperty("current").GetString());
        var alerts = breakdown.GetProperty("changes").EnumerateArray().Where(c => c.GetProperty("alert").GetBoolean()).ToList();
        Assert.Contains(alerts, a => a.GetProperty("group").GetString() == "SMB" && a.GetProperty("measure").GetString() == "accountability");
        Assert.All(alerts, a => Assert.True(a.GetProperty("difference").GetDouble() < 0 && a.GetProperty("adjustedPValue").GetDouble() < 0.05));
    }

    [Fact]
    public void Text_and_markdown_render()
    {
        var text = CliRunner.Invoke("trust-index", "-i", Items, "--outcome", "nps", "--bootstrap", "50");
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("Trust index", text.Output);
        Assert.Contains("Key drivers of nps", text.Output);
        var markdown = CliRunner.Invoke("trust-index", "-i", Items, "--bootstrap", "50", "-f", "markdown");
        Assert.StartsWith("# Trust index", markdown.Output);
        Assert.Contains("| transparency |", markdown.Output);
    }

    [Theory]
    [InlineData("t1,t2\n1,2\n6,3\n", "line 3", "'t1'", "'6'")]
    [InlineData("t1,t2\n1,2\n3,abc\n", "line 3", "'t2'", "'abc'")]
    [InlineData("t1,t2\n0,2\n", "line 2", "'t1'", "'0'")]
    public void Bad_answers_stop_with_file_line_column_and_value(string csv, string line, string column, string value)
    {
        string file = cli.File("bad.csv", csv);
        var run = CliRunner.Invoke("trust-index", "-i", file, "--dimension", "trust=t1,t2");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(file, run.Error);
        Assert.Contains(line, run.Error);
        Assert.Contains(column, run.Error);
        Assert.Contains(value, run.Error);
        Assert.Empty(run.Output);
    }

    [Fact]
    public void Unknown_item_missing_default_columns_and_undefined_choices_exit_2()
    {
        string file = cli.File("x.csv", "a,b\n1,2\n3,4\n");
        var unknown = CliRunner.Invoke("trust-index", "-i", file, "--dimension", "trust=a,zz");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("'zz'", unknown.Error);
        var defaults = CliRunner.Invoke("trust-index", "-i", file);
        Assert.Equal(2, defaults.ExitCode);
        Assert.Contains("transparency1", defaults.Error);
        var bod = CliRunner.Invoke("trust-index", "-i", file, "--dimension", "x=a", "--dimension", "y=b", "--weights", "bod");
        Assert.Equal(2, bod.ExitCode);
        Assert.Contains("segments", bod.Error);
    }

    [Fact]
    public void Malformed_dimension_is_a_usage_error()
    {
        var run = CliRunner.Invoke("trust-index", "-i", Items, "--dimension", "nonsense");
        Assert.Equal(1, run.ExitCode);
    }
}
