using System.Globalization;
using System.Text.Json;

namespace TrustMetrics.Cli.Tests.Survival;

/// <summary>
/// <c>trustmetrics cox</c> on rossi.csv against R survival 3.5-3 (tests/TrustMetrics.Tests/Survival/Cox/Data/cox_reference.R,
/// printed output cox_reference.txt: coxph(Surv(week, arrest) ~ fin + age + race + wexp + mar + paro + prio), concordance(fit),
/// cox.zph(fit)). The JSON field names are the contract of issue 13.
/// </summary>
public sealed class CoxCommandTests : IDisposable
{
    private readonly CliRunner cli = new();

    public void Dispose() => cli.Dispose();

    private static string Data(string file) => Path.Combine(AppContext.BaseDirectory, "Data", file);

    private static void Rel(double expected, JsonElement actual, double tol) =>
        Assert.True(Math.Abs(actual.GetDouble() - expected) <= tol * Math.Abs(expected), $"expected {expected:R}, got {actual.GetDouble():R}");

    [Fact]
    public void Json_contract_matches_R_on_rossi()
    {
        var run = CliRunner.Invoke("cox", "--input", Data("rossi.csv"), "--duration", "week", "--event", "arrest",
            "--covariates", "fin,age,race,wexp,mar,paro,prio", "--categorical", "fin", "--format", "json");
        Assert.True(run.ExitCode == 0, run.Error);
        var json = run.Json();
        Assert.Equal("cox", json.GetProperty("model").GetString());
        Assert.Equal(432, json.GetProperty("n").GetInt32());
        Assert.Equal(114, json.GetProperty("events").GetInt32());
        Assert.Equal("efron", json.GetProperty("ties").GetString());
        var coefficients = json.GetProperty("coefficients");
        var fin = coefficients[0];
        Assert.Equal("fin=1", fin.GetProperty("term").GetString()); // treatment contrast, first sorted level "0" the reference
        Rel(-0.37942216648588667, fin.GetProperty("coef"), 1e-6);
        Rel(0.19137948071354347, fin.GetProperty("se"), 1e-6);
        Assert.Equal(JsonValueKind.Null, fin.GetProperty("robustSe").ValueKind);
        Rel(Math.Exp(-0.37942216648588667), fin.GetProperty("hazardRatio"), 1e-6);
        foreach (string field in new[] { "z", "p", "lower", "upper" }) Assert.Equal(JsonValueKind.Number, fin.GetProperty(field).ValueKind);
        Rel(-0.0574377426840623, coefficients[1].GetProperty("coef"), 1e-6);
        Rel(-675.38063234687093, json.GetProperty("logLikelihood").GetProperty("null"), 1e-8);
        Rel(-658.74765944608657, json.GetProperty("logLikelihood").GetProperty("model"), 1e-8);
        var tests = json.GetProperty("tests");
        Rel(2 * (675.38063234687093 - 658.74765944608657), tests.GetProperty("likelihoodRatio").GetProperty("statistic"), 1e-7);
        Rel(32.112610680553964, tests.GetProperty("wald").GetProperty("statistic"), 1e-6);
        Rel(33.52868889970771, tests.GetProperty("score").GetProperty("statistic"), 1e-6);
        Assert.Equal(7, tests.GetProperty("score").GetProperty("df").GetInt32());
        Rel(0.64032924709971351, json.GetProperty("concordance").GetProperty("value"), 1e-8);
        Rel(0.026658122772647543, json.GetProperty("concordance").GetProperty("se"), 1e-8);
        var ph = json.GetProperty("phTest");
        Assert.Equal("fin", ph.GetProperty("terms")[0].GetProperty("term").GetString());
        Rel(0.06242975135808522, ph.GetProperty("terms")[0].GetProperty("chisq"), 1e-6);
        Rel(5.9739816534184254, ph.GetProperty("terms")[1].GetProperty("chisq"), 1e-6);
        Assert.Equal(7, ph.GetProperty("global").GetProperty("df").GetInt32());
        Assert.True(json.GetProperty("converged").GetBoolean());
        Assert.Equal(4, json.GetProperty("iterations").GetInt32());
    }

    [Fact]
    public void Score_file_has_a_line_per_customer_and_robust_se_with_clusters()
    {
        string scores = Path.Combine(Path.GetTempPath(), $"cox-score-{Guid.NewGuid():N}.csv");
        try
        {
            var run = CliRunner.Invoke("cox", "--input", Data("rossi.csv"), "--duration", "week", "--event", "arrest",
                "--covariates", "fin,age,prio", "--cluster", "race", "--score", scores, "--horizon", "12,52", "--format", "json");
            Assert.True(run.ExitCode == 0, run.Error);
            Assert.Equal(JsonValueKind.Number, run.Json().GetProperty("coefficients")[0].GetProperty("robustSe").ValueKind);
            var lines = File.ReadAllLines(scores);
            Assert.Equal("linear_predictor,survival_12,lower_12,upper_12,survival_52,lower_52,upper_52", lines[0]);
            Assert.Equal(433, lines.Length);
            var first = lines[1].Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            Assert.True(first[1] > first[4] && first[2] <= first[1] && first[1] <= first[3]);
        }
        finally
        {
            File.Delete(scores);
        }
    }
}
