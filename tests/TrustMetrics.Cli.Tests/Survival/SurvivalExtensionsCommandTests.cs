using System.Text.Json;

namespace TrustMetrics.Cli.Tests.Survival;

/// <summary>
/// <c>survival --start</c>, <c>--weights fh:RHO,GAMMA</c>, <c>--pairwise</c> and <c>--cause</c> against the R references of the core tests
/// (tests/TrustMetrics.Tests/Survival/Data: delayed-entry.R, log-rank.R, competing-risks.R with their printed outputs; R 4.2.2,
/// survival 3.5-3, cmprsk 2.2-11).
/// </summary>
public sealed class SurvivalExtensionsCommandTests : IDisposable
{
    private static readonly string DataFolder = Path.Combine(AppContext.BaseDirectory, "Data", "Survival");

    private readonly CliRunner cli = new();

    public void Dispose() => cli.Dispose();

    private static string Data(string file) => Path.Combine(DataFolder, file);

    [Fact]
    public void Start_gives_the_delayed_entry_curve_of_R()
    {
        // multicenter_aids_cohort.tsv as CSV: entry W, exit T, event D. delayed-entry-aids-log-log.csv (R survfit(Surv(W, T, D) ~ 1)):
        // 76 rows; t = 0.791: n.risk 44, surv 0.95400432900432903, log-log lower 0.82796306218282981.
        string csv = string.Join('\n', File.ReadLines(Data("multicenter_aids_cohort.tsv")).Select(l => l.Replace('\t', ',')));
        var json = CliRunner.Invoke("survival", "-i", cli.File("aids.csv", csv), "--start", "W", "--duration", "T", "--event", "D", "-f", "json").Json();
        Assert.Equal("W", json.GetProperty("start").GetString());
        var table = json.GetProperty("table").EnumerateArray().ToList();
        Assert.Equal(76, table.Count);
        var row = table.Single(r => r.GetProperty("time").GetDouble() == 0.791);
        Assert.Equal(44, row.GetProperty("atRisk").GetInt64());
        Assert.True(Math.Abs(row.GetProperty("survival").GetDouble() - 0.95400432900432903) < 1e-12);
        Assert.Equal(3.062, json.GetProperty("median").GetProperty("time").GetDouble());
    }

    [Fact]
    public void Start_after_the_exit_is_refused_with_the_line()
    {
        var run = CliRunner.Invoke("survival", "-i", cli.File("s.csv", "s,t,e\n0,2,1\n3,3,0\n"), "--start", "s", "--duration", "t", "--event", "e");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("line 3", run.Error);
        Assert.Contains("not after the entry time", run.Error);
    }

    [Theory]
    // log-rank.txt: survdiff(rho = 1) χ² 21.761986087863434; fh(rho = 0, gamma = 1) 2.6455009975814896.
    [InlineData("fh:1,0", 21.761986087863434)]
    [InlineData("fh:0,1", 2.6455009975814896)]
    [InlineData("logrank", 12.76440205728847)]
    public void Weights_give_the_Fleming_Harrington_test(string weights, double chiSquare)
    {
        var json = CliRunner.Invoke("survival", "-i", Data("log-rank-simulated.csv"), "--duration", "time", "--event", "event", "--group", "plan",
            "--weights", weights, "-f", "json").Json();
        var logRank = json.GetProperty("logRank");
        Assert.True(Math.Abs(logRank.GetProperty("chiSquare").GetDouble() - chiSquare) <= 1e-9 * chiSquare);
        Assert.Equal(2, logRank.GetProperty("df").GetInt32());
        Assert.True(logRank.GetProperty("weights").TryGetProperty("gamma", out _));
    }

