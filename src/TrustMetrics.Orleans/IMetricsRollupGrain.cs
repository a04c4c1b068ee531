using TrustMetrics.Churn;
using TrustMetrics.Nps;
using TrustMetrics.Survival;

namespace TrustMetrics.Orleans;

/// <summary>
/// A roll-up across keys, e.g. <c>"acme/enterprise/2026-11"</c> over the days of a month: it remembers its child keys (durable state)
/// and answers by merging the children's <see cref="MetricsSnapshot"/>s, never by re-reading raw events. Children must hold disjoint
/// events (one event id in one key), which keys by company, segment and day guarantee.
/// </summary>
[Alias("TrustMetrics.IMetricsRollupGrain")]
public interface IMetricsRollupGrain : IGrainWithStringKey
{
    /// <summary>Adds child keys (of <see cref="IMetricsGrain"/>s); adding a key twice has no effect.</summary>
    /// <param name="keys">Child keys.</param>
    [Alias("AddChildren")]
    Task AddChildren(string[] keys);

    /// <summary>The child keys, in the order first added.</summary>
    [Alias("GetChildren")]
    Task<string[]> GetChildren();

    /// <summary>The merge of the children's snapshots (fetched in parallel).</summary>
    [Alias("GetSnapshot")]
    Task<MetricsSnapshot> GetSnapshot();

    /// <summary>NPS of the merged tally with its interval.</summary>
    /// <param name="confidenceLevel">Interval level; null uses the configured default.</param>
    /// <exception cref="ArgumentException">No child has a response.</exception>
    [Alias("GetNps")]
    Task<NpsResult> GetNps(double? confidenceLevel = null);

    /// <summary>Kaplan–Meier of the merged survival tally, or null when no child has a lifetime.</summary>
    /// <param name="confidenceLevel">Interval level; null uses the configured default.</param>
    [Alias("GetSurvival")]
    Task<KaplanMeierResult?> GetSurvival(double? confidenceLevel = null);

    /// <summary>The cohort table of the merged churn tally.</summary>
    /// <param name="confidenceLevel">Interval level; null uses the configured default.</param>
    [Alias("GetCohorts")]
    Task<CohortTable> GetCohorts(double? confidenceLevel = null);
}
