using System.Text.Json;
using TrustMetrics.Estimation;
using TrustMetrics.Nps;
using TrustMetrics.Scales;

namespace TrustMetrics.Cli.Output;

/// <summary>
/// The JSON shape of each result. Field names are a public contract (scripts depend on them): add fields, never rename.
/// Non-finite numbers (an unknown standard error) are written as null.
/// </summary>
internal static class MetricJson
{
    public static void Number(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, value);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    /// <summary>
    /// The <c>"groupBy"</c> name and the <c>"groups"</c> array every grouped command writes: one object per group with its
    /// <c>"group"</c> label followed by the fields <paramref name="write"/> adds.
    /// </summary>
    public static void Groups<T>(Utf8JsonWriter json, string groupBy, IEnumerable<(string Group, T Value)> groups, Action<Utf8JsonWriter, T> write)
    {
        json.WriteString("groupBy", groupBy);
        json.WriteStartArray("groups");
        foreach (var (group, value) in groups)
        {
            json.WriteStartObject();
            json.WriteString("group", group);
            write(json, value);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>A value that may be absent (a rate with no base, a median not reached): null when absent or non-finite.</summary>
    public static void Number(Utf8JsonWriter json, string name, double? value)
    {
        if (value is double v)
        {
            Number(json, name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    public static void Interval(Utf8JsonWriter json, string name, ConfidenceInterval interval)
    {
        json.WriteStartObject(name);
        Number(json, "lower", interval.Lower);
        Number(json, "upper", interval.Upper);
        json.WriteNumber("level", interval.Level);
        json.WriteString("method", interval.Method);
        json.WriteEndObject();
    }

    public static void Estimate(Utf8JsonWriter json, string name, Estimate estimate)
    {
        json.WriteStartObject(name);
        Number(json, "value", estimate.Value);
        Number(json, "standardError", estimate.StandardError);
        Interval(json, "confidenceInterval", estimate.Interval);
        json.WriteEndObject();
    }

    public static void Difference(Utf8JsonWriter json, DifferenceTest test)
    {
        Number(json, "difference", test.Difference);
        Number(json, "standardError", test.StandardError);
        Number(json, "statistic", test.Statistic);
        if (test.DegreesOfFreedom is double df)
        {
            Number(json, "degreesOfFreedom", df);
        }

        json.WriteNumber("pValue", test.PValue);
        json.WriteString("test", test.Test);
        Interval(json, "confidenceInterval", test.Interval);
    }

    /// <summary>n, class counts and shares, score, standardError and confidenceInterval — the fields the issue names.</summary>
    public static void Nps(Utf8JsonWriter json, NpsResult result)
    {
        json.WriteNumber("n", result.Count);
        json.WriteNumber("promoters", result.Tally.Promoters);
        json.WriteNumber("passives", result.Tally.Passives);
        json.WriteNumber("detractors", result.Tally.Detractors);
        json.WriteNumber("promoterShare", result.PromoterShare);
        json.WriteNumber("passiveShare", result.PassiveShare);
        json.WriteNumber("detractorShare", result.DetractorShare);
        json.WriteNumber("score", result.Score.Value);
        Number(json, "standardError", result.StandardError);
        Interval(json, "confidenceInterval", result.Interval);
    }

    /// <summary>Weighted NPS: the same fields (counts unweighted, shares and score weighted) plus the weighting diagnostics.</summary>
    public static void WeightedNps(Utf8JsonWriter json, WeightedNpsResult result)
    {
        json.WriteNumber("n", result.Count);
        json.WriteNumber("promoters", result.Tally.Counts.Promoters);
        json.WriteNumber("passives", result.Tally.Counts.Passives);
        json.WriteNumber("detractors", result.Tally.Counts.Detractors);
        json.WriteNumber("promoterShare", result.PromoterShare);
        json.WriteNumber("passiveShare", result.PassiveShare);
        json.WriteNumber("detractorShare", result.DetractorShare);
        json.WriteNumber("score", result.Score.Value);
        Number(json, "standardError", result.Score.StandardError);
        Interval(json, "confidenceInterval", result.Score.Interval);
        json.WriteBoolean("weighted", true);
        json.WriteNumber("totalWeight", result.Tally.TotalWeight);
        json.WriteNumber("effectiveSampleSize", result.EffectiveSampleSize);
        json.WriteNumber("designEffect", result.DesignEffect);
        Number(json, "kishStandardError", result.KishStandardError);
    }

    /// <summary>CSAT/CES: n, top-box count and percent (percentSatisfied / percentEasy), mean, distribution.</summary>
    public static void Scale(Utf8JsonWriter json, ScaleMetricResult result)
    {
        var names = ScaleNames.For(result.Metric);
        json.WriteNumber("n", result.Count);
        json.WriteStartObject("scale");
        json.WriteNumber("min", result.Tally.Scale.Min);
        json.WriteNumber("max", result.Tally.Scale.Max);
        json.WriteEndObject();
        json.WriteNumber("threshold", result.Threshold);
        json.WriteNumber(names.CountField, result.TopBoxCount);
        Estimate(json, names.PercentField, result.TopBox);
        Estimate(json, "mean", result.Mean);
        json.WriteStartObject("distribution");
        for (int score = result.Tally.Scale.Min; score <= result.Tally.Scale.Max; score++)
        {
            json.WriteNumber(score.ToString(System.Globalization.CultureInfo.InvariantCulture), result.Tally.CountOf(score));
        }

        json.WriteEndObject();
    }
}

/// <summary>What the top box is called per metric, in JSON and in tables.</summary>
internal sealed record ScaleNames(string CountField, string PercentField, string Label)
{
    public static ScaleNames For(string metric) => metric == "ces"
        ? new ScaleNames("easy", "percentEasy", "% easy")
        : new ScaleNames("satisfied", "percentSatisfied", "% satisfied");
}
