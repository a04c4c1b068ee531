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
    private const string Title = "Sentiment corrected for classifier error";

    public string Id => "sentiment";

    public IReadOnlyList<string> Inputs { get; } = [ReportInputs.Reviews];

    public ReportSection? Build(ReportContext context)
    {
        var source = context.Inputs[ReportInputs.Reviews]!;
        var header = SectionInput.Header(source);
        if (!SectionInput.Has(header, "sentiment"))
        {
            // Nothing to correct; the reviews section already notes a missing 'sentiment' column.
            return null;
        }

        if (!context.Inputs.IsSample)
        {
            context.Skip(Id, Title, "no validation sample with human labels: run `trustmetrics sentiment --validation FILE --truth COL --predicted COL` on your reviews.");
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
            context.Skip(Id, Title, $"{source.DisplayName}: the 'sentiment' column has no labels.");
            return null;
        }

        var validation = SurveySource.Embedded("sentiment_validation.csv", "embedded sample (Hanbit Home Appliances sentiment validation)");
        var request = new SentimentCorrection.Request(null, "human", "classifier", null);
        var (confusion, skipped, validationName) = SentimentCorrection.ReadValidation(request, map, validation);
        var result = SentimentCorrection.Correct(ClassifiedSentimentTally.FromSums(production, 0, 0, 0, 0), confusion, validationName, context.Confidence);

        string headline = $"Corrected net sentiment {Formatting.Number(result.NetSentiment.Value, 1)} {Formatting.Interval(result.NetSentiment.Interval, 1)} " +
            $"against {Formatting.Number(result.ObservedNetSentiment, 1)} uncorrected";
        var summary = new List<string>
        {
            $"Source: {source.DisplayName}, column 'sentiment' ({Formatting.Count(production.Count)} labels); validation: {validationName}.",
            "A classifier's labels are not the truth: counting them is biased whenever it errs unevenly across classes. The correction inverts the " +
                "classifier's confusion matrix estimated on a validation sample labelled by humans.",
        };

        SentimentLabel[] order = [SentimentLabel.Positive, SentimentLabel.Neutral, SentimentLabel.Negative];
        var categories = order.Select(l => l.ToString().ToLowerInvariant()).ToList();
        string chartTitle = $"Sentiment shares, uncorrected and corrected ({context.Level} CI), %";
        var chart = HorizontalBarChart.Render(chartTitle, categories,
        [
            new BarSeries("uncorrected", order.Select(l => 100 * result.ObservedShare(l)).ToList()),
            new BarSeries("corrected", order.Select(l => 100 * result.Share(l).Value).ToList(), order.Select(l => 100 * result.Share(l).Interval.Lower).ToList(),
                order.Select(l => 100 * result.Share(l).Interval.Upper).ToList()),
        ], "share of reviews, %", 0, 100);

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

        return new ReportSection(Id, Title, source.DisplayName, headline, summary, [new ReportChart("corrected-sentiment", chartTitle, chart)],
            [SentimentCorrection.Table(result, validationName, skipped, context.Confidence)], [data, matrix]);
    }
}
