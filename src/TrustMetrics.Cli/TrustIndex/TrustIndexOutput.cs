using System.Globalization;
using System.Text.Json;
using TrustMetrics.Cli.Input;
using TrustMetrics.Cli.Output;
using TrustMetrics.Cli.Report;
using TrustMetrics.Estimation;
using TrustMetrics.TrustIndex;

namespace TrustMetrics.Cli.TrustIndex;

/// <summary>
/// JSON and tables of <c>trust-index</c>. The JSON names index {value, lower, upper}, dimensions [{name, score, cronbachAlpha,
/// standardizedAlpha, omega {value, estimator, lower, upper}, items [{name, itemTotalCorrelation, alphaIfDeleted}]}], groups [{group, index, dimensions}], drivers
/// [{name, relativeWeight, shapley}] and sensitivity are a public contract: add fields, never rename.
/// </summary>
internal static class TrustIndexOutput
{
    public static CommandOutput.Result Render(SurveySource source, TrustIndexCommand.Request request, TrustIndexResult result,
        TrustBreakdownResult? breakdown, (string Previous, string Current)? periods, ImportancePerformanceResult? importancePerformance = null, TrustMetrics.TrustIndex.Sensitivity.TrustIndexUncertaintyResult? sobol = null) =>
        new(Document(source, request, result, breakdown, periods, importancePerformance, sobol), json => Json(json, source, request, result, breakdown, periods, importancePerformance, sobol));

