using System.Text;
using System.Text.Json;
using TrustMetrics.Cli.Output;
using TrustMetrics.Cli.Survival;
using TrustMetrics.Survival;

namespace TrustMetrics.Cli.Tests.Survival;

/// <summary>
/// The bounded-memory paths of <c>survival</c>: rows reduced to tallies chunk by chunk give exactly the tallies of all rows at once
/// (tallies add exactly), and JSON streamed in blocks (<see cref="JsonSink"/>) is byte for byte the document written in one piece.
/// </summary>
public class SurvivalStreamingTests
{
    [Fact]
    public void ChunkedTalliesEqualTheTallyOfAllRows()
    {
        var random = new Random(17);
        var rows = Enumerable.Range(0, 500).Select(_ => (Group: random.Next(3) switch { 0 => "a", 1 => "b", _ => "c" },
            Start: random.Next(3) * 0.5, Stop: 2 + random.Next(20) * 0.25, Event: random.Next(2) == 1,
            Cause: random.Next(2) == 0 ? "price" : "service")).ToList();
        var chunked = new SurvivalTallies(delayedEntry: true, causes: true, chunkRows: 7);
        foreach (var r in rows)
        {
            chunked.Add(r.Group, r.Start, r.Stop, r.Event, r.Event ? r.Cause : null);
        }

        var tallies = chunked.Tallies();
        var risks = chunked.RiskTallies();
        Assert.Equal(["a", "b", "c"], tallies.Select(t => t.Key));
        foreach (var (group, tally) in tallies)
        {
            var mine = rows.Where(r => r.Group == group).ToList();
            Assert.Equal(SurvivalTally.FromStartStop(mine.Select(r => (r.Start, r.Stop, r.Event))), tally);
            Assert.Equal(CompetingRisksTally.FromRows(mine.Select(r => (r.Stop, r.Event ? r.Cause : null))), risks.Single(t => t.Key == group).Value);
        }

        Assert.Equal(500, chunked.Count);
    }

    [Fact]
    public void StreamedJsonEqualsTheDocumentWrittenAtOnce()
    {
        // 40,000 objects ≈ 3 MB: beyond the 1 MiB held back for standard output, so blocks are passed on while writing.
        static void Write(Utf8JsonWriter json)
        {
            json.WriteStartArray();
            for (int i = 0; i < 40_000; i++)
            {
                json.WriteStartObject();
                json.WriteNumber("time", i / 3.0);
                json.WriteString("label", i % 7 == 0 ? "점수 ✓" : "é");
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        var options = new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using var whole = new MemoryStream();
        using (var json = new Utf8JsonWriter(whole, options))
        {
            Write(json);
        }

        var text = new StringWriter();
        CommandOutput.WriteJson(new JsonSink(text), Write);
        Assert.Equal(Encoding.UTF8.GetString(whole.ToArray()), text.ToString());

        using var file = new MemoryStream();
        CommandOutput.WriteJson(new JsonSink(file), Write);
        Assert.Equal(whole.ToArray(), file.ToArray());
    }
}

/// <summary>The command-level cases of this session's changes.</summary>
public sealed class SurvivalAndSummaryStreamingCommandTests : IDisposable
{
    private readonly CliRunner cli = new();

    public void Dispose() => cli.Dispose();

    [Fact]
    public void OneThousandAndOneOneSubjectGroupsChurningTogetherGiveChiSquareZero()
    {
        // Every subject churns at t = 1 (a --group on an id column): V = 0, χ² 0 on 0 df, p 1 — not "variance matrix singular"
        // (R survival 3.5-3 survdiff stops with "system is exactly singular" here: tests/TrustMetrics.Tests/Survival/Data/log-rank-singular.txt).
        string csv = "t,e,id\n" + string.Concat(Enumerable.Range(1, 1001).Select(i => $"1,1,c{i}\n"));
        var run = CliRunner.Invoke("survival", "-i", cli.File("ids.csv", csv), "--duration", "t", "--event", "e", "--group", "id", "--max-groups", "2000", "-f", "json");
        Assert.Equal(0, run.ExitCode);
        var logRank = run.Json().GetProperty("logRank");
        Assert.Equal(0.0, logRank.GetProperty("chiSquare").GetDouble());
        Assert.Equal(0, logRank.GetProperty("df").GetInt32());
        Assert.Equal(1.0, logRank.GetProperty("pValue").GetDouble());
    }

    [Fact]
    public void SummarizeOutOfOrderCustomersGetTheSameSummaryFromTheSecondPass()
    {
        // a's and b's rows are out of date order: the compact one-pass store hands them to the second pass (TransactionSummarizer).
        string csv = "customer_id,date,amount\nb,2026-01-05,10\na,2026-01-07,5\nb,2026-02-09,20.5\na,2026-01-08,1\nc,2026-03-02,7\nb,2026-03-01,0\n";
        string path = cli.File("tx.csv", csv);
        string Run(bool allOutOfOrder)
        {
            var output = new StringWriter();
            TrustMetrics.Cli.Clv.SummaryWriter.Run(new CliContext(output, new StringWriter(), false), null, path, "customer_id", "date", "amount", null,
                TrustMetrics.Clv.ClvTimeUnit.Day, 1.0, allOutOfOrder);
            return output.ToString();
        }

        string onePass = Run(false), twoPasses = Run(true);
        Assert.Equal(onePass, twoPasses);

        // Same as the command with --end at the last transaction (the observation end without --end).
        var withEnd = CliRunner.Invoke("clv", "summarize", "-i", path, "--customer", "customer_id", "--date", "date", "--amount", "amount", "--unit", "day", "--end", "2026-03-02");
        Assert.Equal(withEnd.Output, onePass);
        Assert.StartsWith("customer_id,frequency,recency,T,monetary_value\na,", onePass, StringComparison.Ordinal);
    }
}
