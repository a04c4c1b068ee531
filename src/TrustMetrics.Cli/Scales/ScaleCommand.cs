using System.CommandLine;
using System.Text.Json;
using TrustMetrics.Cli.Input;
using TrustMetrics.Cli.Output;
using TrustMetrics.Cli.Report;
using TrustMetrics.Estimation;
using TrustMetrics.Scales;

namespace TrustMetrics.Cli.Scales;

/// <summary><c>trustmetrics csat</c> and <c>trustmetrics ces</c>: top-box percent and mean of a rating column.</summary>
internal static class ScaleCommand
{
    private static readonly Dictionary<string, ProportionIntervalMethod> Methods = CoreNames.Map<ProportionIntervalMethod>(ProportionIntervals.Name);

    /// <summary>The per-metric differences: name, defaults and wording.</summary>
    private sealed record Metric(string Name, string Title, RatingScale Scale, int Threshold, string Description);

    public static Command CreateCsat(CliContext context) => Create(context, new Metric("csat", "Customer Satisfaction (CSAT)",
        RatingScale.FivePoint, 4, "Customer satisfaction: percent satisfied (answers ≥ threshold, default 4–5 on 1–5) and mean answer, with intervals."));

    public static Command CreateCes(CliContext context) => Create(context, new Metric("ces", "Customer Effort Score (CES)",
        RatingScale.SevenPoint, 5, "Customer effort score: percent easy (answers ≥ threshold, default 5–7 on 1–7) and mean answer, with intervals."));

    private static Command Create(CliContext context, Metric metric)
    {
        var common = new CommonOptions();
        var scale = new Option<string>("--scale") { Description = $"Answer scale MIN..MAX or MIN-MAX; bipolar scales too (-3..3 or -3-3) (default {metric.Scale}).", DefaultValueFactory = _ => metric.Scale.ToString() };
        var threshold = new Option<int?>("--threshold") { Description = $"Lowest answer counted in the top box (default {metric.Threshold}; with a custom --scale: the top two points)." };
        var method = new Option<string>("--method", "-m")
        {
            Description = "Interval method of the percentage: wilson (default), wilson-cc, agresti-coull, clopper-pearson, jeffreys or wald.",
            DefaultValueFactory = _ => "wilson",
        };
        method.AcceptOnlyFromAmong([.. Methods.Keys]);
        var simultaneous = AnswerShares.CreateOption();
        scale.Validators.Add(result =>
        {
            try
            {
                ParseScale(result.GetValueOrDefault<string>() ?? string.Empty);
            }
            catch (Exception e) when (e is FormatException or ArgumentOutOfRangeException)
            {
                result.AddError($"--scale: {e.Message}");
            }
        });

        var command = new Command(metric.Name, metric.Description);
        common.AddTo(command);
        command.Add(scale);
        command.Add(threshold);
        command.Add(method);
        command.Add(simultaneous);
        var rakeOptions = new RakedSurvey.Options().AddTo(command); // raking (issue 15 item 1): logic in RakedScale.cs
        command.SetAction(parse =>
        {
            var chosenScale = ParseScale(parse.GetValue(scale)!);
            int chosenThreshold = parse.GetValue(threshold)
                ?? (chosenScale == metric.Scale ? metric.Threshold : chosenScale.Max - 1);
            if (!chosenScale.Contains(chosenThreshold))
            {
                context.Error.WriteLine($"error: --threshold {chosenThreshold} is not on the scale {chosenScale}.");
                return 1;
            }

            var options = new TrustMetricsOptions
            {
                ConfidenceLevel = parse.GetValue(common.Confidence),
                ProportionIntervalMethod = Methods[parse.GetValue(method)!],
                CsatScale = chosenScale,
                CsatThreshold = chosenThreshold,
                CesScale = chosenScale,
                CesThreshold = chosenThreshold,
            };
            ScaleMetricCalculator calculator = metric.Name == "ces" ? new CesCalculator(options) : new CsatCalculator(options);
            var request = new Request(parse.GetRequiredValue(common.Input).ToString(), parse.GetRequiredValue(common.Column), parse.GetValue(common.Group), parse.GetValue(simultaneous));
            if (rakeOptions.Read(parse) is { } rake)
            {
                return CommandOutput.Run(() => request.Group is not null || request.Simultaneous is not null || parse.GetResult(method) is { Implicit: false }
                    ? throw new CommandLineException("--rake: the raked estimates are overall, with Wald intervals on the raked-design SE; drop --group, --simultaneous and --method.")
                    : RakedScale.Execute(metric.Name, metric.Title, chosenScale, chosenThreshold, request.Input, request.Column, options.ConfidenceLevel, rake),
                    common.ParseFormat(parse), parse.GetValue(common.Output), context);
            }

            return CommandOutput.Run(() => Execute(metric, calculator, request), common.ParseFormat(parse), parse.GetValue(common.Output), context);
        });
        return command;
    }

    private sealed record Request(string Input, string Column, string? Group, string? Simultaneous);

