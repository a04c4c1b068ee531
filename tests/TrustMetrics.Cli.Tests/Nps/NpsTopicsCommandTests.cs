using System.Text;

namespace TrustMetrics.Cli.Tests.Nps;

public sealed class NpsTopicsCommandTests : IDisposable
{
    private readonly CliRunner cli = new();

    public void Dispose() => cli.Dispose();

    /// <summary>
    /// 100 respondents: "price" on 7 detractors, 5 passives, 8 promoters (written "price;price" on some rows: counts once);
    /// the rest 23/20/37; "all" on every row; "delivery" on the first 10 detractors of the rest.
    /// </summary>
    private static string Survey()
    {
        var csv = new StringBuilder("id,nps,topics\n");
        int id = 0;
        void Rows(int count, int score, string topics)
        {
            for (int i = 0; i < count; i++)
            {
                csv.Append(++id).Append(',').Append(score).Append(",\"").Append(topics).Append("\"\n");
            }
        }

        Rows(7, 3, "all; price ;price");
        Rows(5, 7, "all;price");
        Rows(8, 10, "price;all");
        Rows(10, 0, "all;delivery");
        Rows(13, 5, "all");
        Rows(20, 8, "all");
        Rows(37, 9, "all;");
        return csv.ToString();
    }

    [Fact]
    public void Json_topic_impact_matches_the_sympy_reference()
    {
        string file = cli.File("t.csv", Survey());
        var run = CliRunner.Invoke("nps", "--input", file, "--column", "nps", "--topics", "topics", "--format", "json");
        Assert.Equal(0, run.ExitCode);
        var topics = run.Json().GetProperty("topicImpact").EnumerateArray().ToList();
        // Ranked by impact: price −2.5, delivery (10 detractors of 100: NPS 15 vs 27.78 → −12.78), all undefined last.
        Assert.Equal(["price", "delivery", "all"], topics.Select(t => t.GetProperty("topic").GetString()));
        var price = topics[0];
        Assert.Equal(20, price.GetProperty("respondents").GetInt64());
        Assert.Equal(0.2, price.GetProperty("share").GetDouble(), 12);
        // tests/TrustMetrics.Tests/Nps/Data/topic_impact_delta.out, case (7, 5, 8) of (30, 25, 45) (sympy 1.11.1).
        Assert.Equal(-2.5, price.GetProperty("impact").GetDouble(), 9);
        Assert.Equal(4.3355362990061564009, price.GetProperty("se").GetDouble(), 9);
        Assert.Equal(0.56418947490864524, price.GetProperty("p").GetDouble(), 9);
        Assert.Equal(-2.5 - 1.959963984540054 * 4.3355362990061564009, price.GetProperty("lower").GetDouble(), 9);
        Assert.Equal(10, topics[1].GetProperty("respondents").GetInt64());
        // Closed form: NPS(all) = 15, NPS(without the 10 detractors) = 100·(45 − 20)/90 = 27.78; impact = −12.78.
        Assert.Equal(15.0 - 2500.0 / 90, topics[1].GetProperty("impact").GetDouble(), 9);
        foreach (var name in new[] { "impact", "se", "lower", "upper", "p" })
        {
            Assert.Equal(System.Text.Json.JsonValueKind.Null, topics[2].GetProperty(name).ValueKind);
        }
    }

    [Fact]
    public void Text_has_the_ranked_table_and_weight_is_refused()
    {
        string file = cli.File("t.csv", Survey());
        var run = CliRunner.Invoke("nps", "--input", file, "--column", "nps", "--topics", "topics");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Topic impact on NPS", run.Output);
        Assert.True(run.Output.IndexOf("price", StringComparison.Ordinal) < run.Output.IndexOf("delivery", StringComparison.Ordinal));
        string weighted = cli.File("w.csv", "nps,w,topics\n9,1,a\n3,2,b\n");
        Assert.NotEqual(0, CliRunner.Invoke("nps", "--input", weighted, "--column", "nps", "--weight", "w", "--topics", "topics").ExitCode);
        Assert.NotEqual(0, CliRunner.Invoke("nps", "--input", file, "--column", "nps", "--topics", "topics", "--topic-separator", ";;").ExitCode);
    }
}
