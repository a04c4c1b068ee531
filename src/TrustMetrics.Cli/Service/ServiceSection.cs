using System.Globalization;
using TrustMetrics.Cli.Input;
using TrustMetrics.Cli.Output;
using TrustMetrics.Cli.Report.Svg;
using TrustMetrics.Cli.Report;
using TrustMetrics.Estimation;
using TrustMetrics.Service;

namespace TrustMetrics.Cli.Service;

/// <summary>
/// Support and complaints from tickets.csv (opened, first_response, resolved; optional first_contact, segment, channel): the same
/// computation as <c>trustmetrics service --opened opened --first-response first_response --resolved resolved --first-contact
/// first_contact --response-sla 4 --sla 24 [--group segment|channel]</c> — resolution and first-contact rates (Wilson), time to
/// first response and to resolution (mean, p50, p90, p95 in hours, Hyndman–Fan type 7), SLA attainment and the open backlog at
/// the latest timestamp in the file; plus p90 first-response time per month (of the local opening time) and channel.
/// </summary>
internal sealed class ServiceSection : IReportSectionBuilder
{
    /// <summary>Default first-response target: 4 hours, a common support-desk target for a first human reply.</summary>
    public const double ResponseSlaHours = 4;

    /// <summary>Default resolution target: 24 hours (resolved within a day).</summary>
    public const double ResolutionSlaHours = 24;

    private static readonly double[] Probabilities = [0.5, 0.9, 0.95];

    public string Id => "service";

    public IReadOnlyList<string> Inputs { get; } = [ReportInputs.Tickets];

