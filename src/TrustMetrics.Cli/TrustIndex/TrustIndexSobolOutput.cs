using System.Text.Json;
using TrustMetrics.Cli.Output;
using TrustMetrics.Estimation;
using TrustMetrics.TrustIndex;
using TrustMetrics.TrustIndex.Sensitivity;

namespace TrustMetrics.Cli.TrustIndex;

/// <summary>
/// <c>trust-index --sobol N</c>: sampling vs method in one variance decomposition (<see cref="ISobolCalculator.DecomposeUncertainty"/>),
/// with <see cref="Resamples"/> respondent resamples as the levels of the sampling factor. The JSON <c>"sobol"</c> object
/// (n, resamples, bootstrap, seed, level, methods, levels, factors [{factor, first, firstLower, firstUpper, total, totalLower,
/// totalUpper}], segments [{segment, nominalIndex, mean, variance, samplingVariance, methodVariance, samplingShare,
/// samplingShareLower, samplingShareUpper, methodShare, methodShareLower, methodShareUpper, nominalSamplingVariance, factors,
/// rankFactors}]) is a public contract: add fields, never rename (docs/cli.md).
/// </summary>
internal static class TrustIndexSobolOutput
{
    /// <summary>R, the respondent bootstrap resamples of the sampling factor (share intervals ±2–3 points on the sample).</summary>
    public const int Resamples = 200;

    /// <summary>Bootstrap replicates of every interval (0 when <c>--bootstrap 0</c>).</summary>
    public const int Replicates = 200;

    public static TrustIndexUncertaintyResult Compute(TrustSurvey survey, TrustIndexOptions options, int baseSamples, bool intervals) =>
        new SobolCalculator().DecomposeUncertainty(survey, baseSamples, Resamples, intervals ? Replicates : 0, options);

    public static void Json(Utf8JsonWriter json, TrustIndexUncertaintyResult? result)
    {
        if (result is null)
        {
            return;
        }

        json.WriteStartObject("sobol");
        json.WriteNumber("n", result.BaseSamples);
        json.WriteNumber("resamples", result.Resamples);
        json.WriteNumber("bootstrap", result.BootstrapReplicates);
        json.WriteNumber("seed", result.Seed);
        json.WriteNumber("level", result.ConfidenceLevel);
        json.WriteNumber("methods", result.MethodCount);
        json.WriteStartObject("levels");
        Strings(json, "normalizations", result.Normalizations.Select(n => n.ToString()));
        Strings(json, "weightings", result.Weightings.Select(w => w.ToString()));
        Strings(json, "aggregations", result.Aggregations.Select(a => a.ToString()));
        Strings(json, "missingAnswers", result.MissingAnswerPolicies.Select(p => p.ToString()));
        json.WriteEndObject();
        Factors(json, "factors", result.Units[0].Sobol);
        json.WriteStartArray("segments");
        foreach (var u in result.Units)
        {
            json.WriteStartObject();
            json.WriteString("segment", u.Segment);
            MetricJson.Number(json, "nominalIndex", u.NominalIndex);
            json.WriteNumber("mean", u.Mean);
            json.WriteNumber("variance", u.Variance);
            json.WriteNumber("samplingVariance", u.SamplingVariance);
            json.WriteNumber("methodVariance", u.MethodVariance);
            json.WriteNumber("samplingShare", u.SamplingShare);
            MetricJson.Number(json, "samplingShareLower", u.SamplingShareInterval?.Lower);
            MetricJson.Number(json, "samplingShareUpper", u.SamplingShareInterval?.Upper);
            json.WriteNumber("methodShare", u.MethodShare);
            MetricJson.Number(json, "methodShareLower", u.MethodShareInterval?.Lower);
            MetricJson.Number(json, "methodShareUpper", u.MethodShareInterval?.Upper);
            MetricJson.Number(json, "nominalSamplingVariance", u.NominalSamplingVariance);
            Factors(json, "factors", u.Sobol);
            if (result.Ranks.FirstOrDefault(r => r.OutputName == "rank: " + u.Segment) is { } rank)
            {
                Factors(json, "rankFactors", rank);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static void Tables(List<Table> tables, TrustIndexUncertaintyResult? result, string? group)
    {
        if (result is null)
        {
            return;
        }

        string level = Formatting.Level(result.ConfidenceLevel);
        tables.Add(new Table("Index uncertainty: sampling vs method", [group ?? "Group", "Nominal index", "Variance", "Sampling share", $"{level} CI", "Method share", $"{level} CI"],
            result.Units.Select(u => (IReadOnlyList<string>)
            [
                u.Segment, Formatting.Number(u.NominalIndex ?? double.NaN, 1), Formatting.Number(u.Variance, 2), Percent(u.SamplingShare), PercentInterval(u.SamplingShareInterval),
                Percent(u.MethodShare), PercentInterval(u.MethodShareInterval),
            ]).ToList(),
            ["Var(index) = E[Var(index | method)] (sampling) + Var(E[index | method]) (method), over every method combination × every respondent resample.",
             $"{result.MethodCount} method combinations × {result.Resamples} respondent resamples; intervals: {result.BootstrapReplicates} bootstrap replicates of the resamples, seed {result.Seed}."]));
        tables.Add(new Table($"Sobol indices (N = {Formatting.Count(result.BaseSamples)}, factors incl. sampling)", [group ?? "Group", "Factor", "S", $"{level} CI", "ST", $"{level} CI"],
            result.Units.SelectMany(u => u.Sobol.Indices.Select(i => (IReadOnlyList<string>)
            [
                u.Segment, i.Factor, Formatting.Number(i.FirstOrder ?? double.NaN, 3), Interval(i.FirstOrderInterval), Formatting.Number(i.TotalOrder ?? double.NaN, 3), Interval(i.TotalOrderInterval),
            ])).ToList(),
            ["S: first order (Saltelli et al. 2010); ST: total order (Jansen 1999); the sampling factor is the respondent resample."]));
    }

    private static void Factors(Utf8JsonWriter json, string name, SobolResult result)
    {
        json.WriteStartArray(name);
        foreach (var i in result.Indices)
        {
            json.WriteStartObject();
            json.WriteString("factor", i.Factor);
            MetricJson.Number(json, "first", i.FirstOrder);
            MetricJson.Number(json, "firstLower", i.FirstOrderInterval?.Lower);
            MetricJson.Number(json, "firstUpper", i.FirstOrderInterval?.Upper);
            MetricJson.Number(json, "total", i.TotalOrder);
            MetricJson.Number(json, "totalLower", i.TotalOrderInterval?.Lower);
            MetricJson.Number(json, "totalUpper", i.TotalOrderInterval?.Upper);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void Strings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (string v in values)
        {
            json.WriteStringValue(v);
        }

        json.WriteEndArray();
    }

    internal static string Percent(double share) => Formatting.Number(100 * share, 1) + "%";

    internal static string PercentInterval(ConfidenceInterval? interval) =>
        interval is null ? "–" : $"[{Formatting.Number(100 * interval.Lower, 1)}%, {Formatting.Number(100 * interval.Upper, 1)}%]";

    private static string Interval(ConfidenceInterval? interval) => interval is null ? "–" : Formatting.Interval(interval, 3);
}
