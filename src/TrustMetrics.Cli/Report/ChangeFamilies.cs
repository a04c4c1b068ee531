using System.Globalization;
using TrustMetrics.Churn;
using TrustMetrics.Estimation;
using TrustMetrics.Service;

namespace TrustMetrics.Cli.Report;

/// <summary>
/// The period-over-period comparison families of the sections that had none before the key findings: monthly churn per segment
/// and the service rates per month and channel. Each family is adjusted with Holm over all of its comparisons.
/// </summary>
internal static class ChangeFamilies
{
    /// <summary>
    /// Start-based monthly churn (lost among the customers at the start / customers at the start) of every group, each complete
    /// month against the complete month before, with the pooled two-proportion z test and Newcombe's interval (R
    /// <c>prop.test(correct = FALSE)</c>), in percentage points. <paramref name="groups"/> holds "All" (by = null) and the segments.
    /// </summary>
    public static ChangeFamily Churn(IEnumerable<(string? By, string Group, IReadOnlyList<PeriodChurn> Periods)> groups, double level, string anchor)
    {
        var family = new ChangeFamily();
        foreach (var (by, group, periods) in groups)
        {
            var complete = periods.Where(p => p.IsComplete && p.Counts.CustomersAtStart > 0).ToList();
            for (int i = 1; i < complete.Count; i++)
            {
                var (before, after) = (complete[i - 1].Counts, complete[i].Counts);
                if (before.LastDay.AddDays(1) != after.Start)
                {
                    continue;
                }

                var test = ProportionComparison.Compare(LostFromStart(after), after.CustomersAtStart, LostFromStart(before), before.CustomersAtStart, level).Scale(100.0);
                family.Add("churn", anchor, "churn", null, by, group, Month(before.Start), Month(after.Start),
                    100.0 * LostFromStart(before) / before.CustomersAtStart, 100.0 * LostFromStart(after) / after.CustomersAtStart, test, higherIsBetter: false,
                    FindingUnit.PercentagePoints);
            }
        }

        return family;
    }

    /// <summary>
    /// Service rates of every group month over month (by the month the ticket was opened): first-contact resolution (among
    /// tickets with the flag recorded), first response within <paramref name="responseTarget"/> and resolution within
    /// <paramref name="resolutionTarget"/> (among tickets whose outcome is known at <paramref name="asOf"/>: a step done in time
    /// met the target, a step done late or still open past the target missed it — the rule of <see cref="ServiceMetricsCalculator"/>),
    /// each with the two-proportion z test and Newcombe's interval in percentage points.
    /// </summary>
    public static ChangeFamily Service(IEnumerable<(string? By, string Group, string Month, SupportTicket Ticket)> tickets, TimeSpan responseTarget,
        TimeSpan resolutionTarget, DateTime asOf, double level, string anchor)
    {
        var family = new ChangeFamily();
        var cells = tickets.GroupBy(t => (t.By, t.Group))
            .OrderBy(g => g.Key.By is null ? 0 : 1).ThenBy(g => g.Key.By, StringComparer.Ordinal).ThenBy(g => g.Key.Group, StringComparer.Ordinal);
        foreach (var group in cells)
        {
            var months = group.GroupBy(t => t.Month, StringComparer.Ordinal).OrderBy(m => m.Key, StringComparer.Ordinal)
                .Select(m => (Month: m.Key, Counts: ServiceCounts.Of(m.Select(t => t.Ticket), responseTarget, resolutionTarget, asOf))).ToList();
            for (int i = 1; i < months.Count; i++)
            {
                var (before, after) = (months[i - 1], months[i]);
                Add("firstContactResolution", null, before.Counts.FirstContact, after.Counts.FirstContact);
                Add("firstResponseSla", Hours(responseTarget), before.Counts.ResponseSla, after.Counts.ResponseSla);
                Add("resolutionSla", Hours(resolutionTarget), before.Counts.ResolutionSla, after.Counts.ResolutionSla);

                void Add(string metric, string? measure, (long Met, long Decided) first, (long Met, long Decided) second)
                {
                    if (first.Decided == 0 || second.Decided == 0)
                    {
                        return;
                    }

                    var test = ProportionComparison.Compare(second.Met, second.Decided, first.Met, first.Decided, level).Scale(100.0);
                    family.Add("service", anchor, metric, measure, group.Key.By, group.Key.Group, before.Month, after.Month,
                        100.0 * first.Met / first.Decided, 100.0 * second.Met / second.Decided, test, higherIsBetter: true, FindingUnit.PercentagePoints);
                }
            }
        }

        return family;
    }

    private static long LostFromStart(ChurnPeriodCounts counts) => counts.Lost - counts.LostAcquiredInPeriod;

    private static string Month(DateOnly date) => date.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static string Hours(TimeSpan target) => target.TotalHours.ToString("0.##", CultureInfo.InvariantCulture);
}

/// <summary>Success and decided counts of the three service rates for one set of tickets (the rule of <see cref="ServiceMetricsCalculator"/>).</summary>
internal readonly record struct ServiceCounts((long Met, long Decided) FirstContact, (long Met, long Decided) ResponseSla, (long Met, long Decided) ResolutionSla)
{
    public static ServiceCounts Of(IEnumerable<SupportTicket> tickets, TimeSpan responseTarget, TimeSpan resolutionTarget, DateTime asOf)
    {
        long fcrMet = 0, fcrKnown = 0, responseMet = 0, responseDecided = 0, resolutionMet = 0, resolutionDecided = 0;
        foreach (var ticket in tickets)
        {
            if (ticket.ResolvedOnFirstContact is bool first)
            {
                fcrKnown++;
                fcrMet += first ? 1 : 0;
            }

            Step(ticket.FirstResponse, responseTarget, ref responseMet, ref responseDecided);
            Step(ticket.Resolved, resolutionTarget, ref resolutionMet, ref resolutionDecided);

            void Step(DateTime? done, TimeSpan target, ref long met, ref long decided)
            {
                if (done is DateTime at)
                {
                    decided++;
                    met += at - ticket.Opened <= target ? 1 : 0;
                }
                else if (asOf - ticket.Opened > target)
                {
                    decided++;
                }
            }
        }

        return new ServiceCounts((fcrMet, fcrKnown), (responseMet, responseDecided), (resolutionMet, resolutionDecided));
    }
}
