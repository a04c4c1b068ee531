using System.Text.Json;
using TrustMetrics.Estimation;
using TrustMetrics.Service;

namespace TrustMetrics.Cli.Output;

/// <summary>
/// JSON shapes of the voice-of-the-customer commands. The issue fixes estimates as flat <c>{ value, lower, upper }</c> objects
/// (plus standardError, level and method); field names are a public contract: add, never rename.
/// </summary>
internal static class VocJson
{
    /// <summary><c>{ value, standardError, lower, upper, level, method }</c>, or null when absent.</summary>
    public static void Flat(Utf8JsonWriter json, string name, Estimate? estimate)
    {
        if (estimate is not Estimate e)
        {
            json.WriteNull(name);
            return;
        }

        json.WriteStartObject(name);
        MetricJson.Number(json, "value", e.Value);
        MetricJson.Number(json, "standardError", e.StandardError);
        MetricJson.Number(json, "lower", e.Interval.Lower);
        MetricJson.Number(json, "upper", e.Interval.Upper);
        json.WriteNumber("level", e.Interval.Level);
        json.WriteString("method", e.Interval.Method);
        json.WriteEndObject();
    }

    /// <summary><c>{ n, mean, pXX… }</c> in hours (or the unit <paramref name="unit"/> converts to); values null when there are no durations.</summary>
    public static void Durations(Utf8JsonWriter json, string name, DurationSummary? summary, IReadOnlyList<double> probabilities, Func<TimeSpan, double> unit)
    {
        json.WriteStartObject(name);
        json.WriteNumber("n", summary?.Count ?? 0);
        MetricJson.Number(json, "mean", summary is null ? null : unit(summary.Mean));
        foreach (double p in probabilities)
        {
            MetricJson.Number(json, PercentileName(p), summary is null ? null : unit(summary.Percentile(p)));
        }

        if (summary is not null)
        {
            json.WriteString("method", summary.Method);
        }

        json.WriteEndObject();
    }

    /// <summary>"p50", "p90", "p95", "p99.9".</summary>
    public static string PercentileName(double p) => "p" + (p * 100).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
}
