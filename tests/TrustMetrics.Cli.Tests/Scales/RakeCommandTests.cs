using System.Text.Json;

namespace TrustMetrics.Cli.Tests.Scales;

/// <summary>
/// <c>--rake margins.csv</c> on nps, csat and ces. Reference: R 4.2.2 survey 4.1.1, rake(…, epsilon = 1e-15, maxit = 1000) + svymean;
/// script and output in tests/TrustMetrics.Tests/Weighting/Data/raking-reference.R / .out ("## sample …").
/// </summary>
public sealed class RakeCommandTests : IDisposable
{
    private const double Tolerance = 1e-9;
    private readonly CliRunner cli = new();

    public void Dispose() => cli.Dispose();

    private static string Data(string file) => Path.Combine(AppContext.BaseDirectory, "Data", "Weighting", file);

    private static void Close(double expected, double actual, string what) =>
        Assert.True(Math.Abs(actual - expected) <= Tolerance * Math.Abs(expected), $"{what}: expected {expected:R}, got {actual:R}");

    [Fact]
    public void Nps_matches_R_survey_on_the_sample_company()
    {
        var run = CliRunner.Invoke("nps", "--input", Data("sample-survey.csv"), "--column", "nps", "--rake", Data("sample-margins.csv"), "--format", "json");
        Assert.True(run.ExitCode == 0, run.Error);
        var json = run.Json();
        Close(14.060618633841395, json.GetProperty("score").GetDouble(), "nps");
        Close(1.2942402280005789, json.GetProperty("standardError").GetDouble(), "raked SE");
        Close(1.3046952513634427, json.GetProperty("fixedWeightStandardError").GetDouble(), "fixed SE");
        Close(3708.4014582753293, json.GetProperty("effectiveSampleSize").GetDouble(), "n_eff");
        var raking = json.GetProperty("raking");
        Assert.True(raking.GetProperty("converged").GetBoolean());
        Assert.Equal(12, raking.GetProperty("cells").GetInt32());
        Assert.True(raking.GetProperty("maxMarginError").GetDouble() < 1e-12);
    }

    [Theory]
    [InlineData("csat", "percentSatisfied", 73.834252987254715, 0.72096335709105608, 3.9210469718194703, 0.01841585626481345)]
    [InlineData("ces", "percentEasy", 63.79288244579724, 0.77780235258176489, 4.8345802692211208, 0.026912117452101071)]
    public void Scales_match_R_survey_on_the_sample_company(string metric, string field, double topBox, double topBoxSe, double mean, double meanSe)
    {
        var run = CliRunner.Invoke(metric, "--input", Data("sample-survey.csv"), "--column", metric, "--rake", Data("sample-margins.csv"), "--format", "json");
        Assert.True(run.ExitCode == 0, run.Error);
        var json = run.Json();
        Close(topBox, json.GetProperty(field).GetProperty("value").GetDouble(), "top box");
        Close(topBoxSe, json.GetProperty(field).GetProperty("standardError").GetDouble(), "top box SE");
        Close(mean, json.GetProperty("mean").GetProperty("value").GetDouble(), "mean");
        Close(meanSe, json.GetProperty("mean").GetProperty("standardError").GetDouble(), "mean SE");
    }

    [Fact]
    public void Bounds_trim_and_are_reported()
    {
        var run = CliRunner.Invoke("ces", "--input", Data("synthetic-3-margins.csv"), "--column", "ces", "--rake", Data("synthetic-margins.csv"), "--rake-bounds", "0.3,4", "--format", "json");
        Assert.True(run.ExitCode == 0, run.Error);
        var raking = run.Json().GetProperty("raking");
        Assert.True(raking.GetProperty("maxWeight").GetDouble() <= 4.0);
        Assert.True(raking.GetProperty("minWeight").GetDouble() >= 0.3);
        Assert.True(raking.GetProperty("trimmed").GetInt64() > 0);
        Assert.Equal(4.0, raking.GetProperty("bounds").GetProperty("upper").GetDouble());
        var tight = CliRunner.Invoke("ces", "--input", Data("synthetic-3-margins.csv"), "--column", "ces", "--rake", Data("synthetic-margins.csv"), "--rake-bounds", "0.9,1.1");
        Assert.Equal(2, tight.ExitCode);
        Assert.Contains("did not converge", tight.Error);
    }

