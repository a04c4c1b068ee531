namespace TrustMetrics.Cli.Tests.Survival;

/// <summary>
/// <c>survival</c> on public data sets as lifelines ships them, with and without <c>--group</c>; every expectation is R's
/// (survival 3.5-3, Data/survival_reference.R with its printed output in Data/survival_reference.txt).
/// </summary>
public sealed class PublicSurvivalDataTests : IDisposable
{
    private readonly CliRunner cli = new();

    public void Dispose() => cli.Dispose();

    private static string Data(string file) => Path.Combine(AppContext.BaseDirectory, "Data", file);

    [Theory]
    // file, duration, event, group, n, events, median, lower, upper (NaN = not reached), chi², p
    [InlineData("lung.csv", "time", "status", "sex", 228, 165, 310, 284, 361, 10.32674195, 0.00131116452)]
    [InlineData("rossi.csv", "week", "arrest", "fin", 432, 114, double.NaN, double.NaN, double.NaN, 3.837569577, 0.05011611741)]
    [InlineData("larynx.csv", "time", "death", "Stage_IV", 90, 50, 6, 3.8, 7, 19.82686073, 8.478284621e-06)]
    public void Survival_with_and_without_group_matches_R(string file, string duration, string eventColumn, string group, int n, int events,
        double median, double lower, double upper, double chiSquare, double p)
    {
        var overall = CliRunner.Invoke("survival", "--input", Data(file), "--duration", duration, "--event", eventColumn, "--format", "json");
        Assert.True(overall.ExitCode == 0, overall.Error);
        var json = overall.Json();
        Assert.Equal(n, json.GetProperty("n").GetInt32());
        Assert.Equal(events, json.GetProperty("events").GetInt32());
        var m = json.GetProperty("median");
        AssertTime(median, m.GetProperty("time"));
        AssertTime(lower, m.GetProperty("lower"));
        AssertTime(upper, m.GetProperty("upper"));

        var grouped = CliRunner.Invoke("survival", "--input", Data(file), "--duration", duration, "--event", eventColumn, "--group", group, "--format", "json");
        Assert.True(grouped.ExitCode == 0, grouped.Error);
        var logRank = grouped.Json().GetProperty("logRank");
        Assert.Equal(chiSquare, logRank.GetProperty("chiSquare").GetDouble(), 1e-6 * chiSquare);
        Assert.Equal(p, logRank.GetProperty("pValue").GetDouble(), 1e-6 * p);
        Assert.Equal(1, logRank.GetProperty("df").GetInt32());

        // The text form too (a reader's first run).
        Assert.Equal(0, CliRunner.Invoke("survival", "--input", Data(file), "--duration", duration, "--event", eventColumn, "--group", group).ExitCode);
    }

    [Theory]
    // R survdiff: a group where nobody has churned yet while the other is at risk gives chi² 0.6666666667 (Data/survival_reference.txt);
    // no event at all while two groups are at risk gives chi² = 0, p = 1.
    [InlineData("time,event,g\n1,1,a\n2,0,a\n5,1,a\n3,0,b\n4,0,b\n", 0.6666666667, 0.414216)]
    [InlineData("time,event,g\n1,0,a\n2,0,a\n3,0,b\n4,0,b\n", 0.0, 1.0)]
    public void Group_without_events_gives_its_curve_and_R_log_rank(string csv, double chiSquare, double p)
    {
        string input = cli.File("s.csv", csv);
        var run = CliRunner.Invoke("survival", "--input", input, "--duration", "time", "--event", "event", "--group", "g", "--format", "json");
        Assert.True(run.ExitCode == 0, run.Error);
        var json = run.Json();
        Assert.Equal(2, json.GetProperty("groups").GetArrayLength());
        Assert.Equal(chiSquare, json.GetProperty("logRank").GetProperty("chiSquare").GetDouble(), 1e-6);
        Assert.Equal(p, json.GetProperty("logRank").GetProperty("pValue").GetDouble(), 1e-5);
    }

    private static void AssertTime(double expected, System.Text.Json.JsonElement actual)
    {
        if (double.IsNaN(expected))
        {
            Assert.Equal(System.Text.Json.JsonValueKind.Null, actual.ValueKind);
        }
        else
        {
            Assert.Equal(expected, actual.GetDouble(), 1e-9);
        }
    }
}
