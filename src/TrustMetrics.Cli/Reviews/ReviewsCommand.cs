using System.CommandLine;
using System.Text.Json;
using TrustMetrics.Cli.Input;
using TrustMetrics.Cli.Output;
using TrustMetrics.Cli.Report;
using TrustMetrics.Reviews;
using TrustMetrics.Scales;

namespace TrustMetrics.Cli.Reviews;

/// <summary>
/// <c>trustmetrics reviews</c>: per-item star ratings — mean with t interval, Bayesian average, positive share with Wilson interval,
/// Dirichlet score and distribution — optionally broken down by a group column (month, channel).
/// </summary>
internal static class ReviewsCommand
{
    private static readonly Dictionary<string, RatingRankKey?> Sorts = new(StringComparer.OrdinalIgnoreCase)
    {
        ["item"] = null,
        ["bayesian"] = RatingRankKey.BayesianAverage,
        ["wilson"] = RatingRankKey.WilsonLowerBound,
        ["dirichlet"] = RatingRankKey.DirichletScore,
        ["mean"] = RatingRankKey.Mean,
    };

    public static Command Create(CliContext context)
    {
        var common = new CommonOptions();
        var item = new Option<string?>("--item") { Description = "Item (product) column; without it all ratings form one item 'All'." };
        var rating = new Option<string>("--rating") { Description = "Star-rating column (integers 1..scale).", Required = true };
        var scale = new Option<int>("--scale") { Description = "Highest rating; ratings run 1..scale.", DefaultValueFactory = _ => 5 };
        var positive = new Option<int?>("--positive") { Description = "Lowest rating counted as positive (default ⌊0.6·scale⌋ + 1: 4 on 1–5, 7 on 1–10)." };
        var priorMean = new Option<double?>("--prior-mean") { Description = "Prior mean C of the Bayesian average (default: the mean of all ratings in the file)." };
        var priorWeight = new Option<double?>("--prior-weight") { Description = "Prior weight m in pseudo-ratings (default: the median number of ratings per item)." };
        var sort = new Option<string>("--sort") { Description = "Item order: item (name, default), bayesian, wilson, dirichlet or mean (best first).", DefaultValueFactory = _ => "item" };
        sort.AcceptOnlyFromAmong([.. Sorts.Keys]);

        var command = new Command("reviews", "Star ratings per item: mean with t interval, Bayesian average (IMDb weighted rating), positive share with Wilson interval.");
        command.Add(common.Input);
        command.Add(item);
        command.Add(rating);
        command.Add(scale);
        command.Add(positive);
        command.Add(priorMean);
        command.Add(priorWeight);
        command.Add(sort);
        command.Add(common.Group);
        command.Add(common.Confidence);
        command.Add(common.Format);
        command.Add(common.Output);
        command.SetAction(parse =>
        {
            var request = new Request(
                parse.GetRequiredValue(common.Input).ToString(), parse.GetValue(item), parse.GetRequiredValue(rating), parse.GetValue(scale),
                parse.GetValue(positive), parse.GetValue(priorMean), parse.GetValue(priorWeight), parse.GetValue(sort) ?? "item",
                parse.GetValue(common.Group), parse.GetValue(common.Confidence));
            return CommandOutput.Run(() => Execute(request), common.ParseFormat(parse), parse.GetValue(common.Output), context);
        });
        return command;
    }

    private sealed record Request(string Input, string? Item, string Rating, int Scale, int? Positive, double? PriorMean, double? PriorWeight,
        string Sort, string? Group, double Confidence);

    private static CommandOutput.Result Execute(Request request)
    {
        if (request.Scale < 2 || request.Scale > 100)
        {
            throw new CommandLineException($"--scale must lie in 2..100 (ratings run 1..scale); got {request.Scale}.");
        }

        var ratingScale = new RatingScale(1, request.Scale);
        // The top 40% of the scale: 4–5 on 1–5, 7–10 on 1–10.
        int threshold = request.Positive ?? request.Scale * 6 / 10 + 1;
        if (!ratingScale.Contains(threshold))
        {
            throw new CommandLineException($"--positive must lie on the scale 1–{request.Scale}; got {threshold}.");
        }

        if (request.PriorWeight is double w && !(w >= 0 && double.IsFinite(w)))
        {
            throw new CommandLineException($"--prior-weight must be a finite number ≥ 0; got {w.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
        }

        if (request.PriorMean is double c && !double.IsFinite(c))
        {
            throw new CommandLineException("--prior-mean must be a finite number.");
        }

        var source = SurveySource.FromFile(request.Input);
        using var table = CsvTable.Open(source);
        int ratingColumn = table.Column(request.Rating);
        int? itemColumn = request.Item is null ? null : table.Column(request.Item);
        int? groupColumn = request.Group is null ? null : table.Column(request.Group);
        var limit = request.Group is null ? null : new GroupLimit(table, request.Group);

        var items = new GroupedTallies<long[]>(() => new long[ratingScale.Points]);
        var groups = new Dictionary<string, GroupedTallies<long[]>>(StringComparer.Ordinal);
        long missing = 0;
        while (table.Read())
        {
            if (ScoreParser.Score(table, ratingColumn, request.Rating, 1, request.Scale) is not int score)
            {
                missing++;
                continue;
            }

            string key = itemColumn is int ic ? table.Field(ic) : "All";
            items[key][score - 1]++;
            if (groupColumn is int gc)
            {
                string group = table.Field(gc);
                group = group.Length == 0 ? GroupedTallies<long[]>.BlankGroup : group;
                limit!.See(group);
                if (!groups.TryGetValue(group, out var perGroup))
                {
                    groups[group] = perGroup = new GroupedTallies<long[]>(() => new long[ratingScale.Points]);
                }

                perGroup[key][score - 1]++;
            }
        }

        var all = items.Ordered().Select(pair => KeyValuePair.Create(pair.Key, ScaleTally.FromCounts(ratingScale, pair.Value))).ToList();
        if (all.Count == 0)
        {
            throw new InputException($"{source.DisplayName}: column '{request.Rating}' has no ratings (every cell is blank).");
        }

        var pooled = RatingPrior.Pooled(all.Select(pair => pair.Value));
        var prior = new RatingPrior(request.PriorMean ?? pooled.Mean, request.PriorWeight ?? pooled.Weight);
        var calculator = new RatingCalculator(new TrustMetricsOptions
        {
            ConfidenceLevel = request.Confidence, RatingScale = ratingScale, RatingPositiveThreshold = threshold,
        });

        List<RatedItem<string>> Rank(IEnumerable<KeyValuePair<string, ScaleTally>> tallies)
        {
            var ranked = calculator.Rank(tallies, Sorts[request.Sort] ?? RatingRankKey.BayesianAverage, prior).Ranked.ToList();
            return Sorts[request.Sort] is null ? [.. ranked.OrderBy(r => r.Item, StringComparer.Ordinal)] : ranked;
        }

        var overall = Rank(all);
        var groupRows = groups.OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, Items: Rank(g.Value.Ordered().Select(pair => KeyValuePair.Create(pair.Key, ScaleTally.FromCounts(ratingScale, pair.Value))))))
            .ToList();