    [Theory]
    [InlineData("variable,level,share\nsegment,Consumer,0.5\nsegment,SMB,0.3\nsegment,Enterprise,0.1x\n", "line 4", "'0.1x'")]
    [InlineData("variable,level,share\nsegment,Consumer,0.5\nsegment,SMB,0.3\nsegment,Enterprise,0.1\n", "lines 2–4", "sum to 0.9")]
    [InlineData("variable,level,share\nsegment,Consumer,0.6\nsegment,SMB,0.4\n", "line 4", "'Enterprise'")]
    [InlineData("variable,level,share\nregion,north,1\n", "no column named 'region'", "region")]
    [InlineData("variable,level,share\nsegment,Consumer,0.5\nsegment,Consumer,0.5\n", "line 3", "repeated")]
    [InlineData("variable,level,share\nsegment,Consumer,0.5\nsegment,SMB,0.3\nsegment,Enterprise,0.1\nsegment,Public,0.1\n", "'Public'", "no respondent")]
    public void Bad_margins_name_the_file_line_and_value(string margins, string where, string what)
    {
        string file = cli.File("margins.csv", margins);
        var run = CliRunner.Invoke("nps", "--input", Data("sample-survey.csv"), "--column", "nps", "--rake", file);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(where, run.Error);
        Assert.Contains(what, run.Error);
    }

    [Fact]
    public void Conflicting_options_are_refused()
    {
        var grouped = CliRunner.Invoke("nps", "--input", Data("sample-survey.csv"), "--column", "nps", "--rake", Data("sample-margins.csv"), "--group", "month");
        Assert.Equal(1, grouped.ExitCode);
        var bounds = CliRunner.Invoke("csat", "--input", Data("sample-survey.csv"), "--column", "csat", "--rake-bounds", "0.5,2");
        Assert.NotEqual(0, bounds.ExitCode);
        var badBounds = CliRunner.Invoke("csat", "--input", Data("sample-survey.csv"), "--column", "csat", "--rake", Data("sample-margins.csv"), "--rake-bounds", "2,3");
        Assert.NotEqual(0, badBounds.ExitCode);
        Assert.Contains("--rake-bounds", badBounds.Error);
    }
}

/// <summary><c>report --rake</c>: the weighting section on the sample-shaped survey, same numbers as R survey (raking-reference.out).</summary>
public sealed class RakeReportTests : IDisposable
{
    private readonly CliRunner cli = new();

    public void Dispose() => cli.Dispose();

    [Fact]
    public void Report_adds_the_weighting_section()
    {
        string data = Path.Combine(AppContext.BaseDirectory, "Data", "Weighting");
        string folder = Path.Combine(cli.Folder, "report");
        var run = CliRunner.Invoke("report", "--survey", Path.Combine(data, "sample-survey.csv"), "--rake", Path.Combine(data, "sample-margins.csv"), "--output", folder);
        Assert.True(run.ExitCode == 0, run.Error);
        var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "report.json"))).RootElement;
        var ids = json.GetProperty("sections").EnumerateArray().Select(s => s.GetProperty("id").GetString()).ToList();
        Assert.Contains("weighting", ids);
        string csv = File.ReadAllText(Path.Combine(folder, "data", "weighting.csv"));
        Assert.Contains("14.0606186338", csv); // R survey 4.1.1: raked NPS 14.060618633841395
        var plain = CliRunner.Invoke("report", "--survey", Path.Combine(data, "sample-survey.csv"), "--output", Path.Combine(cli.Folder, "plain"));
        Assert.True(plain.ExitCode == 0, plain.Error);
        Assert.False(File.Exists(Path.Combine(cli.Folder, "plain", "data", "weighting.csv")));
    }
}
