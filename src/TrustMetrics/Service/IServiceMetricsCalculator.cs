namespace TrustMetrics.Service;

/// <summary>
/// Complaint and support metrics: resolution and first-contact resolution rates with Wilson intervals, time to first response
/// and to resolution (mean and Hyndman–Fan percentiles, exact or from a KLL sketch), SLA attainment and the open backlog.
/// Stateless and thread-safe. Formulas and conventions: docs/voice-of-customer.md.
/// </summary>
public interface IServiceMetricsCalculator
{
    /// <summary>The metrics of a set of tickets in one pass, percentiles exact (the durations are buffered: 8 bytes per ticket).</summary>
    /// <param name="tickets">At least one ticket.</param>
    /// <param name="settings">Percentiles, type, targets, as-of time and level; null for the defaults.</param>
    /// <exception cref="ArgumentException">No tickets (each ticket checked its own times when it was built).</exception>
    ServiceResult Calculate(IEnumerable<SupportTicket> tickets, ServiceMetricsSettings? settings = null);

    /// <summary>
    /// The same metrics with percentiles from a KLL sketch of <paramref name="sketchSize"/> (memory O(k·log n) instead of O(n);
    /// rank error ≤ <see cref="Quantiles.KllSketch.RankErrorBound"/> with 99% confidence). Rates, means and SLA shares stay exact.
    /// </summary>
    /// <param name="tickets">At least one ticket.</param>
    /// <param name="settings">As for the exact overload (the percentile type does not apply).</param>
    /// <param name="sketchSize">KLL parameter k ≥ 8; larger is more accurate.</param>
    /// <param name="seed">Seed of the sketch's coin flips, so results are reproducible.</param>
    ServiceResult CalculateApproximate(IEnumerable<SupportTicket> tickets, ServiceMetricsSettings? settings = null, int sketchSize = Quantiles.KllSketch.DefaultK, ulong seed = Quantiles.KllSketch.DefaultSeed);

    /// <summary>Tickets opened at or before <paramref name="at"/> and not resolved by then (resolved after it, or not at all).</summary>
    /// <param name="tickets">Tickets.</param>
    /// <param name="at">The moment.</param>
    long OpenBacklog(IEnumerable<SupportTicket> tickets, DateTime at);
}
