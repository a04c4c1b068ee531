using System.Text.Json;
using TrustMetrics.Cli.Output;
using TrustMetrics.Cli.Scales;
using TrustMetrics.Nps;
using TrustMetrics.Weighting;

namespace TrustMetrics.Cli.Nps;

/// <summary><c>nps --rake margins.csv</c>: NPS on weights raked to population margins, with the raked-design SE (docs/weighting.md).</summary>
internal static class RakedNps
{
    /// <summary>Reads the scores and margin variables, rakes, and estimates NPS and the weighted category shares.</summary>
    public static CommandOutput.Result Execute(string input, string column, double level, RakeRequest rake)
    {
        var (source, scores, missing, weights) = RakedSurvey.Read(input, column, NpsScale.MinScore, NpsScale.MaxScore, "scores", rake);
        var nps = weights.Nps(scores, level);
        var promoters = weights.Mean([.. scores.Select(s => s >= 9 ? 1.0 : 0.0)], level);
        var detractors = weights.Mean([.. scores.Select(s => s <= 6 ? 1.0 : 0.0)], level);
        double promoterShare = promoters.Score.Value, detractorShare = detractors.Score.Value, passiveShare = Math.Max(0, 1 - promoterShare - detractorShare);

        var summary = new List<string>
        {
            $"Source: {source.DisplayName}, column '{column}'",
            $"Responses: {Formatting.Count(scores.Length)}" + (missing > 0 ? $" ({Formatting.Count(missing)} blank cells skipped)" : string.Empty),
        };
        summary.AddRange(RakedSurvey.Summary(rake, weights));
        summary.Add($"Weighted shares: promoters {Formatting.Number(100 * promoterShare, 1)}%, passives {Formatting.Number(100 * passiveShare, 1)}%, detractors {Formatting.Number(100 * detractorShare, 1)}%");
        var document = new Document("Net Promoter Score (raked)", summary,
        [
            RakedSurvey.EstimatesTable("Raked NPS", [("NPS", nps, 1), ("Promoter share (%)", Percent(promoters), 1), ("Detractor share (%)", Percent(detractors), 1)], weights, level),
            RakedSurvey.MarginsTable(weights),
        ]);

        void WriteJson(Utf8JsonWriter json)
        {
            json.WriteStartObject();
            json.WriteString("metric", "nps");
            json.WriteString("source", source.DisplayName);
            json.WriteString("column", column);
            json.WriteNumber("missing", missing);
            json.WriteNumber("n", scores.Length);
            json.WriteNumber("promoters", scores.Count(s => s >= 9));
            json.WriteNumber("passives", scores.Count(s => s is 7 or 8));
            json.WriteNumber("detractors", scores.Count(s => s <= 6));
            json.WriteNumber("promoterShare", promoterShare);
            json.WriteNumber("passiveShare", passiveShare);
            json.WriteNumber("detractorShare", detractorShare);
            json.WriteNumber("score", nps.Score.Value);
            MetricJson.Number(json, "standardError", nps.Score.StandardError);
            MetricJson.Number(json, "fixedWeightStandardError", nps.FixedWeightStandardError);
            MetricJson.Interval(json, "confidenceInterval", nps.Score.Interval);
            json.WriteBoolean("weighted", true);
            json.WriteNumber("effectiveSampleSize", weights.EffectiveSampleSize);
            json.WriteNumber("designEffect", weights.DesignEffect);
            RakedSurvey.Write(json, rake, weights);
            json.WriteEndObject();
        }

        return new CommandOutput.Result(document, WriteJson);
    }

    /// <summary>The share estimate in percent for the table (the raked SE scales with the value).</summary>
    private static RakedEstimate Percent(RakedEstimate share) => share.Scaled(100);
}
