using TrustMetrics.Cli.Input;
using TrustMetrics.Cli.Output;
using TrustMetrics.Cli.Report.Svg;
using TrustMetrics.Cli.Report;
using TrustMetrics.Estimation;
using TrustMetrics.Reviews;
using TrustMetrics.Scales;
using TrustMetrics.Sentiment;

namespace TrustMetrics.Cli.Reviews;

/// <summary>
/// Reviews from reviews.csv (rating 1–5; optional product, month, sentiment): per product the same numbers as
/// <c>trustmetrics reviews --item product --rating rating</c> (mean with t interval, Bayesian average with the pooled prior,
/// positive share ≥ 4 with Wilson interval, Dirichlet score and rank), net sentiment overall and by month as
/// <c>trustmetrics sentiment --label sentiment --group month</c>, and each product's mean rating month over month (Welch),
/// Holm-adjusted over every product × consecutive pair of months as the survey's NPS alerts.
/// </summary>
internal sealed class ReviewsSection : IReportSectionBuilder
{
    private const int Stars = 5;

    /// <summary>5★ … 1★: green through grey to red, so the good and the bad ends read at a glance.</summary>
    private static readonly string[] StarColors = ["#009E73", "#56B4E9", "#BBBBBB", "#E69F00", "#D55E00"];

    public string Id => "reviews";

    public IReadOnlyList<string> Inputs { get; } = [ReportInputs.Reviews];

    public ReportSection? Build(ReportContext context)
    {
        var labels = context.Labels;
        var source = context.Inputs[ReportInputs.Reviews]!;
        string title = labels["section.reviews"];
        var header = SectionInput.Header(source);
        if (!SectionInput.Has(header, "rating"))
        {
            context.Skip(Id, title, $"{source.DisplayName} has no 'rating' column (star ratings 1–5).");
            return null;
        }

        bool hasProduct = SectionInput.Has(header, "product"), hasMonth = SectionInput.Has(header, "month"), hasSentiment = SectionInput.Has(header, "sentiment");
        var scale = new RatingScale(1, Stars);
        var map = new SentimentLabelMap(["positive", "pos"], ["neutral", "neu"], ["negative", "neg"]);
        var products = new GroupedTallies<long[]>(() => new long[Stars]);
        var productMonths = new Dictionary<(string Product, string Month), long[]>();
        var sentiment = default(SentimentTally);
        var sentimentByMonth = new GroupedTallies<SentimentTally>(() => default(SentimentTally));
        using (context.Progress.Start($"Reading {source.DisplayName}", "reviews"))
        {
            using var table = CsvTable.Open(source);
            int rating = table.Column("rating");
            int? product = hasProduct ? table.Column("product") : null, month = hasMonth ? table.Column("month") : null, label = hasSentiment ? table.Column("sentiment") : null;
            while (table.Read())
            {
                string monthText = month is int mc ? Blank(table.Field(mc)) : string.Empty;
                if (label is int lc && !table.FieldSpan(lc).IsEmpty)
                {
                    if (!map.TryMap(table.FieldSpan(lc), out var polarity))
                    {
                        throw InputException.AtCell(source.DisplayName, table.Line, "sentiment", table.Field(lc), $"is not a known sentiment label ({map}).");
                    }

                    sentiment = sentiment.Add(polarity);
                    if (month is not null)
                    {
                        ref var tally = ref sentimentByMonth[monthText];
                        tally = tally.Add(polarity);
                    }
                }

                if (ScoreParser.Score(table, rating, "rating", 1, Stars) is not int score)
                {
                    continue;
                }

                string key = product is int pc ? table.Field(pc) : ReportGroups.All;
                products[key][score - 1]++;
                if (month is not null)
                {
                    if (!productMonths.TryGetValue((key, monthText), out var counts))
                    {
                        productMonths[(key, monthText)] = counts = new long[Stars];
                    }

                    counts[score - 1]++;
                }
            }
        }

        var all = products.Ordered().Select(p => KeyValuePair.Create(p.Key, ScaleTally.FromCounts(scale, p.Value))).ToList();
        if (all.Count == 0)
        {
            context.Skip(Id, title, $"{source.DisplayName}: the 'rating' column has no ratings.");
            return null;
        }

        // The defaults of the reviews command: pooled prior, positive = the top 40% of the scale (4–5 stars).
        int threshold = Stars * 6 / 10 + 1;
        var prior = RatingPrior.Pooled(all.Select(p => p.Value));
        var calculator = new RatingCalculator(new TrustMetricsOptions { ConfidenceLevel = context.Confidence, RatingScale = scale, RatingPositiveThreshold = threshold });
        var ranked = calculator.Rank(all, RatingRankKey.DirichletScore, prior);
        var items = ranked.Ranked.OrderBy(r => r.Item, StringComparer.Ordinal).ToList();

        var comparisons = Comparisons(calculator, scale, productMonths, context.Confidence);
        var sentimentCalculator = new SentimentCalculator(new TrustMetricsOptions { ConfidenceLevel = context.Confidence });
        var sentimentRows = new List<(string By, string Group, SentimentResult Result)>();
        if (!sentiment.IsEmpty)
        {
            sentimentRows.Add((ReportGroups.All, ReportGroups.All, sentimentCalculator.Calculate(sentiment)));
            sentimentRows.AddRange(sentimentByMonth.Ordered().Select(p => ("month", p.Key, sentimentCalculator.Calculate(p.Value))));
        }

        long n = all.Sum(p => p.Value.Count);
        var best = ranked.Ranked.First();
        string headline = labels.Format("headline.reviews", Formatting.Count(n), Formatting.Number(all.Sum(p => p.Value.Mean * p.Value.Count) / n, 2), best.Item)
            + (sentimentRows.Count > 0 ? "; " + labels.Format("headline.netSentiment", Formatting.Number(sentimentRows[0].Result.Score.Value, 1)) : string.Empty)
            + string.Concat(comparisons.Where(c => c.Significant && c.Test.Difference < 0).Take(3).Select(c => "; " + labels.Format("headline.reviewDrop", c.Product, c.To,
                Formatting.Signed(c.Test.Difference, 2))));
        var summary = new List<string>
        {
            labels.Format("summary.source", source.DisplayName),
            labels.Format("reviews.summary", Formatting.Count(n), all.Count, Formatting.Number(prior.Mean, 3), Formatting.Number(prior.Weight, 1), threshold),
        };
        if (!hasSentiment)
        {
            context.Skip(Id, title, $"{source.DisplayName} has no 'sentiment' column: net sentiment left out.");
        }

        var charts = Charts(context, items, productMonths, sentimentRows);
        string anchor = charts.Any(c => c.Id == "review-rating-trend") ? "chart-review-rating-trend" : Id;
        return new ReportSection(Id, title, source.DisplayName, headline, summary, charts,
            Tables(context, items, comparisons, sentimentRows, threshold), Data(items, comparisons, sentimentRows, prior))
        {
            Changes = comparisons.Select(c => ChangeCandidate.FromTest(Id, anchor, "rating", null, hasProduct ? "product" : null, c.Product, c.From, c.To, c.FromMean, c.ToMean,
                c.Test, c.Adjusted, comparisons.Count, higherIsBetter: true, FindingUnit.Stars)).ToList(),
        };
    }

