using System.Text.Json;
using TrustMetrics.Cli.Tests.Report;

namespace TrustMetrics.Cli.Tests.Nps;

/// <summary><c>nps --paired WAVE2.csv --id COL</c> and the report's panel part on the sample company (docs/nps.md §Paired waves).</summary>
public sealed class PairedNpsCommandTests(SampleReportFixture sample) : IClassFixture<SampleReportFixture>, IDisposable
{
    private readonly CliRunner cli = new();

    public void Dispose() => cli.Dispose();

    private JsonElement Paired(params string[] extra)
    {
        var run = CliRunner.Invoke(["nps", "--input", cli.Sample("survey.csv"), "--column", "nps", "--paired", cli.Sample("survey_wave2.csv"), "--id", "respondent_id",
            "--format", "json", .. extra]);
        Assert.True(run.ExitCode == 0, run.Error);
        return run.Json().GetProperty("paired");
    }

    [Fact]
    public void Sample_waves_match_r()
    {
        // tests/TrustMetrics.Tests/Nps/Data/paired_nps_sample.R / .out (R 4.2.2: merge on respondent_id, table, variance
        // c'(diag p − pp')c/n, Wald, mcnemar.test = Bowker).
        var wald = Paired("--method", "wald");
        Assert.Equal(535, wald.GetProperty("respondents").GetInt64());
        Assert.Equal(3465, wald.GetProperty("unmatched").GetInt64());
        Assert.Equal(11.214953271028, wald.GetProperty("before").GetDouble(), 10);
        Assert.Equal(22.6168224299065, wald.GetProperty("after").GetDouble(), 10);
        Assert.Equal(11.4018691588785, wald.GetProperty("difference").GetDouble(), 10);
        Assert.Equal(3.40599964817847, wald.GetProperty("se").GetDouble(), 10);
        Assert.Equal(4.7262325170926, wald.GetProperty("lower").GetDouble(), 10);
        Assert.Equal(18.0775058006644, wald.GetProperty("upper").GetDouble(), 10);
        Assert.Equal(0.000815193448052599, wald.GetProperty("p").GetDouble(), 12);
        Assert.Equal("wald", wald.GetProperty("method").GetString());
        var symmetry = wald.GetProperty("symmetry");
        Assert.Equal(11.6924418604651, symmetry.GetProperty("statistic").GetDouble(), 10);
        Assert.Equal(3, symmetry.GetProperty("df").GetInt32());
        Assert.Equal(0.00851453289868954, symmetry.GetProperty("p").GetDouble(), 12);
        var movement = wald.GetProperty("movement").EnumerateArray().ToList();
        Assert.Equal(9, movement.Count);
        Assert.Equal([73, 52, 23, 34, 75, 70, 9, 55, 144], movement.Select(m => m.GetProperty("count").GetInt64()));
        Assert.Equal("detractor", movement[2].GetProperty("from").GetString());
        Assert.Equal("promoter", movement[2].GetProperty("to").GetString());

        // Score interval: paired_nps_reference.py (scipy 1.10.1 SLSQP restricted MLE + brentq), "Sample company" line.
        var score = Paired();
        Assert.Equal("score", score.GetProperty("method").GetString());
        Assert.Equal(4.727089137, score.GetProperty("lower").GetDouble(), 6);
        Assert.Equal(18.14128451, score.GetProperty("upper").GetDouble(), 6);
        Assert.Equal(0.0008754652035, score.GetProperty("p").GetDouble(), 9);
    }

    [Fact]
    public void Unmatched_and_blank_rows_are_counted_and_duplicates_refused()
    {
        string one = cli.File("w1.csv", "id,nps\na,10\nb,3\nc,\nd,8\n");
        string two = cli.File("w2.csv", "id,nps\nb,9\na,10\nc,5\ne,7\n,6\n");
        var run = CliRunner.Invoke("nps", "--input", one, "--column", "nps", "--paired", two, "--id", "id", "--format", "json");
        Assert.True(run.ExitCode == 0, run.Error);
        var paired = run.Json().GetProperty("paired");
        // Pairs a (promoter → promoter) and b (detractor → promoter); wave 1: c blank, d alone; wave 2: c (blank in wave 1), e, blank id.
        Assert.Equal(2, paired.GetProperty("respondents").GetInt64());
        Assert.Equal(2, paired.GetProperty("unmatchedBefore").GetInt64());
        Assert.Equal(3, paired.GetProperty("unmatchedAfter").GetInt64());
        Assert.Equal(5, paired.GetProperty("unmatched").GetInt64());
        Assert.Equal(100.0, paired.GetProperty("difference").GetDouble(), 12); // closed form: NPS 0 → 100

        string dup = cli.File("dup.csv", "id,nps\na,1\nb,2\na,3\n");
        var bad = CliRunner.Invoke("nps", "--input", one, "--column", "nps", "--paired", dup, "--id", "id");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("dup.csv, line 4, column 'id': 'a' appears twice", bad.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--id", "id")]
    [InlineData("--paired", "PAIRED")]
    [InlineData("--paired", "PAIRED", "--id", "id", "--group", "g")]
    [InlineData("--paired", "PAIRED", "--id", "id", "--method", "adjusted-wald")]
    public void Inconsistent_options_are_command_line_errors(params string[] options)
    {
        string one = cli.File("w1.csv", "id,nps,g\na,10,x\n");
        string[] args = [.. options.Select(o => o == "PAIRED" ? one : o)];
        var run = CliRunner.Invoke(["nps", "--input", one, "--column", "nps", .. args]);
        Assert.Equal(1, run.ExitCode);
    }

    [Fact]
    public void Report_shows_the_panel_with_the_command_numbers()
    {
        var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(sample.Folder, "report.json"))).RootElement;
        var row = json.GetProperty("tables").GetProperty("paired_nps").EnumerateArray().Single();
        var command = Paired();
        Assert.Equal(535, row.GetProperty("respondents").GetInt64());
        Assert.Equal(command.GetProperty("difference").GetDouble(), row.GetProperty("difference").GetDouble(), 12);
        Assert.Equal(command.GetProperty("lower").GetDouble(), row.GetProperty("lower").GetDouble(), 12);
        Assert.Equal(command.GetProperty("upper").GetDouble(), row.GetProperty("upper").GetDouble(), 12);
        Assert.Equal(9, json.GetProperty("tables").GetProperty("paired_nps_movement").GetArrayLength());
        string markdown = File.ReadAllText(Path.Combine(sample.Folder, "report.md"));
        Assert.Contains("Among the 535 customers who answered both waves, NPS rose by 11.4 points (95% CI 4.7 to 18.1; p = 0.0009).", markdown, StringComparison.Ordinal);
        Assert.Contains("Movement between the waves", markdown, StringComparison.Ordinal);
    }
}