    private static void Json(Utf8JsonWriter json, SurveySource source, TrustIndexCommand.Request request, TrustIndexResult result,
        TrustBreakdownResult? breakdown, (string Previous, string Current)? periods, ImportancePerformanceResult? importancePerformance, TrustMetrics.TrustIndex.Sensitivity.TrustIndexUncertaintyResult? sobol)
    {
        var options = result.Options;
        json.WriteStartObject();
        json.WriteString("metric", "trust-index");
        json.WriteString("source", source.DisplayName);
        json.WriteNumber("n", result.RespondentCount);
        json.WriteNumber("used", result.UsedCount);
        json.WriteStartObject("scale");
        json.WriteNumber("min", options.Scale.Min);
        json.WriteNumber("max", options.Scale.Max);
        json.WriteEndObject();
        json.WriteString("normalization", Name(options.Normalization));
        json.WriteString("weighting", request.Weighting);
        json.WriteString("aggregation", options.Aggregation == TrustAggregation.Arithmetic ? "arithmetic" : "geometric");
        json.WriteString("missingAnswers", options.MissingAnswers == MissingAnswerPolicy.Listwise ? "listwise" : "available");
        json.WriteNumber("bootstrap", options.BootstrapReplicates);
        json.WriteNumber("seed", options.Seed);
        json.WriteNumber("level", options.ConfidenceLevel!.Value);
        Index(json, "index", result.Index);
        json.WriteStartArray("dimensions");
        foreach (var d in result.Dimensions)
        {
            Dimension(json, d);
        }

        json.WriteEndArray();
        if (request.Group is not null)
        {
            json.WriteString("groupBy", request.Group);
        }

        json.WriteStartArray("groups");
        foreach (var segment in result.Segments)
        {
            json.WriteStartObject();
            json.WriteString("group", segment.Segment);
            json.WriteNumber("n", segment.Count);
            Index(json, "index", segment.Index);
            json.WriteStartArray("dimensions");
            foreach (var d in segment.Dimensions)
            {
                Dimension(json, d);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        KeyDrivers(json, result.KeyDrivers);
        Sensitivity(json, result.Sensitivity);
        ImportancePerformanceCli.Json(json, importancePerformance);
        TrustIndexSobolOutput.Json(json, sobol);
        if (breakdown is not null)
        {
            Breakdown(json, request, breakdown, periods!.Value);
        }

        json.WriteStartArray("warnings");
        foreach (string warning in result.Warnings)
        {
            json.WriteStringValue(warning);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Index(Utf8JsonWriter json, string name, Estimate estimate)
    {
        json.WriteStartObject(name);
        MetricJson.Number(json, "value", estimate.Value);
        MetricJson.Number(json, "lower", estimate.Interval.Lower);
        MetricJson.Number(json, "upper", estimate.Interval.Upper);
        MetricJson.Number(json, "standardError", estimate.StandardError);
        json.WriteString("method", estimate.Interval.Method);
        json.WriteEndObject();
    }

    private static void Dimension(Utf8JsonWriter json, DimensionResult d)
    {
        json.WriteStartObject();
        json.WriteString("name", d.Name);
        MetricJson.Number(json, "score", d.Score?.Value);
        MetricJson.Number(json, "lower", d.Score?.Interval.Lower);
        MetricJson.Number(json, "upper", d.Score?.Interval.Upper);
        MetricJson.Number(json, "standardError", d.Score?.StandardError);
        MetricJson.Number(json, "meanAnswer", d.MeanScore);
        json.WriteNumber("n", d.Count);
        json.WriteNumber("weight", d.Weight);
        var r = d.Reliability;
        MetricJson.Number(json, "cronbachAlpha", r.CronbachAlpha);
        MetricJson.Number(json, "standardizedAlpha", r.StandardizedAlpha);
        json.WriteStartObject("omega");
        MetricJson.Number(json, "value", r.Omega.Value);
        json.WriteString("estimator", r.Omega.Estimator);
        MetricJson.Number(json, "lower", r.Omega.Interval?.Lower);
        MetricJson.Number(json, "upper", r.Omega.Interval?.Upper);
        if (r.Omega.UndefinedReason is not null)
        {
            json.WriteString("note", r.Omega.UndefinedReason);
        }

        json.WriteEndObject();
        json.WriteBoolean("lowReliability", r.IsBelowThreshold);
        if (r.UndefinedReason is not null)
        {
            json.WriteString("alphaNote", r.UndefinedReason);
        }

        json.WriteNumber("completeCases", r.CompleteCases);
        json.WriteStartArray("items");
        foreach (var item in r.Items)
        {
            json.WriteStartObject();
            json.WriteString("name", item.Name);
            json.WriteBoolean("reverseCoded", item.ReverseCoded);
            MetricJson.Number(json, "mean", item.Mean);
            MetricJson.Number(json, "itemTotalCorrelation", item.ItemTotalCorrelation);
            MetricJson.Number(json, "alphaIfDeleted", item.AlphaIfDeleted);
            MetricJson.Number(json, "standardizedAlphaIfDeleted", item.StandardizedAlphaIfDeleted);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void KeyDrivers(Utf8JsonWriter json, KeyDriverResult? kda)
    {
        if (kda is not null)
        {
            json.WriteStartObject("keyDrivers");
            json.WriteString("outcome", kda.Outcome);
            json.WriteNumber("n", kda.Count);
            Index(json, "rSquared", kda.RSquared);
            json.WriteNumber("skippedReplicates", kda.SkippedReplicates);
            json.WriteEndObject();
        }

        json.WriteStartArray("drivers");
        foreach (var d in kda?.Drivers ?? [])
        {
            json.WriteStartObject();
            json.WriteString("name", d.Name);
            MetricJson.Number(json, "relativeWeight", d.RelativeWeight.Value);
            MetricJson.Number(json, "shapley", d.Shapley.Value);
            MetricJson.Number(json, "relativeWeightPercent", d.RelativeWeightPercent);
            MetricJson.Number(json, "shapleyPercent", d.ShapleyPercent);
            MetricJson.Number(json, "correlation", d.Correlation);
            Bounds(json, "relativeWeightInterval", d.RelativeWeight.Interval);
            Bounds(json, "shapleyInterval", d.Shapley.Interval);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void Bounds(Utf8JsonWriter json, string name, ConfidenceInterval interval)
    {
        json.WriteStartObject(name);
        MetricJson.Number(json, "lower", interval.Lower);
        MetricJson.Number(json, "upper", interval.Upper);
        json.WriteEndObject();
    }

    private static void Sensitivity(Utf8JsonWriter json, SensitivityResult? s)
    {
        if (s is null)
        {
            json.WriteNull("sensitivity");
            return;
        }

        json.WriteStartObject("sensitivity");
        json.WriteNumber("replicates", s.Replicates);
        json.WriteNumber("weightPerturbation", s.WeightPerturbation);
        Strings(json, "normalizations", s.Normalizations.Select(Name));
        Strings(json, "weightings", s.Weightings.Select(Name));
        Strings(json, "aggregations", s.Aggregations.Select(a => a == TrustAggregation.Arithmetic ? "arithmetic" : "geometric"));
        json.WriteStartObject("overall");
        MetricJson.Number(json, "median", s.OverallMedianIndex);
        MetricJson.Number(json, "p5", s.OverallIndexP5);
        MetricJson.Number(json, "p95", s.OverallIndexP95);
        json.WriteEndObject();
        MetricJson.Number(json, "meanAverageRankShift", s.MeanAverageRankShift);
        MetricJson.Number(json, "medianAverageRankShift", s.MedianAverageRankShift);
        MetricJson.Number(json, "averageRankShiftP95", s.AverageRankShiftP95);
        json.WriteStartArray("groups");
        foreach (var g in s.Segments)
        {
            json.WriteStartObject();
            json.WriteString("group", g.Segment);
            MetricJson.Number(json, "nominalIndex", g.NominalIndex);
            MetricJson.Number(json, "nominalRank", g.NominalRank);
            MetricJson.Number(json, "medianIndex", g.MedianIndex);
            MetricJson.Number(json, "indexP5", g.IndexP5);
            MetricJson.Number(json, "indexP95", g.IndexP95);
            MetricJson.Number(json, "medianRank", g.MedianRank);
            MetricJson.Number(json, "rankP5", g.RankP5);
            MetricJson.Number(json, "rankP95", g.RankP95);
            MetricJson.Number(json, "medianRankShift", g.MedianRankShift);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Breakdown(Utf8JsonWriter json, TrustIndexCommand.Request request, TrustBreakdownResult breakdown, (string Previous, string Current) periods)
    {
        json.WriteStartObject("breakdown");
        json.WriteString("periodColumn", request.Period);
        json.WriteString("previous", periods.Previous);
        json.WriteString("current", periods.Current);
        json.WriteNumber("significanceLevel", breakdown.SignificanceLevel);
        json.WriteNumber("alerts", breakdown.Alerts.Count);
        json.WriteStartArray("changes");
        foreach (var c in breakdown.Changes)
        {
            json.WriteStartObject();
            json.WriteString("group", c.Segment);
            json.WriteString("measure", c.Measure);
            json.WriteNumber("previousN", c.PreviousCount);
            json.WriteNumber("currentN", c.CurrentCount);
            MetricJson.Number(json, "previous", c.Previous);
            MetricJson.Number(json, "current", c.Current);
            MetricJson.Difference(json, c.Test);
            MetricJson.Number(json, "hedgesG", c.HedgesG);
            json.WriteNumber("adjustedPValue", c.AdjustedPValue);
            json.WriteBoolean("alert", c.IsAlert);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
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

    private static string Name(TrustNormalization n) => n switch
    {
        TrustNormalization.EmpiricalMinMax => "empirical",
        TrustNormalization.ZScore => "zscore",
        TrustNormalization.DistanceToTarget => "target",
        _ => "theoretical",
    };

    private static string Name(TrustWeighting w) => w switch
    {
        TrustWeighting.Pca => "pca",
        TrustWeighting.BenefitOfTheDoubt => "bod",
        TrustWeighting.User => "user",
        _ => "equal",
    };

    private static Document Document(SurveySource source, TrustIndexCommand.Request request, TrustIndexResult result,
        TrustBreakdownResult? breakdown, (string Previous, string Current)? periods, ImportancePerformanceResult? importancePerformance, TrustMetrics.TrustIndex.Sensitivity.TrustIndexUncertaintyResult? sobol)
    {
        var options = result.Options;
        string level = Formatting.Level(options.ConfidenceLevel!.Value);
        var tables = new List<Table>();
        var indexRows = new List<IReadOnlyList<string>> { IndexRow("All", result.RespondentCount, result.Index) };
        indexRows.AddRange(result.Segments.Select(s => IndexRow(s.Segment, s.Count, s.Index)));
        tables.Add(new Table("Trust index (0–100)", [request.Group ?? "Sample", "n", "Index", $"{level} CI"], indexRows, []));

        tables.Add(new Table("Dimensions", ["Dimension", "Score", $"{level} CI", "Mean answer", "Weight", "α", "α std", "ω (ml)", "Items"],
            result.Dimensions.Select(d => (IReadOnlyList<string>)
            [
                d.Name + (d.Reliability.IsBelowThreshold ? " ⚠" : string.Empty), Formatting.Number(d.Score?.Value ?? double.NaN, 1), (d.Score is { } score ? Formatting.Interval(score.Interval, 1) : "–"),
                Formatting.Number(d.MeanScore ?? double.NaN, 2), Formatting.Number(d.Weight, 3), Alpha(d.Reliability.CronbachAlpha), Alpha(d.Reliability.StandardizedAlpha),
                Alpha(d.Reliability.Omega.Value), d.Reliability.Items.Count.ToString(CultureInfo.InvariantCulture),
            ]).ToList(),
            [.. result.Warnings.Take(10), $"⚠ = Cronbach's alpha below {options.AlphaWarningThreshold.ToString(CultureInfo.InvariantCulture)}. Intervals: {options.BootstrapReplicates} bootstrap replicates, seed {options.Seed}."]));

        tables.Add(new Table("Items", ["Item", "Dimension", "Mean", "Corrected item–total r", "α if deleted"],
            result.Dimensions.SelectMany(d => d.Reliability.Items.Select(i => (IReadOnlyList<string>)
            [
                i.Name + (i.ReverseCoded ? " (R)" : string.Empty), d.Name, Formatting.Number(i.Mean ?? double.NaN, 2), Alpha(i.ItemTotalCorrelation), Alpha(i.AlphaIfDeleted),
            ])).ToList(), ["(R) = reverse-coded. An item whose deletion raises alpha, or with corrected r < 0.3, is a candidate to revise."]));

        if (result.Segments.Count > 0)
        {
            tables.Add(new Table($"Dimension scores by {request.Group}", [request.Group!, .. result.Dimensions.Select(d => d.Name)],
                result.Segments.Select(s => (IReadOnlyList<string>)[s.Segment, .. s.Dimensions.Select(d => Formatting.Number(d.Score?.Value ?? double.NaN, 1))]).ToList(), []));
        }

        if (result.KeyDrivers is { } kda)
        {
            tables.Add(new Table($"Key drivers of {kda.Outcome}", ["Driver", "r", "Relative weight", $"{level} CI", "% of R²", "Shapley", $"{level} CI", "% of R²"],
                kda.Drivers.Select(d => (IReadOnlyList<string>)
                [
                    d.Name, Formatting.Number(d.Correlation, 3), Formatting.Number(d.RelativeWeight.Value, 4), Formatting.Interval(d.RelativeWeight.Interval, 4),
                    Formatting.Number(d.RelativeWeightPercent ?? double.NaN, 1), Formatting.Number(d.Shapley.Value, 4), Formatting.Interval(d.Shapley.Interval, 4), Formatting.Number(d.ShapleyPercent ?? double.NaN, 1),
                ]).ToList(),
                [$"R² = {Formatting.Number(kda.RSquared.Value, 4)} {Formatting.Interval(kda.RSquared.Interval, 4)}, n = {Formatting.Count(kda.Count)} complete responses. Both decompositions sum to R²."]));
        }

        ImportancePerformanceCli.Table(tables, importancePerformance);
        if (result.Sensitivity is { } s)
        {
            tables.Add(new Table($"Sensitivity ({s.Replicates} Monte Carlo draws)", [request.Group ?? "Group", "Nominal index", "Median index", "5–95% index", "Nominal rank", "Median rank", "5–95% rank", "Median |shift|"],
                s.Segments.Select(g => (IReadOnlyList<string>)
                [
                    g.Segment, Formatting.Number(g.NominalIndex, 1), Formatting.Number(g.MedianIndex, 1), $"[{Formatting.Number(g.IndexP5, 1)}, {Formatting.Number(g.IndexP95, 1)}]",
                    Formatting.Number(g.NominalRank, 1), Formatting.Number(g.MedianRank, 1), $"[{Formatting.Number(g.RankP5, 1)}, {Formatting.Number(g.RankP95, 1)}]", Formatting.Number(g.MedianRankShift, 1),
                ]).ToList(),
                [$"Overall index: median {Formatting.Number(s.OverallMedianIndex, 1)}, 5–95% [{Formatting.Number(s.OverallIndexP5, 1)}, {Formatting.Number(s.OverallIndexP95, 1)}]. Average shift in ranks: mean {Formatting.Number(s.MeanAverageRankShift ?? double.NaN, 2)}, median {Formatting.Number(s.MedianAverageRankShift ?? double.NaN, 2)}.",
                 $"Drawn from: {string.Join("/", s.Normalizations.Select(Name))} × {string.Join("/", s.Weightings.Select(Name))} × arithmetic/geometric, weights × U(1 ± {s.WeightPerturbation.ToString(CultureInfo.InvariantCulture)})."]));
        }

        TrustIndexSobolOutput.Tables(tables, sobol, request.Group);
        if (breakdown is not null)
        {
            tables.Add(new Table($"Trust breakdown: {periods!.Value.Previous} → {periods.Value.Current}", [request.Group ?? "Group", "Measure", "Before", "After", "Change", "Hedges' g", "p (Holm)", "Alert"],
                breakdown.Changes.Select(c => (IReadOnlyList<string>)
                [
                    c.Segment, c.Measure, Formatting.Number(c.Previous, 1), Formatting.Number(c.Current, 1), Formatting.Signed(c.Test.Difference, 1),
                    Formatting.Number(c.HedgesG ?? double.NaN, 2), Formatting.PValue(c.AdjustedPValue), c.IsAlert ? "DROP" : string.Empty,
                ]).ToList(),
                [$"{breakdown.Alerts.Count} significant drop(s) at Holm-adjusted p < {breakdown.SignificanceLevel.ToString(CultureInfo.InvariantCulture)}. Index: bootstrap z test; dimensions: Welch t test."]));
        }

        return new Document("Trust index",
            [$"Source: {source.DisplayName}, {Formatting.Count(result.RespondentCount)} responses ({Formatting.Count(result.UsedCount)} used), scale {options.Scale.Min}–{options.Scale.Max}",
             $"Index {Formatting.Number(result.Index.Value, 1)} {Formatting.Interval(result.Index.Interval, 1)} ({level}, bootstrap percentile)",
             $"Normalisation {Name(options.Normalization)}, weights {request.Weighting}, aggregation {(options.Aggregation == TrustAggregation.Arithmetic ? "arithmetic" : "geometric")}"],
            tables);
    }

    private static IReadOnlyList<string> IndexRow(string label, long n, Estimate index) =>
        [label, Formatting.Count(n), Formatting.Number(index.Value, 1), Formatting.Interval(index.Interval, 1)];

    private static string Alpha(double? value) => value is double v ? Formatting.Number(v, 3) : "–";
}
