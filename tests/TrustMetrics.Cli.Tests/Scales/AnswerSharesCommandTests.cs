namespace TrustMetrics.Cli.Tests.Scales;

public sealed class AnswerSharesCommandTests : IDisposable
{
    private readonly CliRunner cli = new();

    public void Dispose() => cli.Dispose();

    [Fact]
    public void Csat_simultaneous_sison_glaz_matches_statsmodels()
    {
        // Counts (1, 0, 2, 3, 4) on 1–5; statsmodels 0.13.5 multinomial_proportions_confint(alpha = 0.05, method='sison-glaz')
        // (tests/TrustMetrics.Tests/Scales/Data/simultaneous_intervals.txt, case csat_small).
        string csv = "csat\n1\n3\n3\n4\n4\n4\n5\n5\n5\n5\n";
        var json = CliRunner.Invoke("csat", "-i", cli.File("c.csv", csv), "-c", "csat", "--simultaneous", "sison-glaz", "-f", "json").Json();
        var shares = json.GetProperty("answerShares");
        Assert.Equal("sison-glaz", shares.GetProperty("method").GetString());
        Assert.Equal(0.95, shares.GetProperty("level").GetDouble(), 12);
        var answers = shares.GetProperty("answers");
        Assert.Equal(5, answers.GetArrayLength());
        Assert.Equal(2, answers[1].GetProperty("answer").GetInt32());
        Assert.Equal(0, answers[1].GetProperty("count").GetInt64());
        Assert.Equal(0.4, answers[4].GetProperty("share").GetDouble(), 12);
        Assert.Equal(0.20000000000000001, answers[4].GetProperty("lower").GetDouble(), 9);
        Assert.Equal(0.77949619620786625, answers[4].GetProperty("upper").GetDouble(), 9);
        Assert.Equal(0.37949619620786623, answers[1].GetProperty("upper").GetDouble(), 9);
    }

    [Fact]
    public void Nps_simultaneous_goodman_gives_eleven_answers_and_a_text_table()
    {
        // Counts (0, 0, 1, 0, 2, 5, 3, 11, 20, 17, 41) on 0–10; statsmodels 0.13.5 goodman, alpha = 0.1 (case nps_zeros).
        int[] counts = [0, 0, 1, 0, 2, 5, 3, 11, 20, 17, 41];
        string csv = "ltr\n" + string.Concat(counts.SelectMany((c, score) => Enumerable.Repeat(score + "\n", c)));
        string path = cli.File("n.csv", csv);
        var json = CliRunner.Invoke("nps", "-i", path, "-c", "ltr", "--confidence", "0.9", "--simultaneous", "goodman", "-f", "json").Json();
        var answers = json.GetProperty("answerShares").GetProperty("answers");
        Assert.Equal(11, answers.GetArrayLength());
        Assert.Equal("goodman", json.GetProperty("answerShares").GetProperty("method").GetString());
        Assert.Equal(0.0, answers[0].GetProperty("lower").GetDouble(), 12);
        Assert.Equal(0.063713188864030504, answers[0].GetProperty("upper").GetDouble(), 9);
        Assert.Equal(0.0011518270846771993, answers[2].GetProperty("lower").GetDouble(), 9);

        var text = CliRunner.Invoke("nps", "-i", path, "-c", "ltr", "--simultaneous", "goodman");
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("simultaneous", text.Output);
    }

    [Fact]
    public void Nps_simultaneous_with_weight_is_refused()
    {
        string csv = "ltr,w\n9,1\n3,2\n";
        var result = CliRunner.Invoke("nps", "-i", cli.File("w.csv", csv), "-c", "ltr", "-w", "w", "--simultaneous", "goodman");
        Assert.NotEqual(0, result.ExitCode);
    }
}
