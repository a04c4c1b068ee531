using System.Text.Json;

namespace TrustMetrics.Cli.Tests.Report;

/// <summary>
/// The report's topic impact (survey section) and corrected sentiment (sentiment section) on the sample company: the numbers equal
/// what <c>nps --topics topics</c> and <c>sentiment --validation</c> print on the same files, the charts are there, and the
/// output does not depend on the current culture.
/// </summary>
public sealed class TopicAndSentimentSectionTests(SampleReportFixture sample) : IClassFixture<SampleReportFixture>, IDisposable
{
    private readonly CliRunner cli = new();

    public void Dispose() => cli.Dispose();

    private JsonElement ReportJson => JsonDocument.Parse(File.ReadAllText(Path.Combine(sample.Folder, "report.json"))).RootElement;

    [Fact]
    public void Topic_impact_equals_the_nps_topics_command_ranked_with_a_chart()
    {
        var rows = ReportJson.GetProperty("tables").GetProperty("topic_impact").EnumerateArray().ToList();
        var run = CliRunner.Invoke("nps", "--input", cli.Sample("survey.csv"), "--column", "nps", "--topics", "topics", "--format", "json");
        Assert.Equal(0, run.ExitCode);
        var expected = run.Json().GetProperty("topicImpact").EnumerateArray().ToList();
        Assert.Equal(expected.Count, rows.Count);
        for (int i = 0; i < rows.Count; i++)
        {
            Assert.Equal(expected[i].GetProperty("topic").GetString(), rows[i].GetProperty("topic").GetString());
            Assert.Equal(expected[i].GetProperty("respondents").GetInt64(), rows[i].GetProperty("respondents").GetInt64());
            Assert.Equal(expected[i].GetProperty("impact").GetDouble(), rows[i].GetProperty("impact").GetDouble(), 12);
            Assert.Equal(expected[i].GetProperty("se").GetDouble(), rows[i].GetProperty("standardError").GetDouble(), 12);
            Assert.Equal(expected[i].GetProperty("lower").GetDouble(), rows[i].GetProperty("lower").GetDouble(), 12);
        }

        // The planted effect: delivery respondents are more often detractors, the most negative impact (−8.3 in the generator's summary).
        var delivery = rows.Single(r => r.GetProperty("topic").GetString() == "delivery");
        Assert.Equal(-8.3, delivery.GetProperty("impact").GetDouble(), 1);
        Assert.True(delivery.GetProperty("upper").GetDouble() < 0);
        Assert.True(File.Exists(Path.Combine(sample.Folder, "charts", "topic-impact.svg")));
        Assert.Contains("Topic impact on NPS", File.ReadAllText(Path.Combine(sample.Folder, "report.md")), StringComparison.Ordinal);
        Assert.Contains("id=\"chart-topic-impact\"", File.ReadAllText(Path.Combine(sample.Folder, "report.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void Corrected_sentiment_equals_the_sentiment_command()
    {
        var rows = ReportJson.GetProperty("tables").GetProperty("corrected_sentiment").EnumerateArray().ToList();
        var run = CliRunner.Invoke("sentiment", "--input", cli.Sample("reviews.csv"), "--label", "sentiment", "--validation", cli.Sample("sentiment_validation.csv"),
            "--truth", "human", "--predicted", "classifier", "--format", "json");
        Assert.Equal(0, run.ExitCode);
        var corrected = run.Json().GetProperty("corrected");
        var net = rows.Single(r => r.GetProperty("class").GetString() == "netSentiment");
        Assert.Equal(corrected.GetProperty("netSentiment").GetProperty("value").GetDouble(), net.GetProperty("corrected").GetDouble(), 12);
        Assert.Equal(corrected.GetProperty("netSentiment").GetProperty("standardError").GetDouble(), net.GetProperty("standardError").GetDouble(), 12);
        Assert.Equal(corrected.GetProperty("observedNetSentiment").GetDouble(), net.GetProperty("observed").GetDouble(), 12);
        var positive = rows.Single(r => r.GetProperty("class").GetString() == "positive");
        Assert.Equal(corrected.GetProperty("positive").GetProperty("share").GetDouble(), positive.GetProperty("corrected").GetDouble(), 12);

        // The sample's story: the classifier understates net sentiment; the corrected interval holds the stars' truth (68.8, Sample/README.md).
        Assert.True(net.GetProperty("corrected").GetDouble() > net.GetProperty("observed").GetDouble());
        Assert.InRange(68.78, net.GetProperty("lower").GetDouble(), net.GetProperty("upper").GetDouble());
        Assert.Equal(9, ReportJson.GetProperty("tables").GetProperty("sentiment_misclassification").GetArrayLength());
        Assert.True(File.Exists(Path.Combine(sample.Folder, "charts", "corrected-sentiment.svg")));
    }

    [Fact]
    public void Both_parts_are_culture_invariant()
    {
        string folder = cli.PathOf("de");
        TestCulture.Run("de-DE", () => Assert.Equal(0, CliRunner.Invoke("report", "--output", folder).ExitCode));

        foreach (string name in new[] { "topic_impact.csv", "corrected_sentiment.csv", "sentiment_misclassification.csv" })
        {
            Assert.Equal(File.ReadAllText(Path.Combine(sample.Folder, "data", name)), File.ReadAllText(Path.Combine(folder, "data", name)));
        }

        foreach (string chart in new[] { "topic-impact.svg", "corrected-sentiment.svg" })
        {
            Assert.Equal(File.ReadAllText(Path.Combine(sample.Folder, "charts", chart)), File.ReadAllText(Path.Combine(folder, "charts", chart)));
        }
    }
}
