using System.CommandLine;
using System.Text.Json;
using TrustMetrics.Cli.Input;
using TrustMetrics.Cli.Output;
using TrustMetrics.Presentation;
using TrustMetrics.TrustIndex;

namespace TrustMetrics.Cli.TrustIndex;

/// <summary>
/// <c>trust-index --importance-performance [--performance mean|topbox] [--quadrant-cut means|midpoint]</c>: the
/// importance–performance grid of the dimensions on <c>--outcome</c> (Johnson's relative weights against mean score or top box,
/// bootstrap intervals on both axes, quadrant and its stability). JSON <c>"importancePerformance": { "outcome", "n",
/// "performanceMeasure", "cut", "cutImportance", "cutPerformance", "rSquared", "skippedReplicates", "drivers": [ { "driver",
/// "importance", "importanceLower", "importanceUpper", "performance", "performanceLower", "performanceUpper", "quadrant",
/// "stability" } ] }</c>: a public contract, add fields, never rename. The table is the core result's own
/// (<see cref="ResultFormatter"/>'s).
/// </summary>
internal sealed class ImportancePerformanceCli
{
    private static readonly Dictionary<string, DriverPerformance> Measures = new(StringComparer.OrdinalIgnoreCase)
    {
        ["mean"] = DriverPerformance.Mean,
        ["topbox"] = DriverPerformance.TopBox,
    };

    private static readonly Dictionary<string, QuadrantCut> Cuts = new(StringComparer.OrdinalIgnoreCase)
    {
        ["means"] = QuadrantCut.DriverMeans,
        ["midpoint"] = QuadrantCut.ScaleMidpoint,
    };

    private readonly Option<bool> enabled = new("--importance-performance")
    {
        Description = "Importance–performance grid (Martilla & James 1977) of the dimensions on --outcome: relative weight against performance, bootstrap intervals on both axes, quadrant and its bootstrap stability.",
    };

    private readonly Option<string> performance = new("--performance")
    {
        Description = "Performance axis of --importance-performance: mean (default: mean score on 0–100) or topbox (% of respondents whose dimension score is ≥ scale max − 1).",
        DefaultValueFactory = _ => "mean",
    };

    private readonly Option<string> cut = new("--quadrant-cut")
    {
        Description = "Quadrant cut-points of --importance-performance: means (default: mean importance and mean performance of the drivers) or midpoint (performance cut at 50).",
        DefaultValueFactory = _ => "means",
    };

    public ImportancePerformanceCli()
    {
        performance.AcceptOnlyFromAmong([.. Measures.Keys]);
        cut.AcceptOnlyFromAmong([.. Cuts.Keys]);
    }

    /// <summary>The choices of one run, or null when --importance-performance is not given.</summary>
    internal sealed record Settings(DriverPerformance Performance, QuadrantCut Cut);

    public void AddTo(Command command)
    {
        command.Add(enabled);
        command.Add(performance);
        command.Add(cut);
    }

    public Settings? Read(ParseResult parse) =>
        parse.GetValue(enabled) ? new Settings(Measures[parse.GetValue(performance)!], Cuts[parse.GetValue(cut)!]) : null;

    /// <summary>The analysis when asked for; it needs --outcome (an input error otherwise).</summary>
    public static ImportancePerformanceResult? Run(Settings? settings, TrustIndexCalculator calculator, TrustSurvey survey, TrustIndexOptions options)
    {
        if (settings is null)
        {
            return null;
        }

        if (survey.Outcome.IsEmpty)
        {
            throw new CommandLineException("--importance-performance needs --outcome COLUMN (the outcome whose variance the drivers share out).");
        }

        return calculator.ImportancePerformance(survey, options, settings.Performance, settings.Cut);
    }

    /// <summary>The JSON object (nothing when the analysis was not asked for).</summary>
    public static void Json(Utf8JsonWriter json, ImportancePerformanceResult? result)
    {
        if (result is null)
        {
            return;
        }

        json.WriteStartObject("importancePerformance");
        json.WriteString("outcome", result.Outcome);
        json.WriteNumber("n", result.Count);
        json.WriteString("performanceMeasure", result.PerformanceMeasure == DriverPerformance.TopBox ? "topbox" : "mean");
        json.WriteString("cut", result.Cut == QuadrantCut.ScaleMidpoint ? "midpoint" : "means");
        MetricJson.Number(json, "cutImportance", result.CutImportance);
        MetricJson.Number(json, "cutPerformance", result.CutPerformance);
        MetricJson.Number(json, "rSquared", result.RSquared);
        json.WriteNumber("replicates", result.Replicates);
        json.WriteNumber("skippedReplicates", result.SkippedReplicates);
        json.WriteStartArray("drivers");
        foreach (var d in result.Drivers)
        {
            json.WriteStartObject();
            json.WriteString("driver", d.Name);
            MetricJson.Number(json, "importance", d.Importance.Value);
            MetricJson.Number(json, "importanceLower", d.Importance.Interval.Lower);
            MetricJson.Number(json, "importanceUpper", d.Importance.Interval.Upper);
            MetricJson.Number(json, "performance", d.Performance.Value);
            MetricJson.Number(json, "performanceLower", d.Performance.Interval.Lower);
            MetricJson.Number(json, "performanceUpper", d.Performance.Interval.Upper);
            json.WriteString("quadrant", ImportancePerformanceResult.Label(d.Quadrant));
            MetricJson.Number(json, "stability", d.Stability);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>The core result's table (the one <see cref="ResultFormatter"/> renders) for the text and markdown output.</summary>
    public static void Table(List<Table> tables, ImportancePerformanceResult? result)
    {
        if (result is null)
        {
            return;
        }

        var table = ((ITabularResult)result).ToTable();
        tables.Add(new Table(table.Caption, table.Headers, table.Rows, table.Notes));
    }
}
