using System.Text.Json;

namespace TrustMetrics.Cli.Tests.Survival;

/// <summary>
/// <c>trustmetrics cox --holdout</c> on rossi.csv split as the R reference (rows 1–300 train, 301–432 holdout) against
/// tests/TrustMetrics.Tests/Survival/Cox/Data/brier_reference.R (R survival 3.5-3, printed output brier_reference.txt); the
/// stratified and (start, stop] landmark runs against brier_strata_landmark_reference.R (R survival 3.5-3 + riskRegression 2022.11.28
/// Score, printed output brier_strata_landmark_reference.txt).
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

    private static string CoxDataFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TrustMetrics.sln"))) return Path.Combine(dir.FullName, "tests", "TrustMetrics.Tests", "Survival", "Cox", "Data");
        }

        throw new InvalidOperationException("TrustMetrics.sln not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public void Stratified_holdout_json_matches_R_and_riskRegression()
    {
        var (train, holdout) = Split();
        var run = CliRunner.Invoke("cox", "--input", train, "--duration", "week", "--event", "arrest", "--covariates", "fin,age,race,mar,paro,prio",
            "--strata", "wexp", "--horizon", "26,52", "--holdout", holdout, "--format", "json");
        Assert.True(run.ExitCode == 0, run.Error);
        var h = run.Json().GetProperty("holdout");
        Assert.Equal(132, h.GetProperty("n").GetInt32());
        Assert.Equal(JsonValueKind.Null, h.GetProperty("landmark").ValueKind);
        var brier = h.GetProperty("brier");
        Abs(0.092717707197680202, brier[0].GetProperty("score"), 1e-9); // R strata.brier.scores at 26 (= riskRegression::Score)
        Abs(0.20896511824972011, brier[1].GetProperty("score"), 1e-9);  // R strata.brier.scores at 52
        var calibration = h.GetProperty("calibration");
        Abs(0.94607832954162963, calibration[0].GetProperty("predicted"), 1e-9); // R strata.cal52.predicted[1]
        Abs(0.84615384615384615, calibration[0].GetProperty("observed"), 1e-9);  // R strata.cal52.observed[1]
        Abs(0.7142857142857143, calibration[9].GetProperty("observed"), 1e-9);   // R strata.cal52.observed[10]
        Abs(0.99483552550080578, calibration[9].GetProperty("upper"), 1e-9);     // R strata.cal52.upper[10]
    }

    private (string Train, string Holdout) HeartSplit()
    {
        var lines = File.ReadAllLines(Path.Combine(CoxDataFolder(), "heart.csv"));
        bool Odd(string line) => int.Parse(line.Split(',')[0], System.Globalization.CultureInfo.InvariantCulture) % 2 == 1;
        string train = Path.Combine(folder, "heart_train.csv"), holdout = Path.Combine(folder, "heart_holdout.csv");
        File.WriteAllLines(train, lines.Take(1).Concat(lines.Skip(1).Where(Odd)));
        File.WriteAllLines(holdout, lines.Take(1).Concat(lines.Skip(1).Where(l => !Odd(l))));
        return (train, holdout);
    }

    [Fact]
    public void Start_stop_holdout_at_a_landmark_matches_R_and_riskRegression()
    {
        var (train, holdout) = HeartSplit();
        var run = CliRunner.Invoke("cox", "--input", train, "--start", "start", "--duration", "stop", "--event", "event", "--id", "id",
            "--covariates", "age,year,surgery,transplant", "--horizon", "40,130", "--landmark", "30", "--holdout", holdout, "--format", "json");
        Assert.True(run.ExitCode == 0, run.Error);
        var h = run.Json().GetProperty("holdout");
        Assert.Equal(40, h.GetProperty("n").GetInt32()); // R heart.s30.n: even-id customers followed at day 30
        Assert.Equal(30, h.GetProperty("landmark").GetDouble());
        var brier = h.GetProperty("brier");
        Abs(0.086575158508547384, brier[0].GetProperty("score"), 1e-9); // R heart.s30.brier.scores at 40 (= riskRegression::Score)
        Abs(0.20222113266205693, brier[1].GetProperty("score"), 1e-9);  // R heart.s30.brier.scores at 130
        Abs(0.15845429487854315, h.GetProperty("integratedBrier"), 1e-9); // R heart.s30.ibs.values at 130
        var calibration = h.GetProperty("calibration");
        Abs(0.85041390774739056, calibration[0].GetProperty("predicted"), 1e-9); // R heart.s30.cal.predicted[1]
        Abs(0.25658950261216718, calibration[9].GetProperty("predicted"), 1e-9); // R heart.s30.cal.predicted[10]
        Abs(0.18765892870658832, calibration[9].GetProperty("lower"), 1e-9);     // R heart.s30.cal.lower[10]

        var text = CliRunner.Invoke("cox", "--input", train, "--start", "start", "--duration", "stop", "--event", "event", "--id", "id",
            "--covariates", "age,year,surgery,transplant", "--horizon", "130", "--landmark", "30", "--holdout", holdout);
        Assert.True(text.ExitCode == 0, text.Error);
        Assert.Contains("followed at 30", text.Output, StringComparison.Ordinal);
        Assert.Contains("Integrated Brier score from 30 to 130", text.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Unscorable_holdout_options_are_refused_with_a_reason()
    {
        var (train, holdout) = HeartSplit();
        string[] common = ["cox", "--input", train, "--start", "start", "--duration", "stop", "--event", "event", "--id", "id", "--covariates", "age,surgery"];
        var noLandmark = CliRunner.Invoke([.. common, "--horizon", "130", "--holdout", holdout]);
        Assert.NotEqual(0, noLandmark.ExitCode);
        Assert.Contains("--holdout with --start needs --landmark", noLandmark.Error, StringComparison.Ordinal);
        var late = CliRunner.Invoke([.. common, "--horizon", "130", "--landmark", "130", "--holdout", holdout]);
        Assert.NotEqual(0, late.ExitCode);
        Assert.Contains("below every --horizon", late.Error, StringComparison.Ordinal);
        var alone = CliRunner.Invoke([.. common, "--landmark", "30"]);
        Assert.NotEqual(0, alone.ExitCode);
        Assert.Contains("--landmark is for --holdout", alone.Error, StringComparison.Ordinal);

        var (rossiTrain, rossiHoldout) = Split();
        var lines = File.ReadAllLines(rossiHoldout);
        var cells = lines[1].Split(',');
        cells[5] = "7"; // wexp (week,arrest,fin,age,race,wexp,...) = 7: a stratum unseen in training
        lines[1] = string.Join(',', cells);
        File.WriteAllLines(rossiHoldout, lines);
        var unseen = CliRunner.Invoke("cox", "--input", rossiTrain, "--duration", "week", "--event", "arrest", "--covariates", "fin,age",
            "--strata", "wexp", "--horizon", "52", "--holdout", rossiHoldout);
        Assert.NotEqual(0, unseen.ExitCode);
        Assert.Contains("unseen in the training data", unseen.Error, StringComparison.Ordinal);
    }
}
