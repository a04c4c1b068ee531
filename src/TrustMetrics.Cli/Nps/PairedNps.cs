using System.CommandLine;
using System.Text.Json;
using TrustMetrics.Cli.Input;
using TrustMetrics.Cli.Output;
using TrustMetrics.Nps;

namespace TrustMetrics.Cli.Nps;

/// <summary>
/// <c>nps WAVE1.csv --paired WAVE2.csv --id COL</c>: the paired two-wave NPS difference (<see cref="PairedNpsComparison"/>) of the
/// respondents present in both files (joined on the id column; the score column has the same name in both). Respondents in one
/// file only, or with a blank score or id in either, are counted as unmatched; an id twice in one file is an error naming the file,
/// line and value. Interval: <c>--method score</c> (default) or <c>wald</c>.
/// </summary>
internal static class PairedNps
{
    /// <summary>The two options; <see cref="AddTo"/> adds them to the command.</summary>
    public sealed class Options
    {
        public Option<string?> Wave2 { get; } = new("--paired") { Description = "Second-wave CSV of the same respondents: paired NPS difference (wave 2 − wave 1 = INPUT) with the SE from the 3×3 transition table, score or Wald interval, movement table and Bowker's symmetry test. Needs --id." };

        public Option<string?> Id { get; } = new("--id") { Description = "Respondent id column (in both files) that pairs the waves of --paired." };

        public Options AddTo(Command command)
        {
            command.Add(Wave2);
            command.Add(Id);
            return this;
        }

        /// <summary>The second-wave file and id column, or null without --paired.</summary>
        public (string Wave2, string Id)? Read(ParseResult parse)
        {
            string? wave2 = parse.GetValue(Wave2), id = parse.GetValue(Id);
            if (wave2 is null)
            {
                return id is null ? null : throw new CommandLineException("--id pairs the waves of --paired; give --paired WAVE2.csv too.");
            }

            return id is null ? throw new CommandLineException("--paired: give the respondent id column with --id.") : (wave2, id);
        }
    }

    /// <summary>The joined waves: the transition table and the unmatched respondents of each file.</summary>
    public sealed record Pairs(PairedNpsTally Tally, long UnmatchedBefore, long UnmatchedAfter)
    {
        public long Unmatched => UnmatchedBefore + UnmatchedAfter;
    }

    /// <summary>Reads both files and pairs them on <paramref name="idColumn"/>.</summary>
    public static Pairs Join(SurveySource before, SurveySource after, string idColumn, string scoreColumn)
    {
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        long unmatchedBefore = 0, unmatchedAfter = 0;
        using (var table = CsvTable.Open(before))
        {
            int id = table.Column(idColumn), score = table.Column(scoreColumn);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (table.Read())
            {
                string key = table.Field(id);
                if (key.Length > 0 && !seen.Add(key))
                {
                    throw Duplicate(table, idColumn, key);
                }

                if (ScoreParser.Score(table, score, scoreColumn, NpsScale.MinScore, NpsScale.MaxScore) is int s && key.Length > 0)
                {
                    first[key] = s;
                }
                else
                {
                    unmatchedBefore++;
                }
            }
        }

        var cells = new long[3, 3];
        using (var table = CsvTable.Open(after))
        {
            int id = table.Column(idColumn), score = table.Column(scoreColumn);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (table.Read())
            {
                string key = table.Field(id);
                if (key.Length > 0 && !seen.Add(key))
                {
                    throw Duplicate(table, idColumn, key);
                }

                if (ScoreParser.Score(table, score, scoreColumn, NpsScale.MinScore, NpsScale.MaxScore) is int s && key.Length > 0 && first.Remove(key, out int s1))
                {
                    cells[(int)NpsScale.Classify(s1), (int)NpsScale.Classify(s)]++;
                }
                else
                {
                    unmatchedAfter++;
                }
            }
        }

        // Wave-1 answers left in the map found no wave-2 partner.
        unmatchedBefore += first.Count;
        return new Pairs(PairedNpsTally.FromCounts(cells), unmatchedBefore, unmatchedAfter);
    }

    /// <summary>Runs <c>nps --paired</c>.</summary>
    public static CommandOutput.Result Execute(string input, string column, double level, (string Wave2, string Id) request, string? method)
    {
        var kind = method?.ToLowerInvariant() switch
        {
            null or "score" => PairedNpsIntervalMethod.Score,
            "wald" => PairedNpsIntervalMethod.Wald,
            _ => throw new CommandLineException($"--method {method}: the paired difference has the score (default) and wald intervals."),
        };
        var before = SurveySource.FromFile(input);
        var after = SurveySource.FromFile(request.Wave2);
        var pairs = Join(before, after, request.Id, column);
        if (pairs.Tally.Count == 0)
        {
            throw new InputException($"--paired: no respondent of {before.DisplayName} has a '{column}' score in {after.DisplayName} under the same '{request.Id}' "
                + $"({Formatting.Count(pairs.UnmatchedBefore)} + {Formatting.Count(pairs.UnmatchedAfter)} unmatched rows).");
        }

        var result = PairedNpsComparison.Compare(pairs.Tally, level, kind);
        var summary = new List<string>
        {
            $"Wave 1: {before.DisplayName}; wave 2: {after.DisplayName}; column '{column}', paired on '{request.Id}'",
            $"Paired respondents: {Formatting.Count(result.Respondents)}; unmatched: {Formatting.Count(pairs.UnmatchedBefore)} in wave 1, {Formatting.Count(pairs.UnmatchedAfter)} in wave 2 (left out)",
        };
        var document = new Document("Paired NPS (two waves)", summary, [Summary(result), Movement(result)]);
        return new CommandOutput.Result(document, json =>
        {
            json.WriteStartObject();
            json.WriteString("metric", "nps");
            json.WriteString("source", before.DisplayName);
            json.WriteString("column", column);
            Write(json, result, pairs, after.DisplayName);
            json.WriteEndObject();
        });
    }

