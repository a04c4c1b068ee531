using System.CommandLine;
using System.Text.Json;
using TrustMetrics.Cli.Input;
using TrustMetrics.Cli.Output;
using TrustMetrics.Cli.Report;
using TrustMetrics.Estimation;
using TrustMetrics.Nps;
using TrustMetrics.Scales;

namespace TrustMetrics.Cli.Report;

/// <summary>
/// <c>trustmetrics report</c>: every metric family over the embedded sample company or the given files, written to a folder
/// (report.md, report.json, report.html, data/*.csv, charts/*.svg); the terminal shows the survey report (NPS, CSAT and CES
/// overall, by segment-like columns, period-over-period NPS changes with Holm-adjusted p-values) and a line per section.
/// </summary>
internal static class ReportCommand
{
    private static readonly string[] DefaultBreakdowns = ["segment", "channel", "month"];

    public static Command Create(CliContext context, IReadOnlyList<IReportSectionBuilder> builders)
    {
        var input = new Option<FileInfo?>("--survey", "--input", "-i") { Description = "Survey CSV (nps, csat, ces, segment, channel, month …)." };
        var transactions = new Option<FileInfo?>("--transactions") { Description = "Transactions CSV (customer_id, date, amount) for customer lifetime value." };
        var customers = new Option<FileInfo?>("--customers") { Description = "Customers CSV (customer_id, segment, start, end; blank end = active) for churn, cohorts and survival." };
        var tickets = new Option<FileInfo?>("--tickets") { Description = "Support tickets CSV (ticket_id, segment, channel, opened, first_response, resolved, first_contact)." };
        var reviews = new Option<FileInfo?>("--reviews") { Description = "Reviews CSV (review_id, product, month, rating, sentiment)." };
        var outputFolder = new Option<string?>("--output", "-o") { Description = "Folder for report.md, report.json, report.html, data/ and charts/ (default: a new ./trustmetrics-report-YYYYMMDD-HHMMSS)." };
        var language = new Option<string>("--lang") { Description = "Label language of the report: en or ko (Korean with the English terms).", DefaultValueFactory = _ => "en" };
        language.AcceptOnlyFromAmong([.. ReportLabels.Languages]);
        var npsColumn = new Option<string>("--nps-column") { Description = "0–10 NPS column.", DefaultValueFactory = _ => "nps" };
        var csatColumn = new Option<string>("--csat-column") { Description = "1–5 CSAT column.", DefaultValueFactory = _ => "csat" };
        var cesColumn = new Option<string>("--ces-column") { Description = "1–7 CES column.", DefaultValueFactory = _ => "ces" };
        var by = new Option<string[]>("--by") { Description = "Columns to break down by (repeatable; default: whichever of segment, channel, month exist).", AllowMultipleArgumentsPerToken = true };
        var period = new Option<string>("--period") { Description = "Column holding the period (sortable text such as 2026-04) for period-over-period changes.", DefaultValueFactory = _ => "month" };
        var common = new CommonOptions();
        var rakeOptions = new Scales.RakedSurvey.Options(); // --rake (issue 15 item 1): section in Scales/WeightingSection.cs

        var command = new Command("report", "The full report: every metric family over the embedded sample (or the files you give), written to a folder as Markdown, JSON and a self-contained HTML page with charts; without any file option every input is the embedded sample, with some only those are read.");
        command.Add(input);
        command.Add(transactions);
        command.Add(customers);
        command.Add(tickets);
        command.Add(reviews);
        command.Add(outputFolder);
        command.Add(language);
        command.Add(npsColumn);
        command.Add(csatColumn);
        command.Add(cesColumn);
        command.Add(by);
        command.Add(period);
        command.Add(common.Confidence);
        command.Add(common.Format);
        rakeOptions.AddTo(command);
        command.SetAction(parse =>
        {
            var settings = new Settings(
                parse.GetValue(input)?.ToString(),
                parse.GetValue(npsColumn)!,
                parse.GetValue(csatColumn)!,
                parse.GetValue(cesColumn)!,
                parse.GetValue(by) is { Length: > 0 } chosen ? chosen : null,
                parse.GetValue(period)!,
                parse.GetValue(common.Confidence),
                rakeOptions.Read(parse));
            var files = new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                [ReportInputs.Survey] = parse.GetValue(input)?.ToString(),
                [ReportInputs.Transactions] = parse.GetValue(transactions)?.ToString(),
                [ReportInputs.Customers] = parse.GetValue(customers)?.ToString(),
                [ReportInputs.Tickets] = parse.GetValue(tickets)?.ToString(),
                [ReportInputs.Reviews] = parse.GetValue(reviews)?.ToString(),
            };
            var request = new FullReport.Request(files, parse.GetValue(outputFolder), parse.GetValue(language)!, builders);
            return CommandOutput.Run(() => FullReport.Run(settings, request, context), common.ParseFormat(parse), output: null, context);
        });
        return command;
    }

    /// <summary>What the report reads and how.</summary>
    internal sealed record Settings(string? Input, string NpsColumn, string CsatColumn, string CesColumn, string[]? By, string Period, double Confidence, Scales.RakeRequest? Rake = null)
    {
        public IReadOnlyList<string> Breakdowns(CsvTable table) => By
            ?? DefaultBreakdowns.Where(name => table.Columns.Any(c => string.Equals(c.Trim(), name, StringComparison.OrdinalIgnoreCase))).ToArray();
    }
}
