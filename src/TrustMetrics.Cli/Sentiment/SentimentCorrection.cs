using System.CommandLine;
using System.Text.Json;
using TrustMetrics.Cli.Input;
using TrustMetrics.Cli.Output;
using TrustMetrics.Sentiment;

namespace TrustMetrics.Cli.Sentiment;

/// <summary>
/// <c>sentiment --validation FILE --truth COL --predicted COL [--scores P_POS,P_NEU,P_NEG]</c>: net sentiment corrected for the
/// classifier's errors (<see cref="CorrectedSentimentCalculator"/>) from a validation sample with human labels, and the
/// probabilistic average of the classifier's scores on the production rows. Table "Corrected for classifier error" and the JSON
/// objects <c>corrected</c> and <c>probabilistic</c>.
/// </summary>
internal static class SentimentCorrection
{
    private static readonly SentimentLabel[] Order = [SentimentLabel.Positive, SentimentLabel.Neutral, SentimentLabel.Negative];

    /// <summary>The options; <see cref="AddTo"/> adds them to the command.</summary>
    public sealed class Options
    {
        public Option<FileInfo?> Validation { get; } = new("--validation") { Description = "Validation CSV: items labelled by humans and by the classifier; corrects the shares for the classifier's errors (Rogan–Gladen)." };

        public Option<string> Truth { get; } = new("--truth") { Description = "Human (true) label column of --validation.", DefaultValueFactory = _ => "human" };

        public Option<string> Predicted { get; } = new("--predicted") { Description = "Classifier label column of --validation.", DefaultValueFactory = _ => "classifier" };

        public Option<string?> Scores { get; } = new("--scores") { Description = "Classifier probability columns of --input, P(positive),P(neutral),P(negative) comma-separated: reports their average (probabilistic classify-and-count)." };

        public Options AddTo(Command command)
        {
            command.Add(Validation);
            command.Add(Truth);
            command.Add(Predicted);
            command.Add(Scores);
            return this;
        }

        public Request Read(ParseResult parse)
        {
            string[]? scores = null;
            if (parse.GetValue(Scores) is string text)
            {
                scores = text.Split(',', StringSplitOptions.TrimEntries);
                if (scores.Length != 3 || scores.Any(s => s.Length == 0))
                {
                    throw new CommandLineException($"--scores needs three column names, P(positive),P(neutral),P(negative); got '{text}'.");
                }
            }

            return new Request(parse.GetValue(Validation)?.ToString(), parse.GetValue(Truth) ?? "human", parse.GetValue(Predicted) ?? "classifier", scores);
        }
    }

    internal sealed record Request(string? Validation, string Truth, string Predicted, string[]? Scores);

    /// <summary>The validation file's confusion counts (rows with a blank truth or prediction are skipped and counted).</summary>
    public static (SentimentConfusion Confusion, long Skipped, string Source) ReadValidation(Request request, SentimentLabelMap map, SurveySource? embedded = null)
    {
        var source = embedded ?? SurveySource.FromFile(request.Validation!);
        using var table = CsvTable.Open(source);
        int truth = table.Column(request.Truth), predicted = table.Column(request.Predicted);
        var counts = new long[9];
        long skipped = 0;
        while (table.Read())
        {
            var t = table.FieldSpan(truth);
            var p = table.FieldSpan(predicted);
            if (t.IsEmpty || p.IsEmpty)
            {
                skipped++;
                continue;
            }

            var truthLabel = map.TryMap(t, out var a) ? a
                : throw InputException.AtCell(source.DisplayName, table.Line, request.Truth, t.ToString(), $"is not a known sentiment label ({map.Describe()}).");
            var predictedLabel = map.TryMap(p, out var b) ? b
                : throw InputException.AtCell(source.DisplayName, table.Line, request.Predicted, p.ToString(), $"is not a known sentiment label ({map.Describe()}).");
            counts[3 * (int)truthLabel + (int)predictedLabel]++;
        }

        return (SentimentConfusion.FromCounts(counts), skipped, source.DisplayName);
    }

    /// <summary>The probability columns of the production file, or null without --scores.</summary>
    public static int[]? ScoreColumns(CsvTable table, Request request) => request.Scores?.Select(table.Column).ToArray();

    /// <summary>Adds one production row's probabilities (all three blank = unscored).</summary>
    public static ClassifiedSentimentTally AddScores(ClassifiedSentimentTally tally, CsvTable table, int[] columns, string[] names, SentimentLabel label)
    {
        if (columns.All(c => table.FieldSpan(c).IsEmpty))
        {
            return tally.Add(new SentimentPrediction(label));
        }

        double positive = Numbers.Cell(table, columns[0], names[0]), neutral = Numbers.Cell(table, columns[1], names[1]), negative = Numbers.Cell(table, columns[2], names[2]);
        try
        {
            return tally.Add(new SentimentPrediction(label, positive, neutral, negative));
        }
        catch (ArgumentException e)
        {
            throw new InputException($"{table.Source.DisplayName}, line {table.Line}, columns {string.Join(", ", names)}: {e.Message}");
        }
    }