    [Fact]
    public void Pairwise_gives_Holm_adjusted_pairs()
    {
        // log-rank.txt "pairwise rho = 0": a-b, a-c, b-c Holm 0.059862783709352343, 0.25318897284389807, 0.0011268138706264355.
        var json = CliRunner.Invoke("survival", "-i", Data("log-rank-simulated.csv"), "--duration", "time", "--event", "event", "--group", "plan",
            "--pairwise", "-f", "json").Json();
        var pairs = json.GetProperty("pairwise").GetProperty("pairs").EnumerateArray().ToList();
        Assert.Equal("holm", json.GetProperty("pairwise").GetProperty("adjustment").GetString());
        Assert.Equal(["a-b", "a-c", "b-c"], pairs.Select(p => $"{p.GetProperty("first").GetString()}-{p.GetProperty("second").GetString()}").ToArray());
        double[] holm = [0.059862783709352343, 0.25318897284389807, 0.0011268138706264355];
        for (int i = 0; i < 3; i++)
        {
            Assert.True(Math.Abs(pairs[i].GetProperty("adjustedPValue").GetDouble() - holm[i]) <= 1e-9 * holm[i], $"pair {i}");
        }

        var text = CliRunner.Invoke("survival", "-i", Data("log-rank-simulated.csv"), "--duration", "time", "--event", "event", "--group", "plan", "--pairwise");
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("Holm-adjusted", text.Output);
        Assert.Contains("b vs c", text.Output);
    }

    [Fact]
    public void Pairwise_without_group_and_bad_weights_are_refused()
    {
        var noGroup = CliRunner.Invoke("survival", "-i", Data("log-rank-simulated.csv"), "--duration", "time", "--event", "event", "--pairwise");
        Assert.NotEqual(0, noGroup.ExitCode);
        Assert.Contains("--group", noGroup.Error);
        var badWeights = CliRunner.Invoke("survival", "-i", Data("log-rank-simulated.csv"), "--duration", "time", "--event", "event", "--group", "plan",
            "--weights", "fh:-1,0");
        Assert.NotEqual(0, badWeights.ExitCode);
        Assert.Contains("fh:RHO,GAMMA", badWeights.Error);
    }

    [Fact]
    public void Cause_gives_cumulative_incidence_and_Gray_tests()
    {
        // competing-risks-simulated.csv with an event column (1 when a cause is named). competing-risks.txt: summary at t = 6:
        // payment 0.12, voluntary 0.2; cuminc Gray's test across plans: payment 11.11470669464971, voluntary 9.7933184545894303.
        string csv = "plan,time,cause,churned\n" + string.Concat(File.ReadLines(Data("competing-risks-simulated.csv")).Skip(1)
            .Select(l => l + (l.EndsWith(',') ? ",0" : ",1") + "\n"));
        var json = CliRunner.Invoke("survival", "-i", cli.File("cr.csv", csv), "--duration", "time", "--event", "churned", "--cause", "cause",
            "--group", "plan", "-f", "json").Json();
        var risks = json.GetProperty("competingRisks");
        var causes = risks.GetProperty("causes").EnumerateArray().ToDictionary(c => c.GetProperty("cause").GetString()!);
        Assert.Equal(["payment", "voluntary"], causes.Keys.Order(StringComparer.Ordinal).ToArray());
        static double At(JsonElement cause, double time) =>
            cause.GetProperty("table").EnumerateArray().Last(r => r.GetProperty("time").GetDouble() <= time).GetProperty("incidence").GetDouble();
        Assert.True(Math.Abs(At(causes["payment"], 6) - 0.12) < 1e-12);
        Assert.True(Math.Abs(At(causes["voluntary"], 6) - 0.2) < 1e-12);
        var gray = risks.GetProperty("grayTests").EnumerateArray().ToDictionary(t => t.GetProperty("cause").GetString()!, t => t.GetProperty("chiSquare").GetDouble());
        Assert.True(Math.Abs(gray["payment"] - 11.11470669464971) <= 1e-9 * 11.1);
        Assert.True(Math.Abs(gray["voluntary"] - 9.7933184545894303) <= 1e-9 * 9.8);
        Assert.Equal(3, risks.GetProperty("groups").GetArrayLength());

        var text = CliRunner.Invoke("survival", "-i", cli.File("cr2.csv", csv), "--duration", "time", "--event", "churned", "--cause", "cause", "--group", "plan");
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("Gray's test, payment", text.Output);
    }

    [Fact]
    public void A_churned_row_without_a_cause_is_refused()
    {
        var run = CliRunner.Invoke("survival", "-i", cli.File("c.csv", "t,e,c\n1,1,voluntary\n2,1,\n"), "--duration", "t", "--event", "e", "--cause", "c");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("line 3", run.Error);
    }
}