        string level = Formatting.Level(request.Confidence);
        IReadOnlyList<string> headers = ["Item", "n", "Mean", $"{level} CI", "Bayesian avg", $"% ≥ {threshold}", $"{level} CI (Wilson)", "Dirichlet"];
        IReadOnlyList<string> Cells(RatedItem<string> r) =>
        [
            r.Item, Formatting.Count(r.Result.Count), Formatting.Number(r.Result.Mean.Value, 2), Formatting.Interval(r.Result.Mean.Interval, 2),
            Formatting.Number(r.Result.BayesianAverage, 2), Formatting.Number(r.Result.PositiveShare.Value * 100, 1),
            Formatting.Interval(r.Result.PositiveShare.Interval.Scale(100), 1), Formatting.Number(r.Result.DirichletScore, 2),
        ];
        IReadOnlyList<string> notes =
        [
            string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"Bayesian average (v·R + m·C)/(v + m) with C = {prior.Mean:0.###}, m = {prior.Weight:0.###}; mean interval Student t; Dirichlet = posterior mean − z·SD, z one-sided."),
        ];
        var tables = new List<Table> { new("Ratings by item", headers, overall.Select(Cells).ToList(), notes) };
        tables.AddRange(groupRows.Select(g => new Table($"{request.Group} = {g.Key}", headers, g.Items.Select(Cells).ToList(), [])));
        var summary = new List<string>
        {
            $"Source: {source.DisplayName}, rating column '{request.Rating}' (1–{request.Scale}), positive ≥ {threshold}",
            $"Ratings: {Formatting.Count(all.Sum(a => a.Value.Count))} in {all.Count} item(s)" + (missing > 0 ? $" ({Formatting.Count(missing)} blank cells skipped)" : string.Empty),
        };

        void WriteItems(Utf8JsonWriter json, IEnumerable<RatedItem<string>> rows)
        {
            json.WriteStartArray("items");
            foreach (var row in rows)
            {
                var r = row.Result;
                json.WriteStartObject();
                json.WriteString("item", row.Item);
                json.WriteNumber("n", r.Count);
                VocJson.Flat(json, "mean", r.Mean);
                MetricJson.Number(json, "bayesianAverage", r.BayesianAverage);
                VocJson.Flat(json, "positiveShare", r.PositiveShare);
                json.WriteNumber("positive", r.PositiveCount);
                MetricJson.Number(json, "wilsonLowerBound", r.WilsonLowerBound);
                MetricJson.Number(json, "dirichletScore", r.DirichletScore);
                json.WriteStartArray("distribution");
                foreach (long count in r.Tally.Counts)
                {
                    json.WriteNumberValue(count);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        void WriteJson(Utf8JsonWriter json)
        {
            json.WriteStartObject();
            json.WriteString("metric", "reviews");
            json.WriteString("source", source.DisplayName);
            json.WriteString("column", request.Rating);
            json.WriteNumber("missing", missing);
            json.WriteStartObject("scale");
            json.WriteNumber("min", 1);
            json.WriteNumber("max", request.Scale);
            json.WriteEndObject();
            json.WriteNumber("positiveThreshold", threshold);
            json.WriteStartObject("prior");
            json.WriteNumber("mean", prior.Mean);
            json.WriteNumber("weight", prior.Weight);
            json.WriteEndObject();
            json.WriteNumber("confidenceLevel", request.Confidence);
            WriteItems(json, overall);
            if (request.Group is not null)
            {
                MetricJson.Groups(json, request.Group, groupRows, WriteItems);
            }

            json.WriteEndObject();
        }

        return new CommandOutput.Result(new Document("Reviews and ratings", summary, tables), WriteJson);
    }
}