    /// <summary>The corrected result, translating the undefined cases into input errors that say what to fix.</summary>
    public static CorrectedSentimentResult Correct(ClassifiedSentimentTally production, SentimentConfusion validation, string validationSource, double level)
    {
        try
        {
            return new CorrectedSentimentCalculator(new TrustMetricsOptions { ConfidenceLevel = level }).Correct(production, validation);
        }
        catch (ArgumentException e)
        {
            throw new InputException($"{validationSource}: {e.Message}");
        }
    }

    public static Table Table(CorrectedSentimentResult r, string validationSource, long skipped, double level)
    {
        var rows = Order.Select(label => (IReadOnlyList<string>)
        [
            label.ToString().ToLowerInvariant(), Formatting.Number(100 * Observed(r, label), 1), Formatting.Number(100 * Share(r, label).Value, 1),
            Formatting.Number(100 * Share(r, label).StandardError, 1), Formatting.Interval(Share(r, label).Interval.Scale(100), 1),
            Probabilistic(r, label) is double p ? Formatting.Number(100 * p, 1) : "–",
        ]).ToList();
        rows.Add(["net sentiment", Formatting.Number(r.ObservedNetSentiment, 1), Formatting.Number(r.NetSentiment.Value, 1), Formatting.Number(r.NetSentiment.StandardError, 1),
            Formatting.Interval(r.NetSentiment.Interval, 1), r.ProbabilisticNetSentiment is double n ? Formatting.Number(n, 1) : "–"]);
        var notes = new List<string>
        {
            $"Validation: {validationSource}, {Formatting.Count(r.Validation.Count)} items, human and classifier agree on {Formatting.Count(r.Validation.Agreeing)}" +
                (skipped > 0 ? $" ({Formatting.Count(skipped)} rows with a blank label skipped)." : "."),
            "Shares in %, net in points. Corrected = adjusted classify-and-count (Rogan–Gladen): true shares = M⁻¹ × observed shares, M = P(classifier label | human label) " +
                "from the validation sample; delta-method SE and interval carry the sampling error of both samples.",
        };
        if (r.Constrained)
        {
            notes.Add("The plain inverse gave a negative share: the corrected shares are the least-squares fit constrained to shares ≥ 0 summing to 1.");
        }

        if (r.Scored > 0)
        {
            notes.Add($"Probabilistic = mean classifier probability over the {Formatting.Count(r.Scored)} scored rows (probabilistic classify-and-count; not corrected).");
        }

        return new Table("Corrected for classifier error", ["Class", "Observed", "Corrected", "SE", $"{Formatting.Level(level)} CI", "Probabilistic"], rows, notes);
    }

    public static void Json(Utf8JsonWriter json, CorrectedSentimentResult r, string validationSource, long skipped)
    {
        json.WriteStartObject("corrected");
        json.WriteString("method", "adjusted classify-and-count (Rogan-Gladen), delta method");
        json.WriteString("validationSource", validationSource);
        json.WriteNumber("validationCount", r.Validation.Count);
        json.WriteNumber("validationAgreement", r.Validation.Agreeing);
        json.WriteNumber("validationSkipped", skipped);
        json.WriteBoolean("constrained", r.Constrained);
        json.WriteNumber("observedNetSentiment", r.ObservedNetSentiment);
        MetricJson.Estimate(json, "netSentiment", r.NetSentiment);
        foreach (var label in Order)
        {
            json.WriteStartObject(label.ToString().ToLowerInvariant());
            json.WriteNumber("observedShare", Observed(r, label));
            MetricJson.Number(json, "share", Share(r, label).Value);
            MetricJson.Number(json, "standardError", Share(r, label).StandardError);
            MetricJson.Interval(json, "confidenceInterval", Share(r, label).Interval);
            json.WriteEndObject();
        }

        json.WriteStartArray("misclassification");
        foreach (var truth in Order)
        {
            json.WriteStartObject();
            json.WriteString("truth", truth.ToString().ToLowerInvariant());
            foreach (var predicted in Order)
            {
                json.WriteNumber(predicted.ToString().ToLowerInvariant(), r.Misclassification(predicted, truth));
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static void ProbabilisticJson(Utf8JsonWriter json, ClassifiedSentimentTally tally)
    {
        json.WriteStartObject("probabilistic");
        json.WriteNumber("scored", tally.Scored);
        if (tally.Scored > 0)
        {
            json.WriteNumber("positive", tally.PositiveProbabilitySum / tally.Scored);
            json.WriteNumber("neutral", tally.NeutralProbabilitySum / tally.Scored);
            json.WriteNumber("negative", tally.NegativeProbabilitySum / tally.Scored);
            json.WriteNumber("netSentiment", 100 * (tally.PositiveProbabilitySum - tally.NegativeProbabilitySum) / tally.Scored);
        }
        else
        {
            json.WriteNull("positive");
            json.WriteNull("neutral");
            json.WriteNull("negative");
            json.WriteNull("netSentiment");
        }

        json.WriteEndObject();
    }

    private static double Observed(CorrectedSentimentResult r, SentimentLabel label) => r.ObservedShare(label);

    private static TrustMetrics.Estimation.Estimate Share(CorrectedSentimentResult r, SentimentLabel label) => r.Share(label);

    private static double? Probabilistic(CorrectedSentimentResult r, SentimentLabel label) => label switch
    {
        SentimentLabel.Positive => r.ProbabilisticPositive,
        SentimentLabel.Neutral => r.ProbabilisticNeutral,
        _ => r.ProbabilisticNegative,
    };
}
