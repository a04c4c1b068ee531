using System.Text.Json;

namespace TrustMetrics.Cli.Tests.Survival;

public sealed class SurvivalCommandTests : IDisposable
{
    private static readonly string Waltons = Path.Combine(AppContext.BaseDirectory, "Data", "waltons_dataset.csv");

    private readonly CliRunner cli = new();

    public void Dispose() => cli.Dispose();

    [Fact]
    public void Json_has_the_contract_fields_and_matches_R_on_the_waltons_data()
    {
        // ltv-churn.md §9/§13 (R 4.2.2 survival 3.5-3, "R-here"): control median 58 (log-log CI 56–60), miR-137 median 26 (19–29),
        // log-rank χ² 122.249125573, p 2.035983222e-28; control Ŝ(7) = 0.992248062 with log-log CI [0.9462521106, 0.9989043866].
        var json = CliRunner.Invoke("survival", "--input", Waltons, "--duration", "T", "--event", "E", "--group", "group", "--format", "json").Json();
        Assert.Equal("kaplan-meier", json.GetProperty("metric").GetString());
        Assert.Equal(163, json.GetProperty("n").GetInt64());
        Assert.Equal(156, json.GetProperty("events").GetInt64());
        Assert.Equal(JsonValueKind.Array, json.GetProperty("table").ValueKind);

        var groups = json.GetProperty("groups").EnumerateArray().ToDictionary(g => g.GetProperty("group").GetString()!);
        var control = groups["control"];
        Assert.Equal(58, control.GetProperty("median").GetProperty("time").GetDouble());
        Assert.Equal(56, control.GetProperty("median").GetProperty("lower").GetDouble());
        Assert.Equal(60, control.GetProperty("median").GetProperty("upper").GetDouble());
        Assert.Equal(26, groups["miR-137"].GetProperty("median").GetProperty("time").GetDouble());
        Assert.Equal(19, groups["miR-137"].GetProperty("median").GetProperty("lower").GetDouble());

        var first = control.GetProperty("table")[0];
        Assert.Equal(7, first.GetProperty("time").GetDouble());
        Assert.Equal(129, first.GetProperty("atRisk").GetInt64());
        Assert.Equal(0.992248062, first.GetProperty("survival").GetDouble(), 9);
        Assert.Equal(0.9462521106, first.GetProperty("lower").GetDouble(), 9);
        Assert.Equal(0.9989043866, first.GetProperty("upper").GetDouble(), 9);

        var logRank = json.GetProperty("logRank");
        Assert.Equal(122.249125573, logRank.GetProperty("chiSquare").GetDouble(), 8);
        Assert.Equal(1, logRank.GetProperty("df").GetInt32());
        Assert.True(Math.Abs(logRank.GetProperty("pValue").GetDouble() - 2.035983222e-28) < 1e-36);
    }

    [Fact]
    public void Ci_log_and_horizon_are_honoured()
    {
        // §9: miR-137 median log CI 22–29; RMST to 60 = 25.58823529 (se 2.202199925).
        string file = cli.File("m.csv", "T,E\n" + string.Concat(File.ReadLines(Waltons).Skip(1).Where(l => l.EndsWith("miR-137", StringComparison.Ordinal))
            .Select(l => string.Join(',', l.Split(',').Take(2)) + "\n")));
        var json = CliRunner.Invoke("survival", "-i", file, "--duration", "T", "--event", "E", "--ci", "log", "--horizon", "60", "-f", "json").Json();
        Assert.Equal("log", json.GetProperty("median").GetProperty("method").GetString());
        Assert.Equal(22, json.GetProperty("median").GetProperty("lower").GetDouble());
        Assert.Equal(25.58823529, json.GetProperty("restrictedMean").GetProperty("value").GetDouble(), 7);
        Assert.True(Math.Abs(json.GetProperty("restrictedMean").GetProperty("standardError").GetDouble() - 2.202199925) < 1e-9);
    }

    [Fact]
    public void Median_not_reached_is_null()
    {
        var json = CliRunner.Invoke("survival", "-i", cli.File("n.csv", "t,e\n1,1\n2,0\n3,0\n4,0\n"), "--duration", "t", "--event", "e", "-f", "json").Json();
        Assert.Equal(JsonValueKind.Null, json.GetProperty("median").GetProperty("time").ValueKind);
    }

    [Theory]
    [InlineData("t,e\n1,1\n-2,0\n", "'-2'")]
    [InlineData("t,e\n1,1\n2,2\n", "'2'")]
    [InlineData("t,e\n1,1\nNaN,0\n", "'NaN'")]
    public void Bad_duration_or_event_stops_with_line_and_value(string csv, string value)
    {
        var run = CliRunner.Invoke("survival", "-i", cli.File("b.csv", csv), "--duration", "t", "--event", "e");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("line 3", run.Error);
        Assert.Contains(value, run.Error);
    }

    [Fact]
    public void True_false_event_flags_are_accepted()
    {
        var json = CliRunner.Invoke("survival", "-i", cli.File("g.csv", "time,event\n34,True\n32,True\n9,True\n19,True\n50,False\n48,False\n"),
            "--duration", "time", "--event", "event", "-f", "json").Json();
        // g3.csv Control arm (lifelines test_kmf_survival_curve_output_against_R): Ŝ(9) = 5/6.
        Assert.Equal(5.0 / 6, json.GetProperty("table")[0].GetProperty("survival").GetDouble(), 12);
    }
}