    /// <summary>One product, one pair of consecutive months: the mean rating change (Welch) and the positive-share change.</summary>
    internal sealed record Comparison(string Product, string From, string To, long FromCount, long ToCount, double FromMean, double ToMean, DifferenceTest Test,
        DifferenceTest PositiveShare, double Adjusted, bool Significant);

    private static List<Comparison> Comparisons(RatingCalculator calculator, RatingScale scale, Dictionary<(string Product, string Month), long[]> cells, double level)
    {
        var raw = new List<(string Product, string From, string To, ScaleTally Before, ScaleTally After, RatingComparison Result)>();
        foreach (var product in cells.Keys.Select(k => k.Product).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var months = cells.Keys.Where(k => k.Product == product).Select(k => k.Month).Order(StringComparer.Ordinal).ToList();
            for (int i = 1; i < months.Count; i++)
            {
                var before = ScaleTally.FromCounts(scale, cells[(product, months[i - 1])]);
                var after = ScaleTally.FromCounts(scale, cells[(product, months[i])]);
                if (before.Count < 2 || after.Count < 2)
                {
                    continue;
                }

                // Compare(first, second) tests first − second: the later month first, so a drop is negative.
                raw.Add((product, months[i - 1], months[i], before, after, calculator.Compare(after, before, level)));
            }
        }

        var adjusted = MultipleComparisons.HolmAdjust(raw.Select(r => r.Result.Mean.PValue).ToArray());
        return raw.Select((r, i) => new Comparison(r.Product, r.From, r.To, r.Before.Count, r.After.Count, r.Before.Mean,
            r.After.Mean, r.Result.Mean, r.Result.PositiveShare, adjusted[i], adjusted[i] < 1 - level)).ToList();
    }

