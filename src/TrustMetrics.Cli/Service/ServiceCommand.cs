using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using TrustMetrics.Cli.Input;
using TrustMetrics.Cli.Output;
using TrustMetrics.Cli.Report;
using TrustMetrics.Quantiles;
using TrustMetrics.Service;

namespace TrustMetrics.Cli.Service;

/// <summary>
/// <c>trustmetrics service</c>: complaint and support metrics from one row per ticket — resolution and first-contact resolution
/// rates (Wilson), time to first response and to resolution (mean and percentiles, in hours), SLA attainment and the open backlog.
/// </summary>
internal static class ServiceCommand
{
    private static readonly double[] Probabilities = [0.5, 0.9, 0.95];

    public static Command Create(CliContext context)
    {
        var common = new CommonOptions();
        var opened = new Option<string>("--opened") { Description = "Column with the time the ticket was opened (ISO 8601 date or date-time).", Required = true };
        var firstResponse = new Option<string>("--first-response") { Description = "Column with the first response time; blank = not yet answered.", Required = true };
        var resolved = new Option<string>("--resolved") { Description = "Column with the resolution time; blank = still open.", Required = true };
        var firstContact = new Option<string?>("--first-contact") { Description = "Column flagging resolution on first contact (1/0, true/false, yes/no; blank = not recorded)." };
        var sla = new Option<double?>("--sla") { Description = "Resolution target in hours: slaAttainment = share resolved within it." };
        var responseSla = new Option<double?>("--response-sla") { Description = "First-response target in hours: firstResponseSlaAttainment." };
        var type = new Option<int>("--percentile-type") { Description = "Hyndman–Fan percentile definition 1–9 (7 = R/numpy/Excel default).", DefaultValueFactory = _ => 7 };
        var asOf = new Option<string?>("--as-of") { Description = "Moment open tickets are judged at and the backlog is counted (default: the latest timestamp in the file)." };
        var approximate = new Option<bool>("--approximate") { Description = "Percentiles from a KLL sketch (k = 200) instead of exact, for very large files." };

        var command = new Command("service", "Support and complaint metrics: resolution rates, response and resolution times (hours), SLA attainment, backlog.");
        command.Add(common.Input);
        command.Add(opened);
        command.Add(firstResponse);
        command.Add(resolved);
        command.Add(firstContact);
        command.Add(sla);
        command.Add(responseSla);
        command.Add(type);
        command.Add(asOf);
        command.Add(approximate);
        command.Add(common.Group);
        command.Add(common.Confidence);
        command.Add(common.Format);
        command.Add(common.Output);
        command.SetAction(parse =>
        {
            var request = new Request(parse.GetRequiredValue(common.Input).ToString(), parse.GetRequiredValue(opened), parse.GetRequiredValue(firstResponse),
                parse.GetRequiredValue(resolved), parse.GetValue(firstContact), parse.GetValue(sla), parse.GetValue(responseSla), parse.GetValue(type),
                parse.GetValue(asOf), parse.GetValue(approximate), parse.GetValue(common.Group), parse.GetValue(common.Confidence));
            return CommandOutput.Run(() => Execute(request), common.ParseFormat(parse), parse.GetValue(common.Output), context);
        });
        return command;
    }

    private sealed record Request(string Input, string Opened, string FirstResponse, string Resolved, string? FirstContact, double? Sla, double? ResponseSla,
        int PercentileType, string? AsOf, bool Approximate, string? Group, double Confidence);

