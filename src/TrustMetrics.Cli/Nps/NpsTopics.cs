using System.CommandLine;
using System.Text.Json;
using TrustMetrics.Cli.Input;
using TrustMetrics.Cli.Output;
using TrustMetrics.Nps;

namespace TrustMetrics.Cli.Nps;

/// <summary>
/// <c>nps --topics COL [--topic-separator ';']</c>: impact of each topic of a multi-label column on NPS
/// (<see cref="NpsTopicImpact"/>), as a ranked table and the JSON array <c>topicImpact</c>.
/// </summary>
internal sealed class NpsTopics
{
    private readonly Dictionary<string, NpsTally> tallies = new(StringComparer.Ordinal);
    private readonly HashSet<string> row = new(StringComparer.Ordinal);
    private readonly int column;
    private readonly char separator;
    private NpsTally all;

    private NpsTopics(int column, char separator)
    {
        this.column = column;
        this.separator = separator;
    }

    /// <summary>The two options; <see cref="AddTo"/> adds them to the command.</summary>
    public sealed class Options
    {
        public Option<string?> Column { get; } = new("--topics") { Description = "Multi-label topic column (e.g. \"price;delivery\"): impact of each topic on NPS = NPS(all) − NPS(without its respondents), with delta-method SE, interval and z test." };

        public Option<string> Separator { get; } = new("--topic-separator") { Description = "Separator between topics in a cell (one character; default ';').", DefaultValueFactory = _ => ";" };

        public Options AddTo(Command command)
        {
            command.Add(Column);
            command.Add(Separator);
            return this;
        }

        /// <summary>The request's topic settings, or null without --topics.</summary>
        public (string Column, char Separator)? Read(ParseResult parse)
        {
            if (parse.GetValue(Column) is not string name)
            {
                return null;
            }

            string sep = parse.GetValue(Separator) ?? ";";
            if (sep.Length != 1)
            {
                throw new CommandLineException($"--topic-separator must be one character; got '{sep}'.");
            }

            return (name, sep[0]);
        }
    }

    /// <summary>A collector for the topic column, or null without --topics; refuses --weight (the impact is unweighted).</summary>
    public static NpsTopics? Open(CsvTable table, (string Column, char Separator)? settings, bool weighted)
    {
        if (settings is not { } s)
        {
            return null;
        }

        if (weighted)
        {
            throw new CommandLineException("--topics: the topic impact is unweighted; drop --weight.");
        }

        return new NpsTopics(table.Column(s.Column), s.Separator);
    }

    /// <summary>Adds the current row (a respondent with a valid score); a topic named twice in one cell counts once.</summary>
    public void Add(CsvTable table, int score)
    {
        all = all.Add(score);
        row.Clear();
        foreach (var part in table.Field(column).Split(separator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (row.Add(part))
            {
                ref var tally = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(tallies, part, out _);
                tally = tally.Add(score);
            }
        }
    }

    /// <summary>The ranked impacts.</summary>
    public IReadOnlyList<NpsTopicImpact> Rank(double level) => NpsTopicImpact.Rank(all, tallies, level);

    /// <summary>The ranked text table.</summary>
    public static Table Table(IReadOnlyList<NpsTopicImpact> impacts, double level) => new(
        "Topic impact on NPS",
        ["Topic", "n", "Share", "Impact", "SE", $"{Formatting.Level(level)} CI", "p"],
        [.. impacts.Select(t => (IReadOnlyList<string>)
        [
            t.Topic, Formatting.Count(t.Respondents), Formatting.Number(100 * t.Share, 1) + "%",
            t.Impact is double i ? Formatting.Signed(i, 1) : "–",
            t.StandardError is double se ? Formatting.Number(se, 1) : "–",
            t.Lower is double lo && t.Upper is double hi ? $"[{Formatting.Number(lo, 1)}, {Formatting.Number(hi, 1)}]" : "–",
            t.PValue is double p ? Formatting.PValue(p) : "–",
        ])],
        ["Impact = NPS(all) − NPS(all without the topic's respondents), in points; delta-method SE on the topic × category "
            + "multinomial, Wald interval, z test; ranked by impact. '–' = undefined (every respondent has the topic)."]);

    /// <summary>Writes <c>"topicImpact": [ { "topic", "respondents", "share", "impact", "se", "lower", "upper", "p" } ]</c>.</summary>
    public static void Write(Utf8JsonWriter json, IReadOnlyList<NpsTopicImpact> impacts)
    {
        json.WriteStartArray("topicImpact");
        foreach (var t in impacts)
        {
            json.WriteStartObject();
            json.WriteString("topic", t.Topic);
            json.WriteNumber("respondents", t.Respondents);
            MetricJson.Number(json, "share", t.Share);
            MetricJson.Number(json, "impact", t.Impact);
            MetricJson.Number(json, "se", t.StandardError);
            MetricJson.Number(json, "lower", t.Lower);
            MetricJson.Number(json, "upper", t.Upper);
            MetricJson.Number(json, "p", t.PValue);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
