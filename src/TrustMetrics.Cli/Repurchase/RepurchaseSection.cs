using System.Globalization;
using TrustMetrics.Cli.Clv;
using TrustMetrics.Cli.Input;
using TrustMetrics.Cli.Output;
using TrustMetrics.Cli.Report.Svg;
using TrustMetrics.Cli.Report;
using TrustMetrics.Clv;
using TrustMetrics.Repurchase;

namespace TrustMetrics.Cli.Repurchase;

/// <summary>
/// Repurchase from the transactions the CLV section reads (read once, shared): the same computation as
/// <c>trustmetrics repurchase --customer customer_id --date date</c> — repeat-purchase rate (bought on at least two distinct days)
/// with a Wilson interval, the days between consecutive purchase days (median and quartiles, type 7) and purchases per buying
/// customer per month.
/// </summary>
internal sealed class RepurchaseSection : IReportSectionBuilder
{
    private static readonly double[] Probabilities = [0.25, 0.5, 0.75, 0.9];

    public string Id => "repurchase";

    public IReadOnlyList<string> Inputs { get; } = [ReportInputs.Transactions];

    public ReportSection? Build(ReportContext context)
    {
        var labels = context.Labels;
        var transactions = TransactionRecords.For(context);
        var summarizer = new TransactionSummarizer<string>(transactions.End, ClvTimeUnit.Day, 1.0, StringComparer.Ordinal);
        foreach (var (id, when, amount) in transactions.Rows)
        {
            summarizer.Add(id, when, amount);
        }

        var result = new RepurchaseCalculator(new TrustMetricsOptions { ConfidenceLevel = context.Confidence }).Calculate(summarizer, ClvTimeUnit.Month);
        var gaps = result.InterPurchaseIntervals;
        string Days(double p) => gaps is null ? "–" : Formatting.Number(gaps.Percentile(p).TotalDays, 1);
        var tables = new List<Table>
        {
            new(labels["repurchase.table"], [labels["col.customers"], labels["col.repeatCustomers"], labels["col.repeatPct"], labels.Format("col.ci", context.Level),
                    labels["col.purchasesPerCustomer"], labels["col.medianDays"], "P25–P75"],
                [[
                    Formatting.Count(result.Customers), Formatting.Count(result.RepeatCustomers), Formatting.Number(100 * result.RepeatRate.Value, 1),
                    Formatting.Interval(result.RepeatRate.Interval.Scale(100), 1), Formatting.Number(result.PurchasesPerCustomer, 2), Days(0.5), $"{Days(0.25)}–{Days(0.75)}",
                ]],
                [labels["repurchase.note"]]),
        };

        var periods = result.Periods.Select(p => p.Start.ToString("yyyy-MM", CultureInfo.InvariantCulture)).ToList();
        string chartTitle = labels["chart.purchaseFrequency"];
        var charts = new List<ReportChart>
        {
            new("purchase-frequency", chartTitle, LineChart.Render(chartTitle, periods,
                [new LineSeries(labels["col.purchasesPerBuyer"], result.Periods.Select(p => p.Frequency).ToList())], labels["col.purchasesPerBuyer"], "month", yMin: 1)),
        };

        var summaryTable = new DataTable("repurchase_summary", "customers", "repeatCustomers", "repeatRate", "repeatRateStandardError", "repeatRateLower", "repeatRateUpper",
            "level", "method", "transactions", "purchasesPerCustomer", "interPurchaseN", "interPurchaseMeanDays", "interPurchaseP25Days", "interPurchaseMedianDays",
            "interPurchaseP75Days", "interPurchaseP90Days");
        summaryTable.Add([result.Customers, result.RepeatCustomers, result.RepeatRate.Value, result.RepeatRate.StandardError, result.RepeatRate.Interval.Lower,
            result.RepeatRate.Interval.Upper, result.RepeatRate.Interval.Level, result.RepeatRate.Interval.Method, result.Transactions, result.PurchasesPerCustomer,
            gaps?.Count ?? 0, gaps?.Mean.TotalDays, .. Probabilities.Select(p => (object?)gaps?.Percentile(p).TotalDays)]);
        var frequency = new DataTable("purchase_frequency", "periodStart", "customers", "purchases", "frequency");
        foreach (var p in result.Periods)
        {
            frequency.Add(p.Start, p.Customers, p.Purchases, p.Frequency);
        }

        string headline = labels.Format("headline.repurchase", Formatting.Number(100 * result.RepeatRate.Value, 1), context.Level,
            Formatting.Number(100 * result.RepeatRate.Interval.Lower, 1), Formatting.Number(100 * result.RepeatRate.Interval.Upper, 1), Formatting.Count(result.Customers))
            + (gaps is null ? string.Empty : "; " + labels.Format("headline.repurchaseGap", Days(0.5)));
        var summary = new List<string> { labels.Format("summary.source", transactions.Source.DisplayName) };
        return new ReportSection(Id, labels["section.repurchase"], transactions.Source.DisplayName, headline, summary, charts, tables, [summaryTable, frequency]);
    }
}