    private static CommandOutput.Result Execute(Request request)
    {
        if (request.PercentileType is < 1 or > 9)
        {
            throw new CommandLineException($"--percentile-type must be one of 1–9 (Hyndman–Fan); got {request.PercentileType}.");
        }

        TimeSpan? responseTarget = Hours(request.ResponseSla, "--response-sla"), resolutionTarget = Hours(request.Sla, "--sla");
        DateTime? asOf = null;
        if (request.AsOf is string text)
        {
            asOf = Dates.Option("--as-of", text).UtcDateTime;
        }

        var source = SurveySource.FromFile(request.Input);
        var tickets = TicketInput.Read(source, new TicketInput.Columns(request.Opened, request.FirstResponse, request.Resolved, request.FirstContact),
                request.Group is null ? [] : [request.Group])
            .Select(r => (Group: request.Group is null ? string.Empty : r.Labels[0], r.Ticket)).ToList();

        // One as-of moment for every group: the latest timestamp in the whole file unless given.
        asOf ??= tickets.Max(t => TicketInput.Latest(t.Ticket));
        var settings = new ServiceMetricsSettings
        {
            Percentiles = Probabilities, PercentileType = (QuantileType)request.PercentileType,
            FirstResponseTarget = responseTarget, ResolutionTarget = resolutionTarget, AsOf = asOf, ConfidenceLevel = request.Confidence,
        };
        var calculator = new ServiceMetricsCalculator();
        ServiceResult Compute(IEnumerable<SupportTicket> some) =>
            request.Approximate ? calculator.CalculateApproximate(some, settings) : calculator.Calculate(some, settings);

        var overall = Compute(tickets.Select(t => t.Ticket));
        var groupRows = request.Group is null ? []
            : tickets.GroupBy(t => t.Group, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => (g.Key, Result: Compute(g.Select(t => t.Ticket)))).ToList();

        var document = Render(request, source, overall, groupRows);

        void Write(Utf8JsonWriter json, ServiceResult r)
        {
            json.WriteNumber("n", r.Tickets);
            json.WriteNumber("resolved", r.Resolved);
            json.WriteNumber("unresolved", r.Unresolved);
            VocJson.Flat(json, "resolutionRate", r.ResolutionRate);
            VocJson.Flat(json, "firstContactResolution", r.FirstContactResolution);
            VocJson.Durations(json, "timeToFirstResponse", r.TimeToFirstResponse, Probabilities, t => t.TotalHours);
            VocJson.Durations(json, "timeToResolution", r.TimeToResolution, Probabilities, t => t.TotalHours);
            VocJson.Flat(json, "slaAttainment", r.ResolutionSlaAttainment);
            VocJson.Flat(json, "firstResponseSlaAttainment", r.FirstResponseSlaAttainment);
            json.WriteNumber("openBacklog", r.OpenBacklog);
        }

        void WriteJson(Utf8JsonWriter json)
        {
            json.WriteStartObject();
            json.WriteString("metric", "service");
            json.WriteString("source", source.DisplayName);
            json.WriteString("unit", "hours");
            json.WriteNumber("percentileType", request.PercentileType);
            MetricJson.Number(json, "slaHours", request.Sla);
            MetricJson.Number(json, "responseSlaHours", request.ResponseSla);
            json.WriteString("asOf", asOf.Value.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
            Write(json, overall);
            if (request.Group is not null)
            {
                MetricJson.Groups(json, request.Group, groupRows, Write);
            }

            json.WriteEndObject();
        }

        return new CommandOutput.Result(document, WriteJson);
    }

    private static Document Render(Request request, SurveySource source, ServiceResult overall, List<(string Key, ServiceResult Result)> groups)
    {
        string level = Formatting.Level(request.Confidence);
        static string Share(Estimation.Estimate? e) => e is Estimation.Estimate v ? $"{Formatting.Number(v.Value * 100, 1)} {Formatting.Interval(v.Interval.Scale(100), 1)}" : "–";
        static string Hours(DurationSummary? d, double p) => d is null ? "–" : Formatting.Number(d.Percentile(p).TotalHours, 1);
        static string Mean(DurationSummary? d) => d is null ? "–" : Formatting.Number(d.Mean.TotalHours, 1);

        var all = new List<(string Name, ServiceResult R)> { ("All", overall) };
        all.AddRange(groups);
        var rates = new Table(request.Group is null ? "Rates" : $"Rates by {request.Group}",
            [request.Group ?? "Sample", "Tickets", "Open", $"Resolved % ({level} CI)", "First contact %", "SLA met %", "Response SLA %"],
            all.Select(x => (IReadOnlyList<string>)[
                x.Name, Formatting.Count(x.R.Tickets), Formatting.Count(x.R.OpenBacklog), Share(x.R.ResolutionRate), Share(x.R.FirstContactResolution),
                Share(x.R.ResolutionSlaAttainment), Share(x.R.FirstResponseSlaAttainment)]).ToList(),
            ["Wilson intervals. Unresolved tickets count in the resolution rate and are left out of resolution times; an open ticket misses the SLA once older than the target."]);
        var times = new Table("Times (hours)",
            [request.Group ?? "Sample", "Response mean", "p50", "p90", "p95", "Resolution mean", "p50", "p90", "p95"],
            all.Select(x => (IReadOnlyList<string>)[
                x.Name, Mean(x.R.TimeToFirstResponse), Hours(x.R.TimeToFirstResponse, 0.5), Hours(x.R.TimeToFirstResponse, 0.9), Hours(x.R.TimeToFirstResponse, 0.95),
                Mean(x.R.TimeToResolution), Hours(x.R.TimeToResolution, 0.5), Hours(x.R.TimeToResolution, 0.9), Hours(x.R.TimeToResolution, 0.95)]).ToList(),
            [request.Approximate ? "Percentiles from a KLL sketch (k = 200)." : $"Exact percentiles, Hyndman–Fan type {request.PercentileType}."]);
        return new Document("Service and complaints", [
            $"Source: {source.DisplayName}",
            $"Tickets: {Formatting.Count(overall.Tickets)}, as of {overall.AsOf.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC",
        ], [rates, times]);
    }

    private static TimeSpan? Hours(double? hours, string option)
    {
        if (hours is not double h)
        {
            return null;
        }

        return h > 0 && double.IsFinite(h) ? TimeSpan.FromHours(h)
            : throw new InputException($"{option} must be a positive number of hours; got {h.ToString(CultureInfo.InvariantCulture)}.");
    }
}