    private static List<Table> Tables(ReportContext context, List<RatedItem<string>> items, List<Comparison> comparisons,
        List<(string By, string Group, SentimentResult Result)> sentiment, int threshold)
    {
        var labels = context.Labels;
        string ci = labels.Format("col.ci", context.Level);
        var tables = new List<Table>
        {
            new(labels["reviews.byProduct"], [labels["col.product"], "n", labels["col.mean"], ci, labels["col.bayesian"], labels.Format("col.positivePct", threshold), ci + " (Wilson)",
                    labels["col.dirichlet"], labels["col.rank"]],
                items.Select(r => (IReadOnlyList<string>)
                [
                    r.Item, Formatting.Count(r.Result.Count), Formatting.Number(r.Result.Mean.Value, 2), Formatting.Interval(r.Result.Mean.Interval, 2),
                    Formatting.Number(r.Result.BayesianAverage, 2), Formatting.Number(100 * r.Result.PositiveShare.Value, 1), Formatting.Interval(r.Result.PositiveShare.Interval.Scale(100), 1),
                    Formatting.Number(r.Result.DirichletScore, 2), r.Rank.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ]).ToList(), [labels["reviews.byProductNote"]]),
        };
        if (sentiment.Count > 0)
        {
            tables.Add(new Table(labels["reviews.sentiment"], [labels["col.group"], "n", labels["col.positive"], labels["col.neutral"], labels["col.negative"], labels["col.net"], labels["col.se"], ci],
                sentiment.Select(s => (IReadOnlyList<string>)
                [
                    s.By == ReportGroups.All ? labels["label.all"] : s.Group, Formatting.Count(s.Result.Count), Formatting.Count(s.Result.Tally.Positive),
                    Formatting.Count(s.Result.Tally.Neutral), Formatting.Count(s.Result.Tally.Negative), Formatting.Number(s.Result.Score.Value, 1),
                    Formatting.Number(s.Result.Score.StandardError, 1), Formatting.Interval(s.Result.Score.Interval, 1),
                ]).ToList(), [labels["reviews.sentimentNote"]]));
        }

        if (comparisons.Count > 0)
        {
            var flagged = comparisons.Where(c => c.Significant).ToList();
            tables.Add(new Table(labels["reviews.changes"], [labels["col.product"], labels["col.from"], labels["col.to"], labels["col.before"], labels["col.after"], labels["col.change"], ci,
                    labels["col.pHolm"], labels["col.verdict"]],
                flagged.Select(c => (IReadOnlyList<string>)
                [
                    c.Product, c.From, c.To, Formatting.Number(c.FromMean, 2), Formatting.Number(c.ToMean, 2), Formatting.Signed(c.Test.Difference, 2),
                    Formatting.Interval(c.Test.Interval, 2), Formatting.PValue(c.Adjusted), c.Test.Difference < 0 ? labels["verdict.drop"] : labels["verdict.rise"],
                ]).ToList(), [labels.Format("reviews.changesNote", comparisons.Count, Formatting.Number(1 - context.Confidence, 2), flagged.Count)]));
        }

        return tables;
    }

    private static List<ReportChart> Charts(ReportContext context, List<RatedItem<string>> items, Dictionary<(string Product, string Month), long[]> cells,
        List<(string By, string Group, SentimentResult Result)> sentiment)
    {
        var labels = context.Labels;
        var charts = new List<ReportChart>();
        string starsTitle = labels["chart.stars"];
        var shown = items.Take(15).ToList();
        var series = Enumerable.Range(1, Stars).Reverse().Select(star => new BarSeries(star.ToString(System.Globalization.CultureInfo.InvariantCulture) + "★",
            shown.Select(r => 100.0 * r.Result.Tally.Counts[star - 1] / r.Result.Count).ToList())).ToList();
        var distributionChart = HorizontalBarChart.Render(starsTitle, shown.Select(r => r.Item).ToList(), series, labels["axis.sharePercent"], 0, 100, stacked: true,
            notes: shown.Select(r => "n = " + Formatting.Count(r.Result.Count)).ToList(), seriesColors: StarColors);
        charts.Add(new ReportChart("review-stars", starsTitle, distributionChart));

        var months = cells.Keys.Select(k => k.Month).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (months.Count > 1)
        {
            string meanTitle = labels.Format("chart.ratingTrend", context.Level);
            // One small panel per product with its anytime-valid band (a mean on 1–5 is bounded), all products' mean in grey behind
            // each, so the bands never overlap; a single product keeps one line chart.
            double alpha = 1 - context.Confidence;
            long[] Cell(string item, string month) => cells.TryGetValue((item, month), out var c) ? c : new long[Stars];
            long[] AllProducts(string month) => Enumerable.Range(0, Stars).Select(k => cells.Where(e => e.Key.Month == month).Sum(e => e.Value[k])).ToArray();
            LineSeries Line(string name, Func<string, long[]> counts, bool band)
            {
                var perMonth = months.Select(counts).ToList();
                var bands = band ? perMonth.Select(c => AnytimeBands.Stars(c, alpha)).ToList() : null;
                return new LineSeries(name, perMonth.Select(c => c.Sum() > 0 ? c.Select((count, i) => count * (i + 1.0)).Sum() / c.Sum() : double.NaN).ToList())
                {
                    AnytimeLower = bands?.Select(b => b.Lower).ToList(), AnytimeUpper = bands?.Select(b => b.Upper).ToList(),
                };
            }

            var lines = shown.Take(8).Select(r => Line(r.Item, m => Cell(r.Item, m), band: true)).ToList();
            charts.Add(new ReportChart("review-rating-trend", meanTitle, lines.Count > 1
                ? SmallMultiples.Render(meanTitle, months, lines, Line(labels["label.all"], AllProducts, band: false), labels["label.all"], labels["axis.meanRating"],
                    AnytimeBands.Legend(context))
                : LineChart.Render(meanTitle, months, lines, labels["axis.meanRating"], "month", 1, 5, anytimeLegend: AnytimeBands.Legend(context))));
        }

        var byMonth = sentiment.Where(s => s.By == "month").ToList();
        if (byMonth.Count > 1)
        {
            string trendTitle = labels.Format("chart.sentimentTrend", context.Level);
            var netBands = byMonth.Select(s => AnytimeBands.Net(s.Result.Tally.Negative, s.Result.Tally.Neutral, s.Result.Tally.Positive, 1 - context.Confidence)).ToList();
            charts.Add(new ReportChart("net-sentiment-trend", trendTitle, LineChart.Render(trendTitle, byMonth.Select(s => s.Group).ToList(),
                [new LineSeries(labels["col.net"], byMonth.Select(s => s.Result.Score.Value).ToList(), byMonth.Select(s => s.Result.Score.Interval.Lower).ToList(),
                    byMonth.Select(s => s.Result.Score.Interval.Upper).ToList())
                {
                    AnytimeLower = netBands.Select(b => b.Lower).ToList(), AnytimeUpper = netBands.Select(b => b.Upper).ToList(),
                }], labels["axis.netSentiment"], "month", anytimeLegend: AnytimeBands.Legend(context))));
        }

        return charts;
    }

