using System.CommandLine;
using System.Text.Json;
using TrustMetrics.Cli.Input;
using TrustMetrics.Cli.Output;
using TrustMetrics.Cli.Report;
using TrustMetrics.Nps;
using TrustMetrics.Sentiment;

namespace TrustMetrics.Cli.Sentiment;

/// <summary><c>trustmetrics sentiment</c>: net sentiment (% positive − % negative) of a label column, with the NPS trinomial statistics.</summary>
internal static class SentimentCommand
{
    private static readonly Dictionary<string, NpsIntervalMethod> Methods = CoreNames.Map<NpsIntervalMethod>(NpsIntervals.Name);

    public static Command Create(CliContext context)
    {
        var common = new CommonOptions();
        var label = new Option<string>("--label") { Description = "Sentiment label column.", Required = true };
        var positive = new Option<string>("--positive") { Description = "Label(s) meaning positive, comma-separated (any case).", DefaultValueFactory = _ => "positive,pos" };
        var neutral = new Option<string>("--neutral") { Description = "Label(s) meaning neutral, comma-separated.", DefaultValueFactory = _ => "neutral,neu" };
        var negative = new Option<string>("--negative") { Description = "Label(s) meaning negative, comma-separated.", DefaultValueFactory = _ => "negative,neg" };
        var method = new Option<string>("--method", "-m") { Description = "Interval method: score (default), adjusted-wald, wald or bayesian (as nps).", DefaultValueFactory = _ => "score" };
        method.AcceptOnlyFromAmong([.. Methods.Keys]);

        var command = new Command("sentiment", "Net sentiment score (% positive − % negative, neutrals in the base) with standard error and interval.");
        command.Add(common.Input);
        command.Add(label);
        command.Add(positive);
        command.Add(neutral);
        command.Add(negative);
        command.Add(method);
        var correction = new SentimentCorrection.Options().AddTo(command);
        command.Add(common.Group);
        command.Add(common.Confidence);
        command.Add(common.Format);
        command.Add(common.Output);
        command.SetAction(parse =>
        {
            var request = new Request(parse.GetRequiredValue(common.Input).ToString(), parse.GetRequiredValue(label),
                parse.GetValue(positive)!, parse.GetValue(neutral)!, parse.GetValue(negative)!, parse.GetValue(method) ?? "score",
                parse.GetValue(common.Group), parse.GetValue(common.Confidence), correction.Read(parse));
            return CommandOutput.Run(() => Execute(request), common.ParseFormat(parse), parse.GetValue(common.Output), context);
        });
        return command;
    }

    private sealed record Request(string Input, string Label, string Positive, string Neutral, string Negative, string Method, string? Group, double Confidence, SentimentCorrection.Request Correction);

