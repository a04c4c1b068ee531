using Microsoft.DotNet.Interactive.Formatting;
using TrustMetrics.Estimation;
using TrustMetrics.Presentation;

namespace TrustMetrics.Service;

/// <summary>
/// Support and complaint metrics of a set of tickets (docs/voice-of-customer.md). Rates are shares in [0, 1] with Wilson
/// intervals. Unresolved tickets count in the resolution rate (as not resolved) and are left out of the resolution times,
/// which therefore describe resolved tickets only (biased short while many are open; see the docs for the survival alternative).
/// Rendered as a measure/value table by <see cref="ResultFormatter"/>.
/// </summary>
[TypeFormatterSource(typeof(NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed class ServiceResult : ITabularResult
{
    internal ServiceResult(long tickets, long resolved, Estimate resolutionRate, Estimate? firstContactResolution, DurationSummary? timeToFirstResponse,
        DurationSummary? timeToResolution, Estimate? firstResponseSlaAttainment, Estimate? resolutionSlaAttainment, DateTime asOf, long openBacklog)
    {
        Tickets = tickets;
        Resolved = resolved;
        ResolutionRate = resolutionRate;
        FirstContactResolution = firstContactResolution;
        TimeToFirstResponse = timeToFirstResponse;
        TimeToResolution = timeToResolution;
        FirstResponseSlaAttainment = firstResponseSlaAttainment;
        ResolutionSlaAttainment = resolutionSlaAttainment;
        AsOf = asOf;
        OpenBacklog = openBacklog;
    }

    /// <summary>Number of tickets n.</summary>
    public long Tickets { get; }

    /// <summary>Tickets with a resolution time.</summary>
    public long Resolved { get; }

    /// <summary>Resolved / n, with its interval.</summary>
    public Estimate ResolutionRate { get; }

    /// <summary>Resolved on first contact / tickets with the flag recorded; null when no ticket has it.</summary>
    public Estimate? FirstContactResolution { get; }

    /// <summary>Opened → first response over answered tickets; null when none is answered.</summary>
    public DurationSummary? TimeToFirstResponse { get; }

    /// <summary>Opened → resolved over resolved tickets; null when none is resolved.</summary>
    public DurationSummary? TimeToResolution { get; }

    /// <summary>Share answered within the target among tickets whose outcome is known at <see cref="AsOf"/>; null without a target or such tickets.</summary>
    public Estimate? FirstResponseSlaAttainment { get; }

    /// <summary>Share resolved within the target among tickets whose outcome is known at <see cref="AsOf"/>; null without a target or such tickets.</summary>
    public Estimate? ResolutionSlaAttainment { get; }

    /// <summary>The moment open tickets were judged at.</summary>
    public DateTime AsOf { get; }

    /// <summary>Tickets opened at or before <see cref="AsOf"/> and not resolved by then.</summary>
    public long OpenBacklog { get; }

    /// <summary>Tickets without a resolution time.</summary>
    public long Unresolved => Tickets - Resolved;

    /// <summary>"3,000 tickets: resolved 99.5% [99.2%, 99.7%], median first response 2.1 h, median resolution 14 h, backlog 15", invariant culture.</summary>
    public override string ToString() =>
        $"{InvariantText.Count(Tickets)} tickets: resolved {InvariantText.Percent(ResolutionRate.Value)} [{InvariantText.PercentBounds(ResolutionRate.Interval).Replace(" to ", ", ", StringComparison.Ordinal)}]" +
        (Median(TimeToFirstResponse) is { } response ? $", median first response {InvariantText.Duration(response)}" : "") +
        (Median(TimeToResolution) is { } resolution ? $", median resolution {InvariantText.Duration(resolution)}" : "") +
        $", backlog {InvariantText.Count(OpenBacklog)}";

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

    private static TimeSpan? Median(DurationSummary? summary) => summary?.Find(0.5);

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
