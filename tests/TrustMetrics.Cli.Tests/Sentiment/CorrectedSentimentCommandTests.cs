using System.Text;

namespace TrustMetrics.Cli.Tests.Sentiment;

/// <summary>
/// <c>sentiment --validation --truth --predicted [--scores]</c>. Reference numbers: case B of
/// tests/TrustMetrics.Tests/Sentiment/Data/corrected_sentiment_reference.py (numpy 1.24.2 solve + explicit delta-method Jacobian).
/// </summary>
public sealed class CorrectedSentimentCommandTests : IDisposable
{
    private readonly CliRunner cli = new();

    public void Dispose() => cli.Dispose();

    [Fact]
    public void Json_has_the_corrected_fields_and_matches_the_numpy_reference()
    {
        // Production (negative, neutral, positive) = (412, 388, 1200); validation rows = truth (80, 15, 5 | 20, 60, 20 | 6, 24, 170).
        var production = new StringBuilder("id,label\n");
        foreach (var (label, count) in new[] { ("negative", 412), ("neutral", 388), ("positive", 1200) })
        {
            for (int i = 0; i < count; i++)
            {
                production.Append(i).Append(',').Append(label).Append('\n');
            }
        }

        var validation = new StringBuilder("human,model\n");
        string[] names = ["negative", "neutral", "positive"];
        long[,] counts = { { 80, 15, 5 }, { 20, 60, 20 }, { 6, 24, 170 } };
        for (int t = 0; t < 3; t++)
        {
            for (int p = 0; p < 3; p++)
            {
                for (int i = 0; i < counts[t, p]; i++)
                {
                    validation.Append(names[t]).Append(',').Append(names[p]).Append('\n');
                }
            }
        }

        validation.Append(",positive\n"); // a blank human label: skipped and counted
        var run = CliRunner.Invoke("sentiment", "--input", cli.File("production.csv", production.ToString()), "--label", "label",
            "--validation", cli.File("validation.csv", validation.ToString()), "--truth", "human", "--predicted", "model", "--format", "json");
        Assert.Equal(0, run.ExitCode);
        var corrected = run.Json().GetProperty("corrected");
        Assert.Equal(400, corrected.GetProperty("validationCount").GetInt64());
        Assert.Equal(310, corrected.GetProperty("validationAgreement").GetInt64());
        Assert.Equal(1, corrected.GetProperty("validationSkipped").GetInt64());
        Assert.False(corrected.GetProperty("constrained").GetBoolean());
        Rel(46.36488340192044, corrected.GetProperty("netSentiment").GetProperty("value").GetDouble(), 1e-12, "net");
        Rel(Math.Sqrt(15.329135896270724), corrected.GetProperty("netSentiment").GetProperty("standardError").GetDouble(), 1e-12, "net SE");
        Rel(0.6609053497942387, corrected.GetProperty("positive").GetProperty("share").GetDouble(), 1e-12, "positive share");
        Rel(0.6, corrected.GetProperty("positive").GetProperty("observedShare").GetDouble(), 1e-15, "observed positive");
        Assert.Equal("Rogan-Gladen delta", corrected.GetProperty("netSentiment").GetProperty("confidenceInterval").GetProperty("method").GetString());
        Rel(170.0 / 200, corrected.GetProperty("misclassification")[0].GetProperty("positive").GetDouble(), 1e-15, "P(pos | pos)");
    }

    [Fact]
    public void Correcting_the_validation_sample_itself_returns_its_human_shares_and_scores_average()
    {
        // Identity: q = M·π_human holds exactly on the validation sample, so M⁻¹q is the human shares.
        string file = cli.Sample("sentiment_validation.csv");
        var lines = File.ReadAllLines(file).Skip(1).Select(l => l.Split(',')).ToList();
        double human = lines.Count(l => l[4] == "positive") / (double)lines.Count;
        double meanP = lines.Average(l => double.Parse(l[6], System.Globalization.CultureInfo.InvariantCulture));
        var run = CliRunner.Invoke("sentiment", "--input", file, "--label", "classifier", "--scores", "p_positive,p_neutral,p_negative",
            "--validation", file, "--format", "json");
        Assert.Equal(0, run.ExitCode);
        var json = run.Json();
        Abs(human, json.GetProperty("corrected").GetProperty("positive").GetProperty("share").GetDouble(), 1e-12, "human positive share");
        Assert.Equal(400, json.GetProperty("probabilistic").GetProperty("scored").GetInt64());
        Rel(meanP, json.GetProperty("probabilistic").GetProperty("positive").GetDouble(), 1e-12, "mean P(positive)");
    }

    [Fact]
    public void Bad_validation_input_is_an_input_error_that_says_why()
    {
        string production = cli.File("p.csv", "label\npositive\nnegative\nneutral\n");
        var noNeutral = CliRunner.Invoke("sentiment", "--input", production, "--label", "label",
            "--validation", cli.File("v.csv", "human,classifier\npositive,positive\nnegative,negative\n"));
        Assert.Equal(2, noNeutral.ExitCode);
        Assert.Contains("no item whose true label is neutral", noNeutral.Error, StringComparison.Ordinal);

        var badLabel = CliRunner.Invoke("sentiment", "--input", production, "--label", "label",
            "--validation", cli.File("w.csv", "human,classifier\ngood,positive\n"));
        Assert.Equal(2, badLabel.ExitCode);
        Assert.Contains("'good'", badLabel.Error, StringComparison.Ordinal);

        var badScores = CliRunner.Invoke("sentiment", "--input", cli.File("s.csv", "label,a,b,c\npositive,0.5,0.5,0.5\n"), "--label", "label", "--scores", "a,b,c");
        Assert.Equal(2, badScores.ExitCode);
        Assert.Contains("sum to", badScores.Error, StringComparison.Ordinal);
    }

    private static void Rel(double expected, double actual, double tolerance, string what) =>
        Assert.True(Math.Abs(actual - expected) <= tolerance * Math.Abs(expected), $"{what}: expected {expected:R}, got {actual:R} (relative tolerance {tolerance})");

    private static void Abs(double expected, double actual, double tolerance, string what) =>
        Assert.True(Math.Abs(actual - expected) <= tolerance, $"{what}: expected {expected:R}, got {actual:R} (absolute tolerance {tolerance})");
}