    public ReportSection? Build(ReportContext context)
    {
        var labels = context.Labels;
        var source = context.Inputs[ReportInputs.Tickets]!;
        string title = labels["section.service"];
        var header = SectionInput.Header(source);
        var missing = SectionInput.Missing(header, "opened", "first_response", "resolved");
        if (missing.Count > 0)
        {
            context.Skip(Id, title, $"{source.DisplayName} lacks the column(s) {SectionInput.List(missing)} (tickets need opened, first_response and resolved).");
            return null;
        }

        var breakdowns = new[] { "segment", "channel" }.Where(c => SectionInput.Has(header, c)).ToList();
        List<TicketInput.Row> tickets;
        using (context.Progress.Start($"Reading {source.DisplayName}", "tickets"))
        {
            tickets = TicketInput.Read(source, new TicketInput.Columns("opened", "first_response", "resolved", SectionInput.Has(header, "first_contact") ? "first_contact" : null),
                breakdowns, openedMonth: true);
        }

        var asOf = tickets.Max(t => TicketInput.Latest(t.Ticket));
        var settings = new ServiceMetricsSettings
        {
            Percentiles = Probabilities, FirstResponseTarget = TimeSpan.FromHours(ResponseSlaHours), ResolutionTarget = TimeSpan.FromHours(ResolutionSlaHours),
            AsOf = asOf, ConfidenceLevel = context.Confidence,
        };
        var untargeted = new ServiceMetricsSettings { Percentiles = Probabilities, AsOf = asOf, ConfidenceLevel = context.Confidence };
        var calculator = new ServiceMetricsCalculator();
        var results = new List<(string By, string Group, ServiceResult Result)> { (ReportGroups.All, ReportGroups.All, calculator.Calculate(tickets.Select(t => t.Ticket), settings)) };
        for (int b = 0; b < breakdowns.Count; b++)
        {
            int column = b;
            results.AddRange(tickets.GroupBy(t => t.Labels[column], StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => (breakdowns[column], g.Key, calculator.Calculate(g.Select(t => t.Ticket), settings))));
        }

        // p90 first response per month and channel: the trend the percentiles by channel hide.
        int? channelColumn = breakdowns.IndexOf("channel") is int c && c >= 0 ? c : null;
        var monthly = tickets.GroupBy(t => (Month: t.OpenedMonth!, Channel: channelColumn is int cc ? t.Labels[cc] : ReportGroups.All))
            .OrderBy(g => g.Key.Month, StringComparer.Ordinal).ThenBy(g => g.Key.Channel, StringComparer.Ordinal)
            .Select(g => (g.Key.Month, g.Key.Channel, Result: calculator.Calculate(g.Select(t => t.Ticket), untargeted))).ToList();

        var overall = results[0].Result;
        var parts = new List<string> { labels.Format("headline.serviceTickets", Formatting.Count(overall.Tickets), Formatting.Number(100 * overall.ResolutionRate.Value, 1)) };
        if (overall.FirstContactResolution is { } fcr)
        {
            parts.Add(labels.Format("headline.serviceFirstContact", Formatting.Number(100 * fcr.Value, 1)));
        }

        if (overall.TimeToFirstResponse is { } response)
        {
            parts.Add(labels.Format("headline.serviceResponse", Formatting.Number(response.Percentile(0.9).TotalHours, 1)));
        }

        parts.Add(labels.Format("headline.serviceOpen", Formatting.Count(overall.OpenBacklog)));
        string headline = string.Join("; ", parts);

        // First-contact resolution and both SLA rates month over month, everyone and each segment and channel, Holm-adjusted together.
        var perMonth = tickets.Where(t => t.OpenedMonth is not null).Select(t => ((string?)null, ReportGroups.All, t.OpenedMonth!, t.Ticket))
            .Concat(breakdowns.SelectMany((by, b) => tickets.Where(t => t.OpenedMonth is not null).Select(t => ((string?)by, t.Labels[b], t.OpenedMonth!, t.Ticket))));
        var charts = Charts(context, results, monthly);
        var changes = ChangeFamilies.Service(perMonth, settings.FirstResponseTarget!.Value, settings.ResolutionTarget!.Value, asOf, context.Confidence,
            charts.Any(c => c.Id == "service-response-trend") ? "chart-service-response-trend" : Id).Candidates();
        var summary = new List<string>
        {
            labels.Format("summary.source", source.DisplayName),
            labels.Format("service.summary", Formatting.Count(overall.Tickets), asOf.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), Formatting.Count(overall.OpenBacklog)),
            labels.Format("service.slaNote", Formatting.Number(ResponseSlaHours, 0), Formatting.Number(ResolutionSlaHours, 0)),
        };
        return new ReportSection(Id, title, source.DisplayName, headline, summary, charts, Tables(context, results), Data(results, monthly))
        {
            Changes = changes,
        };
    }

    private static string Share(Estimate e) => $"{Formatting.Number(100 * e.Value, 1)}% {Formatting.Interval(e.Interval.Scale(100), 1)}";

    private static List<Table> Tables(ReportContext context, List<(string By, string Group, ServiceResult Result)> results)
    {
        var labels = context.Labels;
        static string Rate(Estimate? e) => e is Estimate v ? $"{Formatting.Number(100 * v.Value, 1)} {Formatting.Interval(v.Interval.Scale(100), 1)}" : "–";
        static string Hours(DurationSummary? d, double? p) => d is null ? "–" : Formatting.Number((p is double q ? d.Percentile(q) : d.Mean).TotalHours, 2);
        string Name((string By, string Group, ServiceResult Result) r) => r.By == ReportGroups.All ? labels["label.all"] : $"{r.By} = {r.Group}";
        return
        [
            new(labels["service.rates"], [labels["col.group"], labels["col.tickets"], labels["col.backlog"], labels.Format("col.resolvedPct", context.Level), labels["col.firstContactPct"],
                    labels.Format("col.responseSlaPct", Formatting.Number(ResponseSlaHours, 0)), labels.Format("col.resolutionSlaPct", Formatting.Number(ResolutionSlaHours, 0))],
                results.Select(r => (IReadOnlyList<string>)
                [
                    Name(r), Formatting.Count(r.Result.Tickets), Formatting.Count(r.Result.OpenBacklog), Rate(r.Result.ResolutionRate), Rate(r.Result.FirstContactResolution),
                    Rate(r.Result.FirstResponseSlaAttainment), Rate(r.Result.ResolutionSlaAttainment),
                ]).ToList(), [labels["service.ratesNote"]]),
            new(labels["service.times"], [labels["col.group"], labels["col.responseMean"], "p50", "p90", "p95", labels["col.resolutionMean"], "p50", "p90", "p95"],
                results.Select(r => (IReadOnlyList<string>)
                [
                    Name(r), Hours(r.Result.TimeToFirstResponse, null), Hours(r.Result.TimeToFirstResponse, 0.5), Hours(r.Result.TimeToFirstResponse, 0.9),
                    Hours(r.Result.TimeToFirstResponse, 0.95), Hours(r.Result.TimeToResolution, null), Hours(r.Result.TimeToResolution, 0.5),
                    Hours(r.Result.TimeToResolution, 0.9), Hours(r.Result.TimeToResolution, 0.95),
                ]).ToList(), [labels["service.timesNote"]]),
        ];
    }

    private static List<ReportChart> Charts(ReportContext context, List<(string By, string Group, ServiceResult Result)> results,
        List<(string Month, string Channel, ServiceResult Result)> monthly)
    {
        var labels = context.Labels;
        var charts = new List<ReportChart>();
        string by = results.Any(r => r.By == "channel") ? "channel" : results.Any(r => r.By != ReportGroups.All) ? results.First(r => r.By != ReportGroups.All).By : ReportGroups.All;
        var rows = results.Where(r => r.By == by).Take(12).ToList();
        foreach (var (id, key, pick) in new (string, string, Func<ServiceResult, DurationSummary?>)[]
        {
            ("service-response-times", "chart.responseTimes", r => r.TimeToFirstResponse),
            ("service-resolution-times", "chart.resolutionTimes", r => r.TimeToResolution),
        })
        {
            string title = labels.Format(key, by);
            var series = Probabilities.Select(p => new BarSeries(VocPercentile(p), rows.Select(r => pick(r.Result) is { } d ? d.Percentile(p).TotalHours : double.NaN).ToList())).ToList();
            charts.Add(new ReportChart(id, title, HorizontalBarChart.Render(title, rows.Select(r => r.Group).ToList(), series, labels["axis.hours"])));
        }

        var months = monthly.Select(m => m.Month).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (months.Count > 1)
        {
            var channels = monthly.Select(m => m.Channel).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Take(8).ToList();
            var lines = channels.Select(ch => new LineSeries(ch, months.Select(m =>
                monthly.FirstOrDefault(x => x.Month == m && x.Channel == ch).Result?.TimeToFirstResponse is { } d ? d.Percentile(0.9).TotalHours : double.NaN).ToList())).ToList();
            string title = labels["chart.responseTrend"];
            charts.Add(new ReportChart("service-response-trend", title, LineChart.Render(title, months, lines, labels["axis.hours"], "month", yMin: 0)));
        }

        return charts;
    }

    private static string VocPercentile(double p) => VocJson.PercentileName(p);

    private static List<DataTable> Data(List<(string By, string Group, ServiceResult Result)> results, List<(string Month, string Channel, ServiceResult Result)> monthly)
    {
        var rates = new DataTable("service_rates", "by", "group", "n", "resolved", "unresolved", "openBacklog", "asOf",
            "resolutionRate", "resolutionRateLower", "resolutionRateUpper", "firstContactResolution", "firstContactResolutionLower", "firstContactResolutionUpper",
            "firstResponseSlaHours", "firstResponseSlaAttainment", "firstResponseSlaLower", "firstResponseSlaUpper",
            "resolutionSlaHours", "resolutionSlaAttainment", "resolutionSlaLower", "resolutionSlaUpper", "level", "method");
        var times = new DataTable("service_times", "by", "group", "measure", "n", "meanHours", "p50Hours", "p90Hours", "p95Hours", "method");
        foreach (var (by, group, r) in results)
        {
            rates.Add(by, group, r.Tickets, r.Resolved, r.Unresolved, r.OpenBacklog, r.AsOf.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                r.ResolutionRate.Value, r.ResolutionRate.Interval.Lower, r.ResolutionRate.Interval.Upper,
                r.FirstContactResolution?.Value, r.FirstContactResolution?.Interval.Lower, r.FirstContactResolution?.Interval.Upper,
                ResponseSlaHours, r.FirstResponseSlaAttainment?.Value, r.FirstResponseSlaAttainment?.Interval.Lower, r.FirstResponseSlaAttainment?.Interval.Upper,
                ResolutionSlaHours, r.ResolutionSlaAttainment?.Value, r.ResolutionSlaAttainment?.Interval.Lower, r.ResolutionSlaAttainment?.Interval.Upper,
                r.ResolutionRate.Interval.Level, r.ResolutionRate.Interval.Method);
            foreach (var (measure, d) in new[] { ("timeToFirstResponse", r.TimeToFirstResponse), ("timeToResolution", r.TimeToResolution) })
            {
                times.Add(by, group, measure, d?.Count ?? 0, d?.Mean.TotalHours, d?.Percentile(0.5).TotalHours, d?.Percentile(0.9).TotalHours, d?.Percentile(0.95).TotalHours, d?.Method);
            }
        }

        var trend = new DataTable("service_monthly", "month", "channel", "n", "firstResponseP90Hours", "resolutionP90Hours");
        foreach (var (month, channel, r) in monthly)
        {
            trend.Add(month, channel, r.Tickets, r.TimeToFirstResponse?.Percentile(0.9).TotalHours, r.TimeToResolution?.Percentile(0.9).TotalHours);
        }

        return [rates, times, trend];
    }
}
