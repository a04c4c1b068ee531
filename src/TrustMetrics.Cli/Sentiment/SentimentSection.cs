using TrustMetrics.Cli.Input;
using TrustMetrics.Cli.Output;
using TrustMetrics.Cli.Report;
using TrustMetrics.Cli.Report.Svg;
using TrustMetrics.Sentiment;

namespace TrustMetrics.Cli.Sentiment;

/// <summary>
/// Net sentiment corrected for classifier error, on the reviews' <c>sentiment</c> labels with a validation sample of human and
/// classifier labels: the same numbers as <c>trustmetrics sentiment --input reviews.csv --label sentiment --validation
/// sentiment_validation.csv --truth human --predicted classifier</c>. The report has a validation sample only for the embedded
/// sample company (sentiment_validation.csv); on other data the section says so and is left out.
/// </summary>
internal sealed class SentimentSection : IReportSectionBuilder
{
    public string Id => "sentiment";

    public IReadOnlyList<string> Inputs { get; } = [ReportInputs.Reviews];

    public ReportSection? Build(ReportContext context)
    {
        var source = context.Inputs[ReportInputs.Reviews]!;
        var labels = context.Labels;
        string title = labels["section.sentiment"];
        var header = SectionInput.Header(source);
        if (!SectionInput.Has(header, "sentiment"))
        {
            // Nothing to correct; the reviews section already notes a missing 'sentiment' column.
            return null;
        }

        if (!context.Inputs.IsSample)
        {
            context.Skip(Id, title, labels["sentiment.noValidation"]);
            return null;
        }

        var map = SentimentLabelMap.Default;
        var production = default(SentimentTally);
        using (context.Progress.Start($"Reading {source.DisplayName} (sentiment)", "reviews"))
        {
            using var table = CsvTable.Open(source);
            int label = table.Column("sentiment");
            while (table.Read())
            {
                var text = table.FieldSpan(label);
                if (text.IsEmpty)
                {
                    continue;
                }

                production = production.Add(map.TryMap(text, out var polarity) ? polarity
                    : throw InputException.AtCell(source.DisplayName, table.Line, "sentiment", text.ToString(), $"is not a known sentiment label ({map.Describe()})."));
            }
        }

        if (production.IsEmpty)
        {
            context.Skip(Id, title, labels.Format("sentiment.noLabels", source.DisplayName));
            return null;
        }

        var validation = SurveySource.Embedded("sentiment_validation.csv", "embedded sample (Hanbit Home Appliances sentiment validation)");
        var request = new SentimentCorrection.Request(null, "human", "classifier", null);
        var (confusion, skipped, validationName) = SentimentCorrection.ReadValidation(request, map, validation);
        var result = SentimentCorrection.Correct(ClassifiedSentimentTally.FromSums(production, 0, 0, 0, 0), confusion, validationName, context.Confidence);

        string headline = labels.Format("headline.correctedSentiment", Formatting.Number(result.NetSentiment.Value, 1), Formatting.Interval(result.NetSentiment.Interval, 1),
            Formatting.Number(result.ObservedNetSentiment, 1));
        var summary = new List<string>
        {
            labels.Format("sentiment.source", source.DisplayName, Formatting.Count(production.Count), validationName),
            labels["sentiment.why"],
        };

        SentimentLabel[] order = [SentimentLabel.Positive, SentimentLabel.Neutral, SentimentLabel.Negative];
        var categories = order.Select(l => l.ToString().ToLowerInvariant()).ToList();
        string chartTitle = labels.Format("chart.correctedSentiment", context.Level);
        var chart = HorizontalBarChart.Render(chartTitle, categories,
        [
            new BarSeries(labels["series.uncorrected"], order.Select(l => 100 * result.ObservedShare(l)).ToList()),
            new BarSeries(labels["series.corrected"], order.Select(l => 100 * result.Share(l).Value).ToList(), order.Select(l => 100 * result.Share(l).Interval.Lower).ToList(),
                order.Select(l => 100 * result.Share(l).Interval.Upper).ToList()),
        ], labels["axis.sentimentShare"], 0, 100);

        var data = new DataTable("corrected_sentiment", "class", "observed", "corrected", "standardError", "lower", "upper", "level", "method");
        foreach (var l in order)
        {
            var share = result.Share(l);
            data.Add(l.ToString().ToLowerInvariant(), result.ObservedShare(l), share.Value, share.StandardError, share.Interval.Lower, share.Interval.Upper, share.Interval.Level,
                share.Interval.Method);
        }

        data.Add("netSentiment", result.ObservedNetSentiment, result.NetSentiment.Value, result.NetSentiment.StandardError, result.NetSentiment.Interval.Lower,
            result.NetSentiment.Interval.Upper, result.NetSentiment.Interval.Level, result.NetSentiment.Interval.Method);
        var matrix = new DataTable("sentiment_misclassification", "truth", "predicted", "count", "probability");
        foreach (var truth in order)
        {
            foreach (var predicted in order)
            {
                matrix.Add(truth.ToString().ToLowerInvariant(), predicted.ToString().ToLowerInvariant(), confusion[truth, predicted], result.Misclassification(predicted, truth));
            }
        }

        // The command's table (its notes stay in English: they quote the method) with the report's title and headers.
        var correctedTable = SentimentCorrection.Table(result, validationName, skipped, context.Confidence) with
        {
            Title = labels["sentiment.table"],
            Headers = [labels["col.class"], labels["col.observed"], labels["col.corrected"], labels["col.se"], labels.Format("col.ci", context.Level), labels["col.probabilistic"]],
        };
        return new ReportSection(Id, title, source.DisplayName, headline, summary, [new ReportChart("corrected-sentiment", chartTitle, chart)], [correctedTable], [data, matrix]);
    }
}
