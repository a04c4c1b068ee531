using System.Text.Json;

namespace TrustMetrics.Cli.Tests.Nps;

public sealed class NpsCommandTests : IDisposable
{
    private readonly CliRunner cli = new();

    public void Dispose() => cli.Dispose();

    // Scores (D, Pa, P) = (1, 2, 3): survey-metrics.md §1.4, NPS 1/3, SE 0.3042903097 (brendan-r/NPS).
    private const string Small = "id,nps,segment\n1,0,A\n2,7,A\n3,7,B\n4,9,B\n5,9,B\n6,9,A\n";

    [Fact]
    public void Json_has_the_contract_fields_with_reference_values()
    {
        string file = cli.File("s.csv", Small);
        var run = CliRunner.Invoke("nps", "--input", file, "--column", "nps", "--format", "json");
        Assert.Equal(0, run.ExitCode);
        var json = run.Json();
        Assert.Equal("nps", json.GetProperty("metric").GetString());
        Assert.Equal(6, json.GetProperty("n").GetInt64());
        Assert.Equal(3, json.GetProperty("promoters").GetInt64());
        Assert.Equal(2, json.GetProperty("passives").GetInt64());
        Assert.Equal(1, json.GetProperty("detractors").GetInt64());
        Assert.Equal(100.0 / 3, json.GetProperty("score").GetDouble(), 9);
        Assert.Equal(30.42903097, json.GetProperty("standardError").GetDouble(), 6);
        var ci = json.GetProperty("confidenceInterval");
        Assert.Equal(0.95, ci.GetProperty("level").GetDouble());
        Assert.Equal("score", ci.GetProperty("method").GetString());
        // Tango score interval of (1,2,3): §1.4 [−0.3110737846, 0.7539566636].
        Assert.Equal(-31.10737846, ci.GetProperty("lower").GetDouble(), 4);
        Assert.Equal(75.39566636, ci.GetProperty("upper").GetDouble(), 4);
    }

    [Fact]
    public void Method_wald_selects_the_wald_interval()
    {
        string file = cli.File("s.csv", Small);
        var ci = CliRunner.Invoke("nps", "--input", file, "--column", "nps", "--format", "json", "--method", "wald").Json().GetProperty("confidenceInterval");
        Assert.Equal("wald", ci.GetProperty("method").GetString());
        // §1.4 Wald (1,2,3): [−0.2630647146, 0.9297313812]; the library clips nothing here.
        Assert.Equal(-26.30647146, ci.GetProperty("lower").GetDouble(), 5);
        Assert.Equal(92.97313812, ci.GetProperty("upper").GetDouble(), 5);
    }

    [Fact]
    public void Group_gives_an_array_of_groups_each_with_a_group_field()
    {
        string file = cli.File("s.csv", Small);
        var json = CliRunner.Invoke("nps", "--input", file, "--column", "nps", "--group", "segment", "--format", "json").Json();
        Assert.Equal(6, json.GetProperty("n").GetInt64());
        var groups = json.GetProperty("groups").EnumerateArray().ToList();
        Assert.Equal(["A", "B"], groups.Select(g => g.GetProperty("group").GetString()));
        Assert.Equal(3, groups[0].GetProperty("n").GetInt64());
        Assert.Equal(0.0, groups[0].GetProperty("score").GetDouble(), 9); // A: 0, 7, 9
        Assert.Equal(200.0 / 3, groups[1].GetProperty("score").GetDouble(), 9); // B: 7, 9, 9
        Assert.True(groups[1].TryGetProperty("confidenceInterval", out _));
    }

    [Fact]
    public void Weighted_nps_matches_the_survey_package_reference()
    {
        // survey-metrics.md §1.8 (R survey 4.1.1 svymean): NPS_w = 0.08461538462, SE 0.3349747061, n_eff 8.416334661.
        int[] scores = [10, 9, 9, 8, 7, 6, 5, 10, 3, 9];
        double[] weights = [1.0, 2.0, 0.5, 1.5, 1.0, 2.5, 1.0, 0.8, 1.2, 1.5];
        string csv = "nps;w\n" + string.Concat(scores.Select((s, i) => $"{s};{weights[i].ToString(System.Globalization.CultureInfo.InvariantCulture)}\n"));
        var json = CliRunner.Invoke("nps", "-i", cli.File("w.csv", csv), "-c", "nps", "--weight", "w", "-f", "json").Json();
        Assert.True(json.GetProperty("weighted").GetBoolean());
        Assert.Equal(8.461538462, json.GetProperty("score").GetDouble(), 7);
        Assert.Equal(33.49747061, json.GetProperty("standardError").GetDouble(), 6);
        Assert.Equal(8.416334661, json.GetProperty("effectiveSampleSize").GetDouble(), 8);
        Assert.Equal(30.84096781, json.GetProperty("kishStandardError").GetDouble(), 6);
    }

