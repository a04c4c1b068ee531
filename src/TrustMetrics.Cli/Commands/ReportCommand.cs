using System.CommandLine;
using System.Text.Json;
using TrustMetrics.Cli.Input;
using TrustMetrics.Cli.Output;
using TrustMetrics.Estimation;
using TrustMetrics.Nps;
using TrustMetrics.Scales;

namespace TrustMetrics.Cli.Commands;

/// <summary>
/// <c>trustmetrics report</c>: NPS, CSAT and CES of a survey file (by default the embedded sample) overall, broken down
/// by segment-like columns, and period-over-period NPS changes with Holm-adjusted p-values (the trust-breakdown check).
/// </summary>
internal static class ReportCommand
{
    private static readonly string[] DefaultBreakdowns = ["segment", "channel", "month"];

    public static Command Create(CliContext context)
    {
        var input = new Option<FileInfo?>("--input", "-i") { Description = "Survey CSV; without it the report runs on the sample survey embedded in the tool." };
        var npsColumn = new Option<string>("--nps-column") { Description = "0–10 NPS column.", DefaultValueFactory = _ => "nps" };
        var csatColumn = new Option<string>("--csat-column") { Description = "1–5 CSAT column.", DefaultValueFactory = _ => "csat" };
        var cesColumn = new Option<string>("--ces-column") { Description = "1–7 CES column.", DefaultValueFactory = _ => "ces" };
        var by = new Option<string[]>("--by") { Description = "Columns to break down by (repeatable; default: whichever of segment, channel, month exist).", AllowMultipleArgumentsPerToken = true };
        var period = new Option<string>("--period") { Description = "Column holding the period (sortable text such as 2026-04) for period-over-period changes.", DefaultValueFactory = _ => "month" };
        var common = new CommonOptions();

        var command = new Command("report", "A survey report: NPS, CSAT and CES overall and by segment, with intervals and period-over-period NPS changes.");
        command.Add(input);
        command.Add(npsColumn);
        command.Add(csatColumn);
        command.Add(cesColumn);
        command.Add(by);
        command.Add(period);
        command.Add(common.Confidence);
        command.Add(common.Format);
        // No --output here: the full report (issue 7) takes --output DIR for report.md/json/html; keep that name free.
        command.SetAction(parse =>
        {
            var settings = new Settings(
                parse.GetValue(input)?.ToString(),
                parse.GetValue(npsColumn)!,
                parse.GetValue(csatColumn)!,
                parse.GetValue(cesColumn)!,
                parse.GetValue(by) is { Length: > 0 } chosen ? chosen : null,
                parse.GetValue(period)!,
                parse.GetValue(common.Confidence));
            return CommandOutput.Run(() => SurveyReport.Build(settings), common.ParseFormat(parse), output: null, context);
        });
        return command;
    }

    /// <summary>What the report reads and how.</summary>
    internal sealed record Settings(string? Input, string NpsColumn, string CsatColumn, string CesColumn, string[]? By, string Period, double Confidence)
    {
        public IReadOnlyList<string> Breakdowns(CsvTable table) => By
            ?? DefaultBreakdowns.Where(name => table.Columns.Any(c => string.Equals(c.Trim(), name, StringComparison.OrdinalIgnoreCase))).ToArray();
    }
}