    /// <summary>The estimate table: NPS in each wave, Δ, paired SE (and the independent-samples SE it replaces), interval, p, Bowker.</summary>
    public static Table Summary(PairedNpsComparison r, string title = "Paired NPS difference (wave 2 − wave 1)") => new(
        title,
        ["n", "NPS wave 1", "NPS wave 2", "Δ", "SE", $"{Formatting.Level(r.Interval.Level)} CI", "p"],
        [[
            Formatting.Count(r.Respondents), Formatting.Number(r.Before, 1), Formatting.Number(r.After, 1), Formatting.Signed(r.Difference, 1),
            Formatting.Number(r.StandardError, 1), Formatting.Interval(r.Interval, 1), r.PValue is double p ? Formatting.PValue(p) : "–",
        ]],
        [
            $"Δ in points; SE from the 3×3 transition table (multinomial covariance of the 9 cells); the independent-samples formula would give {Formatting.Number(r.IndependentStandardError, 1)}. "
                + $"Interval and test: {r.Interval.Method}" + (r.Method == PairedNpsIntervalMethod.Score ? " (restricted-ML score, Tango 1998 / Lang 2008)." : " (z)."),
            r.Symmetry is { } s
                ? $"Bowker symmetry test (McNemar for 3 categories): χ² = {Formatting.Number(s.Statistic, 2)}, df = {s.DegreesOfFreedom}, {Formatting.PClause(s.PValue)}."
                : "Bowker symmetry test: nobody changed category.",
        ]);

    /// <summary>The movement table: rows = wave-1 category, columns = wave-2 category, counts and shares, with the net flows.</summary>
    public static Table Movement(PairedNpsComparison r, string title = "Movement (rows: wave 1, columns: wave 2)", IReadOnlyList<string>? names = null)
    {
        names ??= ["Detractor", "Passive", "Promoter"];
        var rows = new List<IReadOnlyList<string>>();
        for (int i = 0; i < 3; i++)
        {
            rows.Add([names[i], .. Enumerable.Range(0, 3).Select(j => Cell(r.Movement[(3 * i) + j]))]);
        }

        return new Table(title, ["", .. names], rows,
            [$"Promoters gained {Formatting.Count(r.PromotersGained)}, lost {Formatting.Count(r.PromotersLost)}; detractors gained {Formatting.Count(r.DetractorsGained)}, lost {Formatting.Count(r.DetractorsLost)}."]);
    }

    /// <summary>Writes <c>"paired": { "respondents", "unmatched", "before", "after", "difference", "se", "lower", "upper", "p", "method", "movement", "symmetry", … }</c>.</summary>
    public static void Write(Utf8JsonWriter json, PairedNpsComparison r, Pairs pairs, string wave2)
    {
        json.WriteStartObject("paired");
        json.WriteString("wave2", wave2);
        json.WriteNumber("respondents", r.Respondents);
        json.WriteNumber("unmatched", pairs.Unmatched);
        json.WriteNumber("unmatchedBefore", pairs.UnmatchedBefore);
        json.WriteNumber("unmatchedAfter", pairs.UnmatchedAfter);
        MetricJson.Number(json, "before", r.Before);
        MetricJson.Number(json, "after", r.After);
        MetricJson.Number(json, "difference", r.Difference);
        MetricJson.Number(json, "se", r.StandardError);
        MetricJson.Number(json, "independentSe", r.IndependentStandardError);
        MetricJson.Number(json, "lower", r.Interval.Lower);
        MetricJson.Number(json, "upper", r.Interval.Upper);
        json.WriteNumber("level", r.Interval.Level);
        MetricJson.Number(json, "p", r.PValue);
        json.WriteString("method", r.Interval.Method);
        json.WriteStartArray("movement");
        foreach (var m in r.Movement)
        {
            json.WriteStartObject();
            json.WriteString("from", Name(m.From));
            json.WriteString("to", Name(m.To));
            json.WriteNumber("count", m.Count);
            MetricJson.Number(json, "share", m.Share);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteNumber("promotersGained", r.PromotersGained);
        json.WriteNumber("promotersLost", r.PromotersLost);
        json.WriteNumber("detractorsGained", r.DetractorsGained);
        json.WriteNumber("detractorsLost", r.DetractorsLost);
        if (r.Symmetry is { } s)
        {
            json.WriteStartObject("symmetry");
            MetricJson.Number(json, "statistic", s.Statistic);
            json.WriteNumber("df", s.DegreesOfFreedom);
            MetricJson.Number(json, "p", s.PValue);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("symmetry");
        }

        json.WriteEndObject();
    }

    private static string Cell(PairedNpsMovement m) => $"{Formatting.Count(m.Count)} ({Formatting.Number(100 * m.Share, 1)}%)";

    private static string Name(NpsCategory category) => category switch
    {
        NpsCategory.Detractor => "detractor",
        NpsCategory.Passive => "passive",
        _ => "promoter",
    };

    private static InputException Duplicate(CsvTable table, string column, string value) =>
        InputException.AtCell(table.Source.DisplayName, table.Line, column, value, "appears twice: each respondent answers a wave once (pairing needs unique ids).");
}