    [Theory]
    [InlineData(",")]
    [InlineData(";")]
    [InlineData("\t")]
    public void Reads_comma_semicolon_and_tab_with_quoted_fields_and_korean_headers_and_bom(string delimiter)
    {
        string csv = $"\"응답자\"{delimiter}\"추천 점수\"{delimiter}세그먼트\n" +
                     $"1{delimiter}10{delimiter}\"기업, 대형\"\n2{delimiter}6{delimiter}개인\n3{delimiter}\"9\"{delimiter}개인\n";
        var json = CliRunner.Invoke("nps", "-i", cli.File("k.csv", csv, bom: true), "-c", "추천 점수", "-g", "세그먼트", "-f", "json").Json();
        Assert.Equal(3, json.GetProperty("n").GetInt64());
        Assert.Equal(2, json.GetProperty("promoters").GetInt64());
        Assert.Equal(["개인", "기업, 대형"], json.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("group").GetString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Non_numeric_score_stops_with_file_line_column_value_and_exit_code_2_and_no_output_file()
    {
        string file = cli.File("bad.csv", "id,nps\n1,9\n2,abc\n3,7\n");
        string output = cli.PathOf("out.json");
        var run = CliRunner.Invoke("nps", "-i", file, "-c", "nps", "-f", "json", "-o", output);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("bad.csv", run.Error);
        Assert.Contains("line 3", run.Error);
        Assert.Contains("'nps'", run.Error);
        Assert.Contains("'abc'", run.Error);
        Assert.Equal(string.Empty, run.Output);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Out_of_range_score_is_named()
    {
        var run = CliRunner.Invoke("nps", "-i", cli.File("r.csv", "nps\n9\n11\n"), "-c", "nps");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("line 3", run.Error);
        Assert.Contains("'11'", run.Error);
        Assert.Contains("0–10", run.Error);
    }

    [Fact]
    public void Malformed_row_with_too_many_fields_stops_with_exit_code_2()
    {
        var run = CliRunner.Invoke("nps", "-i", cli.File("m.csv", "id,nps\n1,9\n2,7,extra\n"), "-c", "nps");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("line 3", run.Error);
        Assert.Contains("malformed row", run.Error);
    }

    [Fact]
    public void Missing_column_lists_the_columns()
    {
        var run = CliRunner.Invoke("nps", "-i", cli.File("c.csv", "id,score\n1,9\n"), "-c", "nps");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no column named 'nps'", run.Error);
        Assert.Contains("'score'", run.Error);
    }

    [Fact]
    public void Missing_file_is_an_input_error()
    {
        var run = CliRunner.Invoke("nps", "-i", cli.PathOf("nope.csv"), "-c", "nps");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("file not found", run.Error);
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("0")]
    public void Confidence_outside_zero_one_is_a_usage_error(string level)
    {
        var run = CliRunner.Invoke("nps", "-i", cli.File("s.csv", Small), "-c", "nps", "--confidence", level);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--confidence", run.Error);
    }

    [Fact]
    public void Output_file_is_written_on_success()
    {
        string output = cli.PathOf("nps.md");
        var run = CliRunner.Invoke("nps", "-i", cli.File("s.csv", Small), "-c", "nps", "-f", "markdown", "-o", output);
        Assert.Equal(0, run.ExitCode);
        string text = File.ReadAllText(output);
        Assert.Contains("| Sample | n |", text);
        Assert.Contains("33.3", text);
    }

    [Fact]
    public void Blank_cells_are_skipped_and_counted()
    {
        var json = CliRunner.Invoke("nps", "-i", cli.File("b.csv", "id,nps\n1,9\n2,\n3,0\n"), "-c", "nps", "-f", "json").Json();
        Assert.Equal(2, json.GetProperty("n").GetInt64());
        Assert.Equal(1, json.GetProperty("missing").GetInt64());
    }

    [Fact]
    public void Text_output_is_a_table()
    {
        var run = CliRunner.Invoke("nps", "-i", cli.File("s.csv", Small), "-c", "nps", "-g", "segment");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Net Promoter Score", run.Output);
        Assert.Contains("NPS by segment", run.Output);
        Assert.False(run.Output.Contains('\u001b', StringComparison.Ordinal), "no ANSI escapes when redirected");
    }
}
