using System.Text.Json;
using TrustMetrics.Cli.Output;
using TrustMetrics.Scales;

namespace TrustMetrics.Cli.Scales;

/// <summary><c>csat|ces --rake margins.csv</c>: top-box percent and mean on raked weights with the raked-design SE (docs/weighting.md).</summary>
internal static class RakedScale
{
    /// <summary>Reads the answers and margin variables, rakes, and estimates the top box and the mean.</summary>
    public static CommandOutput.Result Execute(string metric, string title, RatingScale scale, int threshold, string input, string column, double level, RakeRequest rake)
    {
        var (source, scores, missing, weights) = RakedSurvey.Read(input, column, scale.Min, scale.Max, "answers", rake);
        var topBox = weights.TopBox(scores, threshold, level);
        var mean = weights.Mean([.. scores.Select(s => (double)s)], level);
        var names = ScaleNames.For(metric);
        var summary = new List<string>
        {
            $"Source: {source.DisplayName}, column '{column}', scale {scale}, top box ≥ {threshold}",
            $"Responses: {Formatting.Count(scores.Length)}" + (missing > 0 ? $" ({Formatting.Count(missing)} blank cells skipped)" : string.Empty),
        };
        summary.AddRange(RakedSurvey.Summary(rake, weights));
        var document = new Document(title + " (raked)", summary,
        [
            RakedSurvey.EstimatesTable($"Raked {metric.ToUpperInvariant()}", [(names.Label, topBox, 1), ("Mean", mean, 2)], weights, level),
            RakedSurvey.MarginsTable(weights),
        ]);

        void WriteJson(Utf8JsonWriter json)
        {
            json.WriteStartObject();
            json.WriteString("metric", metric);
            json.WriteString("source", source.DisplayName);
            json.WriteString("column", column);
            json.WriteNumber("missing", missing);
            json.WriteNumber("n", scores.Length);
            json.WriteStartObject("scale");
            json.WriteNumber("min", scale.Min);
            json.WriteNumber("max", scale.Max);
            json.WriteEndObject();
            json.WriteNumber("threshold", threshold);
            json.WriteNumber(names.CountField, scores.Count(s => s >= threshold));
            RakedSurvey.WriteEstimate(json, names.PercentField, topBox);
            RakedSurvey.WriteEstimate(json, "mean", mean);
            json.WriteBoolean("weighted", true);
            json.WriteNumber("effectiveSampleSize", weights.EffectiveSampleSize);
            json.WriteNumber("designEffect", weights.DesignEffect);
            RakedSurvey.Write(json, rake, weights);
            json.WriteEndObject();
        }

        return new CommandOutput.Result(document, WriteJson);
    }
}
