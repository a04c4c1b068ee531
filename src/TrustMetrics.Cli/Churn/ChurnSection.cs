using System.Globalization;
using TrustMetrics.Churn;
using TrustMetrics.Cli.Input;
using TrustMetrics.Cli.Output;
using TrustMetrics.Cli.Report.Svg;
using TrustMetrics.Cli.Report;

namespace TrustMetrics.Cli.Churn;

/// <summary>
/// Monthly churn (start-based, Wilson intervals) and the monthly cohort retention table from customers.csv — the same
/// computation as <c>trustmetrics churn --start start --end end --period month</c>.
/// </summary>
internal sealed class ChurnSection : IReportSectionBuilder
{
    public string Id => "churn";

    public IReadOnlyList<string> Inputs { get; } = [ReportInputs.Customers];

    public ReportSection Build(ReportContext context)
    {
        var customers = CustomerRecords.For(context);
        var labels = context.Labels;
        var calculator = new ChurnCalculator(new TrustMetricsOptions { ConfidenceLevel = context.Confidence });
        var tally = ChurnTally.FromCustomers(customers.Records.Select(r => r.Span), ChurnPeriod.Month);
        var periods = calculator.PeriodChurn(tally, ChurnRateDefinition.StartBased, context.Confidence);
        var cohorts = calculator.CohortTable(tally, context.Confidence);

        string period = "month";
        var periodRows = periods.Select(p => (IReadOnlyList<string>)
        [
            Month(p.Start) + (p.IsComplete ? string.Empty : " " + labels["label.partial"]), Formatting.Count(p.Counts.CustomersAtStart), Formatting.Count(p.Counts.Acquired),
            Formatting.Count(p.Counts.Lost), Formatting.Count(p.Counts.CustomersAtEnd),
            p.Rate is double r ? Formatting.Number(100 * r, 2) : "–",
            p.Churn is { } c ? Formatting.Interval(c.Interval.Scale(100), 2) : "–",
        ]).ToList();

        int maxAge = cohorts.MaxAge;
        var cohortRows = cohorts.Rows.Select(row => (IReadOnlyList<string>)
        [
            Month(row.Start), Formatting.Count(row.Size),
            .. Enumerable.Range(0, maxAge + 1).Select(k => row.Cell(k) is { } cell ? Formatting.Number(100 * cell.Retention.Value, 1) : string.Empty),
        ]).ToList();
        cohortRows.Add(
        [
            labels["label.weighted"], string.Empty,
            .. Enumerable.Range(0, maxAge + 1).Select(k => k < cohorts.Summary.Count ? Formatting.Number(100 * cohorts.Summary[k].Weighted.Value, 1) : string.Empty),
        ]);

        var tables = new List<Output.Table>
        {
            new(labels.Format("churn.byPeriod", period), [labels["col.period"], labels["col.atStart"], labels["col.acquired"], labels["col.lost"], labels["col.atEnd"],
                labels["col.churnPct"], labels.Format("col.ci", context.Level)], periodRows, [labels["churn.periodNote"]]),
            new(labels["churn.cohorts"], [labels["col.cohort"], labels["col.size"], .. Enumerable.Range(0, maxAge + 1).Select(k => $"k={k}")], cohortRows,
                [labels["churn.cohortNote"]]),
        };

        var withRate = periods.Where(p => p.Churn is not null).ToList();
        string trendTitle = labels.Format("chart.churnTrend", period, context.Level);
        // Start-based churn is a proportion of S, (L − L_new) of S customers lost: its confidence sequence over those 0/1 outcomes.
        var anytime = withRate.Select(p => AnytimeBands.Percent(p.Counts.Lost - p.Counts.LostAcquiredInPeriod, p.Counts.CustomersAtStart, 1 - context.Confidence)).ToList();
        var charts = new List<ReportChart>
        {
            new("churn-trend", trendTitle, LineChart.Render(trendTitle, withRate.Select(p => Month(p.Start)).ToList(),
                [new LineSeries(labels["axis.churnPct"], withRate.Select(p => 100 * p.Churn!.Value).ToList(),
                    withRate.Select(p => 100 * p.Churn!.Interval.Lower).ToList(), withRate.Select(p => 100 * p.Churn!.Interval.Upper).ToList())
                {
                    AnytimeLower = anytime.Select(b => b.Lower).ToList(), AnytimeUpper = anytime.Select(b => b.Upper).ToList(),
                }],
                labels["axis.churnPct"], period, yMin: 0, anytimeLegend: AnytimeBands.Legend(context))),
            new("cohort-retention", labels["chart.cohorts"], Heatmap.Render(labels["chart.cohorts"], cohorts.Rows.Select(r => Month(r.Start)).ToList(),
                Enumerable.Range(0, maxAge + 1).Select(k => k.ToString(CultureInfo.InvariantCulture)).ToList(),
                cohorts.Rows.Select(r => (IReadOnlyList<double?>)Enumerable.Range(0, maxAge + 1).Select(k => r.Cell(k)?.Retention.Value).ToList()).ToList(),
                labels["axis.age"], labels["axis.cohort"])),
        };

        var churnTable = new DataTable("churn_by_period", "start", "lastDay", "complete", "customersAtStart", "acquired", "lost", "lostAcquiredInPeriod", "customersAtEnd",
            "rate", "churn", "churnStandardError", "churnLower", "churnUpper");
        foreach (var p in periods)
        {
            churnTable.Add(p.Start, p.LastDay, p.IsComplete, p.Counts.CustomersAtStart, p.Counts.Acquired, p.Counts.Lost, p.Counts.LostAcquiredInPeriod,
                p.Counts.CustomersAtEnd, p.Rate, p.Churn?.Value, p.Churn?.StandardError, p.Churn?.Interval.Lower, p.Churn?.Interval.Upper);
        }

        var cohortTable = new DataTable("cohort_retention", "cohort", "size", "complete", "age", "active", "retention", "standardError", "lower", "upper");
        foreach (var row in cohorts.Rows)
        {
            foreach (var cell in row.Cells)
            {
                cohortTable.Add(row.Start, row.Size, row.IsComplete, cell.Age, cell.Active, cell.Retention.Value, cell.Retention.StandardError,
                    cell.Retention.Interval.Lower, cell.Retention.Interval.Upper);
            }
        }

        var summaryTable = new DataTable("cohort_summary", "age", "cohorts", "active", "cohortSize", "weighted", "weightedLower", "weightedUpper", "unweightedMean");
        foreach (var age in cohorts.Summary)
        {
            summaryTable.Add(age.Age, age.Cohorts, age.Active, age.CohortSize, age.Weighted.Value, age.Weighted.Interval.Lower, age.Weighted.Interval.Upper, age.UnweightedMean);
        }

        var lastComplete = periods.LastOrDefault(p => p.IsComplete && p.Churn is not null);
        string headline = lastComplete?.Churn is { } last
            ? labels.Format("headline.churn", Formatting.Number(100 * last.Value, 1), Month(lastComplete!.Start), context.Level, Formatting.Number(100 * last.Interval.Lower, 1),
                Formatting.Number(100 * last.Interval.Upper, 1), Formatting.Count(tally.Customers))
            : labels.Format("headline.churnNone", Formatting.Count(tally.Customers));

        // Monthly churn of everyone and of each segment, each complete month against the one before, Holm-adjusted together.
        var groups = new List<(string? By, string Group, IReadOnlyList<PeriodChurn> Periods)> { (null, ReportGroups.All, periods) };
        if (customers.HasSegment)
        {
            groups.AddRange(customers.Records.GroupBy(r => r.Segment, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Where(g => g.Key != ReportGroups.All)
                .Select(g => ((string?)"segment", g.Key, calculator.PeriodChurn(ChurnTally.FromCustomers(g.Select(r => r.Span), ChurnPeriod.Month), ChurnRateDefinition.StartBased, context.Confidence))));
        }

        var changes = ChangeFamilies.Churn(groups, context.Confidence, "chart-churn-trend").Candidates();
        var summary = new List<string>
        {
            labels.Format("summary.source", customers.Source.DisplayName),
            labels.Format("summary.rows", Formatting.Count(tally.Customers), context.Level) + (tally.EffectiveAsOf is { } asOf ? $"; as of {asOf:yyyy-MM-dd}" : string.Empty),
        };
        return new ReportSection(Id, labels["section.churn"], customers.Source.DisplayName, headline, summary, charts, tables, [churnTable, cohortTable, summaryTable])
        {
            Changes = changes,
        };
    }

    private static string Month(DateOnly date) => date.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
