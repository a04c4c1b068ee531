using TrustMetrics.Churn;
using TrustMetrics.Nps;
using TrustMetrics.Survival;

namespace TrustMetrics.Orleans;

/// <summary>
/// The accumulators of one key, e.g. <c>"acme/enterprise/2026-11-22"</c> (company, segment, day): survey responses, customer lifetimes
/// and customer records are counted into durable tallies (grain state) exactly once per event id, and queries answer from the tallies.
/// Ingestion is idempotent: retrying a call that failed or timed out never double counts (see docs/distributed.md for the window).
/// </summary>
[Alias("TrustMetrics.IMetricsGrain")]
public interface IMetricsGrain : IGrainWithStringKey
{
    /// <summary>Counts survey responses whose event id this key has not counted yet, then persists the tallies before answering.</summary>
    /// <param name="responses">Responses with scores in 0–10.</param>
    /// <exception cref="ArgumentOutOfRangeException">A score is outside 0–10 (nothing of the batch is counted).</exception>
    [Alias("AddResponses")]
    Task<IngestResult> AddResponses(SurveyResponse[] responses);

    /// <summary>Counts customer lifetimes (duration, churned) for Kaplan–Meier, once per event id.</summary>
    /// <param name="outcomes">Lifetimes with finite durations ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A duration is invalid (nothing of the batch is counted).</exception>
    [Alias("AddOutcomes")]
    Task<IngestResult> AddOutcomes(CustomerOutcome[] outcomes);

    /// <summary>Counts customer spans for period churn and cohort tables, once per event id.</summary>
    /// <param name="customers">Spans with End ≥ Start.</param>
    /// <exception cref="ArgumentException">A span ends before it starts (nothing of the batch is counted).</exception>
    [Alias("AddCustomers")]
    Task<IngestResult> AddCustomers(CustomerRecord[] customers);

    /// <summary>The key's mergeable tallies (what a roll-up merges).</summary>
    [Alias("GetSnapshot")]
    Task<MetricsSnapshot> GetSnapshot();

    /// <summary>NPS of the key with its standard error and confidence interval.</summary>
    /// <param name="confidenceLevel">Interval level; null uses the configured default (0.95).</param>
    /// <exception cref="ArgumentException">No response was counted.</exception>
    [Alias("GetNps")]
    Task<NpsResult> GetNps(double? confidenceLevel = null);

    /// <summary>The Kaplan–Meier survival table of the key's lifetimes, or null when none was counted.</summary>
    /// <param name="confidenceLevel">Interval level; null uses the configured default.</param>
    [Alias("GetSurvival")]
    Task<KaplanMeierResult?> GetSurvival(double? confidenceLevel = null);

    /// <summary>The cohort retention table of the key's customer records (empty rows when none was counted).</summary>
    /// <param name="confidenceLevel">Interval level; null uses the configured default.</param>
    [Alias("GetCohorts")]
    Task<CohortTable> GetCohorts(double? confidenceLevel = null);

    /// <summary>
    /// The alerts the key's monitors raised (<see cref="TrustMetricsGrainOptions.Monitoring"/>), oldest first, from durable state:
    /// an alert is stored with the response that raised it, before the ingestion call returns, so a silo failure loses none.
    /// </summary>
    /// <param name="afterSequence">Only alerts with a larger <see cref="MonitorAlert.Sequence"/> (0 = all kept).</param>
    [Alias("GetAlerts")]
    Task<MonitorAlert[]> GetAlerts(long afterSequence = 0);
}
