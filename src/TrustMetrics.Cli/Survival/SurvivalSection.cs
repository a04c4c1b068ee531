using TrustMetrics.Cli.Churn;
using TrustMetrics.Cli.Input;
using TrustMetrics.Cli.Output;
using TrustMetrics.Cli.Report.Svg;
using TrustMetrics.Cli.Report;
using TrustMetrics.Survival;

namespace TrustMetrics.Cli.Survival;

/// <summary>
/// Kaplan–Meier time to churn per segment with log-log bands and the log-rank test, from customers.csv: duration in months
/// (days / 30.4375) from start to end, or to the observation date (the latest date in the file) for active customers, who are
/// censored. The same computation as <c>trustmetrics survival --duration months --event churned --group segment</c> on those durations.
/// </summary>
internal sealed class SurvivalSection : IReportSectionBuilder
{
    /// <summary>Days per month (365.25 / 12) for durations in months.</summary>
    public const double DaysPerMonth = 30.4375;

    private static readonly double[] Milestones = [6, 12];

    public string Id => "survival";

    public IReadOnlyList<string> Inputs { get; } = [ReportInputs.Customers];

    public ReportSection Build(ReportContext context)
    {
        var customers = CustomerRecords.For(context);
        var labels = context.Labels;
        var asOf = customers.Records.Max(r => r.Span.End is { } e && e > r.Span.Start ? e : r.Span.Start);
        var subjects = customers.Records.Select(r => (r.Segment, Duration: ((r.Span.End ?? asOf).DayNumber - r.Span.Start.DayNumber) / DaysPerMonth, Event: r.Span.End is not null)).ToList();
        var analyzer = new SurvivalAnalyzer(new TrustMetricsOptions { ConfidenceLevel = context.Confidence });
        var overall = analyzer.KaplanMeier(SurvivalTally.FromDurations(subjects.Select(s => (s.Duration, s.Event))), context.Confidence, SurvivalIntervalMethod.LogLog);
        bool grouped = customers.HasSegment && subjects.Select(s => s.Segment).Distinct().Count() > 1;
        var comparison = grouped ? analyzer.KaplanMeierByGroup(subjects, context.Confidence, SurvivalIntervalMethod.LogLog) : null;

        var curves = new List<(string Group, KaplanMeierResult Result)> { (ReportGroups.All, overall) };
        if (comparison is not null)
        {
            curves.AddRange(comparison.Groups.Select(g => (g.Group, g.Result)));
        }

        string by = grouped ? "segment" : ReportGroups.All;
        var summaryRows = curves.Select(c => (IReadOnlyList<string>)
        [
            c.Group == ReportGroups.All ? labels["label.all"] : c.Group, Formatting.Count(c.Result.Count), Formatting.Count(c.Result.EventCount),
            Formatting.Count(c.Result.CensoredCount),
            c.Result.Median.Time is double m ? Formatting.Number(m, 1) : labels["label.notReached"],
            $"[{Bound(c.Result.Median.Lower)}, {Bound(c.Result.Median.Upper)}]",
            .. Milestones.Select(t => At(c.Result, t)),
        ]).ToList();
        var tables = new List<Output.Table>
        {
            new(labels.Format("survival.table", by), [by, "n", labels["col.churned"], labels["col.censored"], labels["col.median"], labels.Format("col.ciMedian", context.Level),
                .. Milestones.Select(t => labels.Format("col.survivalAt", t))], summaryRows, [labels.Format("survival.note", asOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))]),
        };
        if (comparison?.LogRank is { } logRank)
        {
            tables.Add(new Output.Table(labels["survival.logRank"], [by, "n", labels["col.observed"], labels["col.expected"]],
                logRank.Groups.Select(g => (IReadOnlyList<string>)[g.Group, Formatting.Count(g.Count), Formatting.Count(g.Observed), Formatting.Number(g.Expected, 2)]).ToList(),
                [labels.Format("survival.logRankNote", Formatting.Number(logRank.ChiSquare, 3), logRank.DegreesOfFreedom, PText.Of(logRank.PValue))]));
        }

