using TrustMetrics.Cli.Input;
using TrustMetrics.Cli.Output;
using TrustMetrics.Cli.Report;
using TrustMetrics.Cli.Report.Svg;
using TrustMetrics.Nps;

namespace TrustMetrics.Cli.Nps;

/// <summary>
/// The survey section's topic-impact part: when the survey has a <c>topics</c> column (multi-label, ';'-separated), the same
/// ranked table as <c>trustmetrics nps --topics topics</c> (<see cref="NpsTopicImpact"/>: impact = NPS(all) − NPS(without the
/// topic's respondents) with delta-method SE, Wald interval and z test), a dot-and-whisker chart of the impacts in rank order,
/// and the tidy table <c>topic_impact</c>. Nothing when the column is absent.
/// </summary>
internal static class TopicSection
{
    /// <summary>The column the report looks for.</summary>
    public const string Column = "topics";

    /// <summary>The part's tables, charts and data (all empty without a topics column or without a valid NPS answer).</summary>
    public static (IReadOnlyList<Table> Tables, IReadOnlyList<ReportChart> Charts, IReadOnlyList<DataTable> Data) Build(SurveySource source, ReportContext context)
    {
        var header = SectionInput.Header(source);
        string npsColumn = context.Settings.NpsColumn;
        if (!SectionInput.Has(header, Column) || !SectionInput.Has(header, npsColumn))
        {
            return ([], [], []);
        }

        IReadOnlyList<NpsTopicImpact> impacts;
        using (context.Progress.Start($"Reading {source.DisplayName} (topics)", "rows"))
        {
            using var table = CsvTable.Open(source);
            int nps = table.Column(npsColumn);
            var topics = NpsTopics.Open(table, (Column, ';'), weighted: false)!;
            long answers = 0;
            while (table.Read())
            {
                if (ScoreParser.Score(table, nps, npsColumn, NpsScale.MinScore, NpsScale.MaxScore) is int score)
                {
                    topics.Add(table, score);
                    answers++;
                }
            }

            if (answers == 0)
            {
                return ([], [], []);
            }

            impacts = topics.Rank(context.Confidence);
        }

        if (impacts.Count == 0)
        {
            return ([], [], []);
        }

        var labels = context.Labels;
        var shown = impacts.Where(t => t.Impact is not null).Take(20).ToList();
        var charts = new List<ReportChart>();
        if (shown.Count > 0)
        {
            string title = labels.Format("chart.topicImpact", context.Level);
            charts.Add(new ReportChart("topic-impact", title, HorizontalBarChart.Render(title, shown.Select(t => t.Topic).ToList(),
                [new BarSeries(labels["series.impact"], shown.Select(t => t.Impact!.Value).ToList(), shown.Select(t => t.Lower!.Value).ToList(), shown.Select(t => t.Upper!.Value).ToList())],
                labels["axis.topicImpact"], dots: true,
                notes: shown.Select(t => "n = " + Formatting.Count(t.Respondents)).ToList(),
                categoryColors: shown.Select(t => t.Impact < 0 ? "#D55E00" : "#009E73").ToList())));
        }

        var data = new DataTable("topic_impact", "topic", "respondents", "share", "impact", "standardError", "lower", "upper", "pValue", "level");
        foreach (var t in impacts)
        {
            data.Add(t.Topic, t.Respondents, t.Share, t.Impact, t.StandardError, t.Lower, t.Upper, t.PValue, t.ConfidenceLevel);
        }

        // The command's table with the report's labels (English or Korean).
        var ranked = NpsTopics.Table(impacts, context.Confidence) with
        {
            Title = labels["topics.table"],
            Headers = [labels["col.topic"], "n", labels["col.share"], labels["col.impact"], labels["col.se"], labels.Format("col.ci", context.Level), "p"],
            Notes = [labels["topics.note"]],
        };
        return ([ranked], charts, [data]);
    }
}