    private static List<DataTable> Data(List<RatedItem<string>> items, List<Comparison> comparisons, List<(string By, string Group, SentimentResult Result)> sentiment, RatingPrior prior)
    {
        var products = new DataTable("reviews_by_product", "product", "n", "mean", "meanStandardError", "meanLower", "meanUpper", "bayesianAverage", "priorMean", "priorWeight",
            "positiveThreshold", "positive", "positiveShare", "positiveShareLower", "positiveShareUpper", "dirichletScore", "dirichletRank");
        var distribution = new DataTable("reviews_distribution", "product", "rating", "count", "share");
        foreach (var r in items)
        {
            var x = r.Result;
            products.Add(r.Item, x.Count, x.Mean.Value, x.Mean.StandardError, x.Mean.Interval.Lower, x.Mean.Interval.Upper, x.BayesianAverage, prior.Mean, prior.Weight,
                (long)x.PositiveThreshold, x.PositiveCount, x.PositiveShare.Value, x.PositiveShare.Interval.Lower, x.PositiveShare.Interval.Upper, x.DirichletScore, (long)r.Rank);
            for (int star = 1; star <= Stars; star++)
            {
                distribution.Add(r.Item, (long)star, x.Tally.Counts[star - 1], (double)x.Tally.Counts[star - 1] / x.Count);
            }
        }

        var changes = new DataTable("reviews_changes", "product", "from", "to", "fromN", "toN", "fromMean", "toMean", "difference", "standardError", "lower", "upper",
            "pValue", "holmAdjustedPValue", "significant", "positiveShareDifference", "positiveShareLower", "positiveShareUpper", "positiveSharePValue");
        foreach (var c in comparisons)
        {
            changes.Add(c.Product, c.From, c.To, c.FromCount, c.ToCount, c.FromMean, c.ToMean, c.Test.Difference, c.Test.StandardError, c.Test.Interval.Lower, c.Test.Interval.Upper,
                c.Test.PValue, c.Adjusted, c.Significant, c.PositiveShare.Difference, c.PositiveShare.Interval.Lower, c.PositiveShare.Interval.Upper, c.PositiveShare.PValue);
        }

        var tables = new List<DataTable> { products, distribution, changes };
        if (sentiment.Count > 0)
        {
            var net = new DataTable("net_sentiment", "by", "group", "n", "positive", "neutral", "negative", "score", "standardError", "lower", "upper", "level", "method");
            foreach (var (by, group, r) in sentiment)
            {
                net.Add(by, group, r.Count, r.Tally.Positive, r.Tally.Neutral, r.Tally.Negative, r.Score.Value, r.Score.StandardError, r.Score.Interval.Lower,
                    r.Score.Interval.Upper, r.Score.Interval.Level, r.Score.Interval.Method);
            }

            tables.Add(net);
        }

        return tables;
    }

    private static string Blank(string text) => text.Length == 0 ? GroupedTallies<int>.BlankGroup : text;
}
