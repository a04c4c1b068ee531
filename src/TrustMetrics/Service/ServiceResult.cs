using TrustMetrics.Estimation;

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
    long OpenBacklog)
{
    /// <summary>Tickets without a resolution time.</summary>
    public long Unresolved => Tickets - Resolved;
}
