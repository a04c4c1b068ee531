using Microsoft.DotNet.Interactive.Formatting;
using TrustMetrics.Estimation;
using TrustMetrics.Presentation;

namespace TrustMetrics.Service;

/// <summary>
/// Support and complaint metrics of a set of tickets (docs/voice-of-customer.md). Rates are shares in [0, 1] with Wilson
/// intervals. Unresolved tickets count in the resolution rate (as not resolved) and are left out of the resolution times,
/// which therefore describe resolved tickets only (biased short while many are open; see the docs for the survival alternative).
/// </summary>
/// <param name="Tickets">Number of tickets n.</param>
/// <param name="Resolved">Tickets with a resolution time.</param>
/// <param name="ResolutionRate">Resolved / n.</param>
/// <param name="FirstContactResolution">Resolved on first contact / tickets with the flag recorded; null when no ticket has it.</param>
/// <param name="TimeToFirstResponse">Opened → first response over answered tickets; null when none is answered.</param>
/// <param name="TimeToResolution">Opened → resolved over resolved tickets; null when none is resolved.</param>
/// <param name="FirstResponseSlaAttainment">Share answered within the target among tickets whose outcome is known at <paramref name="AsOf"/>; null without a target or such tickets.</param>
/// <param name="ResolutionSlaAttainment">Share resolved within the target among tickets whose outcome is known at <paramref name="AsOf"/>; null without a target or such tickets.</param>
/// <param name="AsOf">The moment open tickets were judged at.</param>
/// <param name="OpenBacklog">Tickets opened at or before <paramref name="AsOf"/> and not resolved by then.</param>
[TypeFormatterSource(typeof(NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed record ServiceResult(
    long Tickets,
    long Resolved,
    Estimate ResolutionRate,
    Estimate? FirstContactResolution,
    DurationSummary? TimeToFirstResponse,
    DurationSummary? TimeToResolution,
    Estimate? FirstResponseSlaAttainment,
    Estimate? ResolutionSlaAttainment,
    DateTime AsOf,
    long OpenBacklog) : ITabularResult
{
    /// <summary>Tickets without a resolution time.</summary>
    public long Unresolved => Tickets - Resolved;

    /// <summary>"3,000 tickets: resolved 99.5% [99.2%, 99.7%], median first response 2.1 h, median resolution 14 h, backlog 15", invariant culture.</summary>
    public override string ToString() =>
        $"{InvariantText.Count(Tickets)} tickets: resolved {InvariantText.Percent(ResolutionRate.Value)} [{InvariantText.PercentBounds(ResolutionRate.Interval).Replace(" to ", ", ", StringComparison.Ordinal)}]" +
        (Median(TimeToFirstResponse) is { } response ? $", median first response {InvariantText.Duration(response)}" : "") +
        (Median(TimeToResolution) is { } resolution ? $", median resolution {InvariantText.Duration(resolution)}" : "") +
        $", backlog {InvariantText.Count(OpenBacklog)}";

    /// <summary>
    /// Rates with their intervals, then each duration's mean and percentiles, then the backlog, as a measure/value table in HTML
    /// (one well-formed <c>&lt;div&gt;</c>, text HTML-escaped, invariant culture).
    /// </summary>
    public string ToHtml() => ((ITabularResult)this).ToTable().ToHtml();

    /// <summary>The same table as <see cref="ToHtml"/> as a markdown pipe table (cells escaped, invariant culture).</summary>
    public string ToMarkdown() => ((ITabularResult)this).ToTable().ToMarkdown();

    ResultTable ITabularResult.ToTable()
    {
        var table = new ResultTable("Complaints and support", "measure", "value", InvariantText.IntervalHeader(ResolutionRate.Interval));
        Rate(table, "resolution rate", ResolutionRate);
        Rate(table, "first-contact resolution", FirstContactResolution);
        Rate(table, "first-response SLA attainment", FirstResponseSlaAttainment);
        Rate(table, "resolution SLA attainment", ResolutionSlaAttainment);
        Times(table, "time to first response", TimeToFirstResponse);
        Times(table, "time to resolution", TimeToResolution);
        table.Row("open backlog", InvariantText.Count(OpenBacklog), "–");
        table.Note($"{InvariantText.Count(Tickets)} tickets, {InvariantText.Count(Resolved)} resolved, {InvariantText.Count(Unresolved)} unresolved, as of " +
            $"{AsOf.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)}{(AsOf.Kind == DateTimeKind.Utc ? " UTC" : "")}. Rates: {ResolutionRate.Interval.Method} intervals.");
        return Unresolved > 0
            ? table.Note("Resolution times describe resolved tickets only, so they run short while tickets are open (Kaplan–Meier treats open tickets as censored).")
            : table;
    }

    private static TimeSpan? Median(DurationSummary? summary) =>
        summary?.Percentiles.Where(p => p.Probability == 0.5).Select(p => (TimeSpan?)p.Value).FirstOrDefault();

    private static void Rate(ResultTable table, string name, Estimate? rate)
    {
        if (rate is { } r)
        {
            table.Row(name, InvariantText.Percent(r.Value), InvariantText.PercentBounds(r.Interval));
        }
    }

    private static void Times(ResultTable table, string name, DurationSummary? summary)
    {
        if (summary is null)
        {
            return;
        }

        table.Row($"{name}, mean (n = {InvariantText.Count(summary.Count)})", InvariantText.Duration(summary.Mean), "–");
        foreach (var p in summary.Percentiles)
        {
            table.Row($"{name}, {InvariantText.PercentileLabel(p.Probability)} ({summary.Method})", InvariantText.Duration(p.Value), "–");
        }
    }
}