    private static CommandOutput.Result Execute(Metric metric, ScaleMetricCalculator calculator, Request request)
    {
        var source = SurveySource.FromFile(request.Input);
        using var table = CsvTable.Open(source);
        int scoreColumn = table.Column(request.Column);
        int? groupColumn = request.Group is null ? null : table.Column(request.Group);

        var scale = calculator.Scale;
        var overall = new long[scale.Points];
        var groups = new GroupedTallies<long[]>(() => new long[scale.Points], request.Group is null ? null : new GroupLimit(table, request.Group));
        long missing = 0;
        while (table.Read())
        {
            if (ScoreParser.Score(table, scoreColumn, request.Column, scale.Min, scale.Max) is not int score)
            {
                missing++;
                continue;
            }

            overall[score - scale.Min]++;
            if (groupColumn is int gc)
            {
                groups[table.Field(gc)][score - scale.Min]++;
            }
        }

        if (overall.Sum() == 0)
        {
            throw new InputException($"{source.DisplayName}: column '{request.Column}' has no answers (every cell is blank).");
        }

        var overallResult = calculator.Calculate(ScaleTally.FromCounts(scale, overall));
        var shares = AnswerShares.Compute(request.Simultaneous, overall, scale.Min, overallResult.TopBox.Interval.Level);
        var groupResults = groups.Ordered().Select(pair => (pair.Key, Result: calculator.Calculate(ScaleTally.FromCounts(scale, pair.Value)))).ToList();

        var rows = new List<IReadOnlyList<string>> { ScaleRows.Cells("All", overallResult) };
        rows.AddRange(groupResults.Select(g => ScaleRows.Cells(g.Key, g.Result)));
        var summary = new List<string>
        {
            $"Source: {source.DisplayName}, column '{request.Column}', scale {scale}, top box ≥ {calculator.Threshold}",
            $"Responses: {Formatting.Count(overallResult.Count)}" + (missing > 0 ? $" ({Formatting.Count(missing)} blank cells skipped)" : string.Empty),
        };
        var document = new Document(metric.Title, summary,
        [
            new Table(request.Group is null ? metric.Name.ToUpperInvariant() : $"{metric.Name.ToUpperInvariant()} by {request.Group}",
                ScaleRows.Headers(metric.Name, request.Group ?? "Sample", overallResult.TopBox.Interval.Level), rows,
                [$"Percent interval: {overallResult.TopBox.Interval.Method}; mean interval: Student t, clipped to the scale."]),
            .. shares is null ? Array.Empty<Table>() : [AnswerShares.ToTable(shares)],
        ]);

        void WriteJson(Utf8JsonWriter json)
        {
            json.WriteStartObject();
            json.WriteString("metric", metric.Name);
            json.WriteString("source", source.DisplayName);
            json.WriteString("column", request.Column);
            json.WriteNumber("missing", missing);
            MetricJson.Scale(json, overallResult);
            if (shares is not null)
            {
                AnswerShares.Write(json, shares);
            }
            if (request.Group is not null)
            {
                MetricJson.Groups(json, request.Group, groupResults, MetricJson.Scale);
            }

            json.WriteEndObject();
        }

        return new CommandOutput.Result(document, WriteJson);
    }

    /// <summary>
    /// A scale as written on the command line: <c>MIN..MAX</c>, <c>MIN–MAX</c> or <c>MIN-MAX</c>, where either end may be negative
    /// (a bipolar scale: <c>-3..3</c>, <c>-3-3</c>, <c>-3--1</c>).
    /// </summary>
    internal static RatingScale ParseScale(string text)
    {
        var match = System.Text.RegularExpressions.Regex.Match(text, @"^\s*([-−]?\d+)\s*(?:\.\.|–|-|to)\s*([-−]?\d+)\s*$");
        if (!match.Success
            || !int.TryParse(match.Groups[1].Value.Replace('−', '-'), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out int min)
            || !int.TryParse(match.Groups[2].Value.Replace('−', '-'), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out int max))
        {
            throw new FormatException($"A scale is written MIN..MAX or MIN-MAX, for example 1..5, 1-5 or -3..3; got '{text}'.");
        }

        return new RatingScale(min, max);
    }
}

/// <summary>Table cells of a CSAT/CES result, shared by the csat, ces and report commands.</summary>
internal static class ScaleRows
{
    public static IReadOnlyList<string> Headers(string metric, string first, double level) =>
        [first, "n", ScaleNames.For(metric).Label, $"{Formatting.Level(level)} CI", "Mean", $"{Formatting.Level(level)} CI (mean)"];

    public static IReadOnlyList<string> Cells(string label, ScaleMetricResult result) =>
    [
        label, Formatting.Count(result.Count), Formatting.Number(result.TopBox.Value, 1), Formatting.Interval(result.TopBox.Interval, 1),
        Formatting.Number(result.Mean.Value, 2), Formatting.Interval(result.Mean.Interval, 2),
    ];
}
