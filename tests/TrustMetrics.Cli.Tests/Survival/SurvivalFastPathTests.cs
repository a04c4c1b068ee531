using System.Globalization;
using System.Text;
using System.Text.Json;
using TrustMetrics.Cli.Input;
using TrustMetrics.Cli.Output;
using TrustMetrics.Cli.Survival;
using TrustMetrics.Survival;

namespace TrustMetrics.Cli.Tests.Survival;

/// <summary>
/// The fast paths of <c>survival --format json</c>: the byte-level reader (<see cref="SurvivalFastReader"/>) gives exactly the
/// tally of the general reader or declines, and the block-formatted table (<see cref="JsonRows"/>) is byte for byte what the
/// indented <see cref="Utf8JsonWriter"/> writes (the reference: System.Text.Json itself), on one thread or two, to a file or to text.
/// </summary>
public sealed class SurvivalFastPathTests : IDisposable
{
    private readonly CliRunner cli = new();

    public void Dispose() => cli.Dispose();

    private SurvivalTally? Fast(string csv, string name = "km.csv", int tallyRows = 1 << 20)
    {
        string path = cli.File(name, csv);
        var source = SurveySource.FromFile(path);
        using var table = CsvTable.Open(source);
        return SurvivalFastReader.TryRead(source, table.Columns, table.Column("time"), table.Column("event"), tallyRows);
    }

    [Fact]
    public void FastReaderGivesTheTallyOfEveryRow()
    {
        // > 2 MB: several chunks, each cut in two halves parsed in parallel; CRLF and LF lines, an extra column, no final newline.
        var random = new Random(5);
        var times = new List<double>();
        var flags = new List<byte>();
        var csv = new StringBuilder("id,time,event\n");
        for (int i = 0; i < 600_000; i++)
        {
            double t = random.Next(0, 2_000_000) / 1e4;
            byte e = (byte)random.Next(2);
            string text = i % 3 == 0 ? t.ToString("R", CultureInfo.InvariantCulture) : t.ToString("F4", CultureInfo.InvariantCulture);
            times.Add(double.Parse(text, CultureInfo.InvariantCulture));
            flags.Add(e);
            csv.Append("customer-").Append(i).Append(',').Append(text).Append(',').Append(e).Append(i % 5 == 0 ? "\r\n" : "\n");
        }

        csv.Length--; // no line feed after the last row
        var whole = SurvivalTally.FromDurations(times.ToArray(), flags.ToArray());
        Assert.Equal(whole, Fast(csv.ToString()));

        // Tallied every 1,000 rows (at the next chunk) and added up: the same tally.
        Assert.Equal(whole, Fast(csv.ToString(), "small-tallies.csv", tallyRows: 1000));
    }

    [Theory]
    [InlineData("time,event\n-0,1\n")] // a sign: the number rule reads "-0" as 0, the general reader decides
    [InlineData("time,event\n1e-3,1\n")]
    [InlineData("time,event\n 1,1\n")]
    [InlineData("time,event\n1,true\n")]
    [InlineData("time,event\n1,1\n\n2,0\n")]
    [InlineData("time,event\n1,1,7\n")]
    [InlineData("time,event\n1\n")]
    [InlineData("time,event\n\"1\",1\n")]
    [InlineData("time;event\n1;1\n")]
    [InlineData("time,event\n")]
    [InlineData("time,event\n1,2\n")]
    [InlineData("time,event\n1\r2,1\n")]
    public void FastReaderDeclinesWhatTheGeneralReaderDecides(string csv) => Assert.Null(Fast(csv));

    [Fact]
    public void CommandGivesTheSameJsonThroughEitherReader()
    {
        // The same rows with a quoted header name (general reader) and plain (fast reader): the same document but its source.
        string rows = string.Concat(Enumerable.Range(1, 3000).Select(i => $"{i % 97 * 0.25},{i % 3 % 2}\n"));
        var fast = CliRunner.Invoke("survival", "-i", cli.File("a.csv", "time,event\n" + rows), "--duration", "time", "--event", "event", "-f", "json");
        var general = CliRunner.Invoke("survival", "-i", cli.File("b.csv", "\"time\",event\n" + rows), "--duration", "time", "--event", "event", "-f", "json");
        Assert.Equal(0, fast.ExitCode);
        Assert.Equal(fast.Output.Replace("a.csv", "b.csv", StringComparison.Ordinal), general.Output);
        Assert.Equal(97, fast.Json().GetProperty("table").GetArrayLength());
    }

    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly (double Time, long N, double Value)[] Rows = [.. Enumerable.Range(0, 50_000).Select(i =>
        (i * 1e-6, 1_000_000L - i, i % 1000 == 7 ? double.NaN : i % 1000 == 8 ? double.PositiveInfinity : Math.Exp(-i / 7919.0)))];