    private static CommandOutput.Result Execute(Request request)
    {
        SentimentLabelMap map;
        try
        {
            static string[] Split(string text) => text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            map = new SentimentLabelMap(Split(request.Positive), Split(request.Neutral), Split(request.Negative));
        }
        catch (ArgumentException e)
        {
            throw new CommandLineException($"--positive/--neutral/--negative: {e.Message}");
        }

        var source = SurveySource.FromFile(request.Input);
        using var table = CsvTable.Open(source);
        int labelColumn = table.Column(request.Label);
        int? groupColumn = request.Group is null ? null : table.Column(request.Group);
        var overall = default(SentimentTally);
        var scoreColumns = SentimentCorrection.ScoreColumns(table, request.Correction);
        var classified = default(ClassifiedSentimentTally);
        var groups = new GroupedTallies<SentimentTally>(() => default(SentimentTally), request.Group is null ? null : new GroupLimit(table, request.Group));
        long missing = 0;
        while (table.Read())
        {
            var text = table.FieldSpan(labelColumn);
            if (text.IsEmpty)
            {
                missing++;
                continue;
            }

            if (!map.TryMap(text, out var polarity))
            {
                throw InputException.AtCell(source.DisplayName, table.Line, request.Label, text.ToString(), $"is not a known sentiment label ({map}).");
            }

            overall = overall.Add(polarity);
            if (scoreColumns is not null)
            {
                classified = SentimentCorrection.AddScores(classified, table, scoreColumns, request.Correction.Scores!, polarity);
            }
            if (groupColumn is int gc)
            {
                ref var tally = ref groups[table.Field(gc)];
                tally = tally.Add(polarity);
            }
        }

        if (overall.IsEmpty)
        {
            throw new InputException($"{source.DisplayName}: column '{request.Label}' has no labels (every cell is blank).");
        }

        var calculator = new SentimentCalculator(new TrustMetricsOptions { ConfidenceLevel = request.Confidence, NpsIntervalMethod = Methods[request.Method] });
        var all = calculator.Calculate(overall);
        var production = scoreColumns is null ? ClassifiedSentimentTally.FromSums(overall, 0, 0, 0, 0) : classified;
        (CorrectedSentimentResult Result, string Source, long Skipped)? corrected = null;
        if (request.Correction.Validation is not null)
        {
            var (confusion, skipped, validationSource) = SentimentCorrection.ReadValidation(request.Correction, map);
            corrected = (SentimentCorrection.Correct(production, confusion, validationSource, request.Confidence), validationSource, skipped);
        }

        var groupRows = groups.Ordered().Select(pair => (pair.Key, Result: calculator.Calculate(pair.Value))).ToList();

        IReadOnlyList<string> Cells(string name, SentimentResult r) =>
        [
            name, Formatting.Count(r.Count), Formatting.Count(r.Tally.Positive), Formatting.Count(r.Tally.Neutral), Formatting.Count(r.Tally.Negative),
            Formatting.Number(r.Score.Value, 1), Formatting.Number(r.Score.StandardError, 1), Formatting.Interval(r.Score.Interval, 1),
        ];
        var rows = new List<IReadOnlyList<string>> { Cells("All", all) };
        rows.AddRange(groupRows.Select(g => Cells(g.Key, g.Result)));
        var document = new Document("Net sentiment", [
                $"Source: {source.DisplayName}, column '{request.Label}'",
                $"Mentions: {Formatting.Count(all.Count)}" + (missing > 0 ? $" ({Formatting.Count(missing)} blank cells skipped)" : string.Empty),
            ],
            [new Table(request.Group is null ? "Net sentiment" : $"Net sentiment by {request.Group}",
                [request.Group ?? "Sample", "n", "Positive", "Neutral", "Negative", "Net", "SE", $"{Formatting.Level(request.Confidence)} CI"], rows,
                [$"Net sentiment in points (−100..100) = % positive − % negative, neutrals in the base; trinomial SE as NPS; interval method: {request.Method.ToLowerInvariant()}."]),
                .. corrected is { } c ? [SentimentCorrection.Table(c.Result, c.Source, c.Skipped, request.Confidence)] : Array.Empty<Table>()]);

        void Write(Utf8JsonWriter json, SentimentResult r)
        {
            json.WriteNumber("n", r.Count);
            json.WriteNumber("positive", r.Tally.Positive);
            json.WriteNumber("neutral", r.Tally.Neutral);
            json.WriteNumber("negative", r.Tally.Negative);
            json.WriteNumber("positiveShare", r.PositiveShare);
            json.WriteNumber("neutralShare", r.NeutralShare);
            json.WriteNumber("negativeShare", r.NegativeShare);
            json.WriteNumber("score", r.Score.Value);
            MetricJson.Number(json, "standardError", r.Score.StandardError);
            MetricJson.Interval(json, "confidenceInterval", r.Score.Interval);
            VocJson.Flat(json, "excludingNeutral", r.ExcludingNeutral);
        }

        void WriteJson(Utf8JsonWriter json)
        {
            json.WriteStartObject();
            json.WriteString("metric", "sentiment");
            json.WriteString("source", source.DisplayName);
            json.WriteString("column", request.Label);
            json.WriteNumber("missing", missing);
            Write(json, all);
            if (corrected is { } c)
            {
                SentimentCorrection.Json(json, c.Result, c.Source, c.Skipped);
            }

            if (scoreColumns is not null)
            {
                SentimentCorrection.ProbabilisticJson(json, production);
            }

            if (request.Group is not null)
            {
                MetricJson.Groups(json, request.Group, groupRows, Write);
            }

            json.WriteEndObject();
        }

        return new CommandOutput.Result(document, WriteJson);
    }
}