        var plotted = comparison is null ? curves : curves.Skip(1).ToList();
        string title = labels.Format("chart.km", by, context.Level);
        string Name((string Group, KaplanMeierResult Result) c) => c.Group == ReportGroups.All ? labels["label.all"] : c.Group;
        StepSeries Series((string Group, KaplanMeierResult Result) c, bool band) => new(Name(c),
            c.Result.Table.Select(p => p.Time).ToList(), c.Result.Table.Select(p => p.Survival).ToList(),
            band ? c.Result.Table.Select(p => p.Lower).ToList() : null, band ? c.Result.Table.Select(p => p.Upper).ToList() : null);

        // Several groups: their curves together without bands (overlapping bands cannot be read), then one small chart per group
        // with its band, on the same time axis.
        bool several = plotted.Count > 1;
        double maxTime = plotted.SelectMany(c => c.Result.Table.Select(p => p.Time)).Where(double.IsFinite).DefaultIfEmpty(1).Max();
        var charts = new List<ReportChart>
        {
            new("kaplan-meier", title, StepChart.Render(title, plotted.Select(c => Series(c, band: !several)).ToList(),
                labels["axis.months"], labels["axis.survival"], yMin: 0, yMax: 1)),
        };
        if (several)
        {
            for (int i = 0; i < plotted.Count; i++)
            {
                string panel = $"{title}: {Name(plotted[i])}";
                charts.Add(new ReportChart($"kaplan-meier-{i + 1}", panel, StepChart.Render(panel, [Series(plotted[i], band: true)],
                    labels["axis.months"], labels["axis.survival"], yMin: 0, yMax: 1, xMax: maxTime, firstColor: i)));
            }
        }

        var curveTable = new DataTable("km_curve", "group", "time", "atRisk", "events", "censored", "survival", "standardError", "lower", "upper");
        var summaryTable = new DataTable("km_summary", "group", "n", "events", "censored", "medianTime", "medianLower", "medianUpper",
            "survival6Months", "survival12Months", "level", "method");
        foreach (var (group, result) in curves)
        {
            foreach (var p in result.Table)
            {
                curveTable.Add(group, p.Time, p.AtRisk, p.Events, p.Censored, p.Survival, p.StandardError, p.Lower, p.Upper);
            }

            summaryTable.Add(group, result.Count, result.EventCount, result.CensoredCount, result.Median.Time, result.Median.Lower, result.Median.Upper,
                result.SurvivalAt(6), result.SurvivalAt(12), result.ConfidenceLevel, "log-log");
        }

        var data = new List<DataTable> { summaryTable, curveTable };
        var at12 = overall.EstimateAt(12);
        string headline = labels.Format("headline.survival", Formatting.Number(100 * at12.Value, 0), context.Level, Formatting.Number(100 * at12.Interval.Lower, 0),
            Formatting.Number(100 * at12.Interval.Upper, 0), Formatting.Count(overall.Count));
        if (comparison?.LogRank is { } test)
        {
            var logRankTable = new DataTable("log_rank", "group", "n", "observed", "expected", "chiSquare", "df", "pValue");
            foreach (var g in test.Groups)
            {
                logRankTable.Add(g.Group, g.Count, g.Observed, g.Expected, test.ChiSquare, test.DegreesOfFreedom, test.PValue);
            }

            data.Add(logRankTable);
            headline += "; " + labels.Format(test.PValue < 1 - context.Confidence ? "headline.survivalDiffers" : "headline.survivalSame", by, PText.Of(test.PValue));
        }

        var summary = new List<string> { labels.Format("summary.source", customers.Source.DisplayName) };
        return new ReportSection(Id, labels["section.survival"], customers.Source.DisplayName, headline, summary, charts, tables, data);
    }

    private static string At(KaplanMeierResult result, double time)
    {
        var estimate = result.EstimateAt(time);
        return $"{Formatting.Number(estimate.Value, 3)} {Formatting.Interval(estimate.Interval, 3)}";
    }

    private static string Bound(double? value) => value is double v && double.IsFinite(v) ? Formatting.Number(v, 1) : "–";
}