    // The document: the table at depth 1 and inside a group object at depth 3, between other members. The member names: short
    // (every prefix fits the 32-byte slot) or one long enough to take the general copy.
    private static void Document(Utf8JsonWriter json, bool fast, int? workers, string lower = "lower")
    {
        void Table(string name, int count)
        {
            if (fast && JsonRows.TryWriteArray(json, name, ["time", "atRisk", lower], count, (int i, ref JsonRows.Row row) =>
            {
                row.Number(Rows[i].Time);
                row.Integer(Rows[i].N);
                row.Number(Rows[i].Value);
            }, workers))
            {
                return;
            }

            json.WriteStartArray(name);
            for (int i = 0; i < count; i++)
            {
                json.WriteStartObject();
                json.WriteNumber("time", Rows[i].Time);
                json.WriteNumber("atRisk", Rows[i].N);
                MetricJson.Number(json, lower, Rows[i].Value);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteStartObject();
        json.WriteString("metric", "kaplan-meier ✓");
        Table("table", Rows.Length);
        json.WriteStartArray("groups");
        foreach (int count in new[] { 0, 1, 2049, 40_000 })
        {
            json.WriteStartObject();
            json.WriteNumber("n", count);
            Table("table", count);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteNumber("after", 1.5);
        json.WriteEndObject();
    }

    [Theory]
    [InlineData(null, "lower")]
    [InlineData(0, "lower")]
    [InlineData(2, "lower")]
    [InlineData(3, "lower")]
    [InlineData(2, "aMemberNameLongerThanTheThirtyTwoByteSlot")]
    public void BlockFormattedRowsAreTheBytesOfTheJsonWriter(int? workers, string lower)
    {
        using var whole = new MemoryStream();
        using (var json = new Utf8JsonWriter(whole, Options))
        {
            Document(json, fast: false, workers, lower);
        }

        // Without a bound sink the fast path declines and the writer writes the rows.
        using var unbound = new MemoryStream();
        using (var json = new Utf8JsonWriter(unbound, Options))
        {
            Document(json, fast: true, workers, lower);
        }

        Assert.Equal(whole.ToArray(), unbound.ToArray());

        using var file = new MemoryStream();
        CommandOutput.WriteJson(new JsonSink(file), json => Document(json, fast: true, workers, lower));
        Assert.Equal(whole.ToArray(), file.ToArray());

        var text = new StringWriter();
        CommandOutput.WriteJson(new JsonSink(text), json => Document(json, fast: true, workers, lower));
        Assert.Equal(Encoding.UTF8.GetString(whole.ToArray()), text.ToString());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void ARowWithAnotherNumberOfValuesThanDeclaredIsAnError(int values)
    {
        using var file = new MemoryStream();
        var error = Assert.Throws<InvalidOperationException>(() => CommandOutput.WriteJson(new JsonSink(file), json =>
        {
            json.WriteStartObject();
            JsonRows.TryWriteArray(json, "table", ["a", "b"], 10, (int i, ref JsonRows.Row row) =>
            {
                for (int v = 0; v < values; v++)
                {
                    row.Integer(v);
                }
            });
            json.WriteEndObject();
        }));
        Assert.Contains("2 members", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFailingRowLeavesNoThreadAndReportsItsError()
    {
        using var file = new MemoryStream();
        var error = Assert.Throws<InvalidOperationException>(() => CommandOutput.WriteJson(new JsonSink(file), json =>
        {
            json.WriteStartObject();
            JsonRows.TryWriteArray(json, "table", ["i"], 100_000, (int i, ref JsonRows.Row row) =>
            {
                row.Integer(i == 70_001 ? throw new InvalidOperationException("row 70001") : i);
            }, workers: 2);
            json.WriteEndObject();
        }));
        Assert.Equal("row 70001", error.Message);
    }
}
