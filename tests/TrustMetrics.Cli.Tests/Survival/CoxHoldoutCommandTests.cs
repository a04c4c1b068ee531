using System.Text.Json;

namespace TrustMetrics.Cli.Tests.Survival;

/// <summary>
/// <c>trustmetrics cox --holdout</c> on rossi.csv split as the R reference (rows 1–300 train, 301–432 holdout) against
/// tests/TrustMetrics.Tests/Survival/Cox/Data/brier_reference.R (R survival 3.5-3, printed output brier_reference.txt).
/// </summary>
public sealed class CoxHoldoutCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("tm-brier-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private (string Train, string Holdout) Split()
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Data", "rossi.csv"));
        string train = Path.Combine(folder, "train.csv"), holdout = Path.Combine(folder, "holdout.csv");
        File.WriteAllLines(train, lines.Take(301));
        File.WriteAllLines(holdout, lines.Take(1).Concat(lines.Skip(301)));
        return (train, holdout);
    }

    private static void Abs(double expected, JsonElement actual, double tol) =>
        Assert.True(Math.Abs(actual.GetDouble() - expected) <= tol, $"expected {expected:R}, got {actual.GetDouble():R}");

    [Fact]
    public void Holdout_json_matches_R()
    {
        var (train, holdout) = Split();
        var run = CliRunner.Invoke("cox", "--input", train, "--duration", "week", "--event", "arrest",
            "--covariates", "fin,age,race,wexp,mar,paro,prio", "--categorical", "fin", "--horizon", "26,52", "--holdout", holdout, "--format", "json");
        Assert.True(run.ExitCode == 0, run.Error);
        var json = run.Json();
        Assert.Equal(300, json.GetProperty("n").GetInt32()); // the existing contract is unchanged
        var h = json.GetProperty("holdout");
        var brier = h.GetProperty("brier");
        Assert.Equal(26, brier[0].GetProperty("time").GetDouble());
        Abs(0.094296228431900025, brier[0].GetProperty("score"), 1e-9); // R brier.scores at 26
        Abs(0.20844145448512419, brier[1].GetProperty("score"), 1e-9);  // R brier.scores at 52
        Assert.Equal(JsonValueKind.Number, h.GetProperty("integratedBrier").ValueKind);
        var calibration = h.GetProperty("calibration");
        Assert.Equal(10, calibration.GetArrayLength());
        Assert.Equal(1, calibration[0].GetProperty("decile").GetInt32());
        Assert.Equal(13, calibration[0].GetProperty("customers").GetInt32());
        Abs(0.94675001527423996, calibration[0].GetProperty("predicted"), 1e-9); // R cal52.predicted[1]
        Abs(0.84615384615384615, calibration[0].GetProperty("observed"), 1e-9);  // R cal52.observed[1]
        Abs(0.67109519306524912, calibration[0].GetProperty("lower"), 1e-9);     // R cal52.lower[1]
        Abs(0.6428571428571429, calibration[9].GetProperty("observed"), 1e-9);   // R cal52.observed[10]
        Abs(0.94989998296972944, calibration[9].GetProperty("upper"), 1e-9);     // R cal52.upper[10]
    }

    [Fact]
    public void Holdout_text_has_the_tables_and_bad_use_is_refused()
    {
        var (train, holdout) = Split();
        string[] common = ["cox", "--input", train, "--duration", "week", "--event", "arrest", "--covariates", "fin,age,prio"];
        var run = CliRunner.Invoke([.. common, "--horizon", "52", "--holdout", holdout]);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("Brier score", run.Output, StringComparison.Ordinal);
        Assert.Contains("Integrated Brier score to 52", run.Output, StringComparison.Ordinal);
        Assert.Contains("calibration at 52", run.Output, StringComparison.Ordinal);

        var noHorizon = CliRunner.Invoke([.. common, "--holdout", holdout]);
        Assert.NotEqual(0, noHorizon.ExitCode);
        Assert.Contains("--holdout needs --horizon", noHorizon.Error, StringComparison.Ordinal);
    }
}
