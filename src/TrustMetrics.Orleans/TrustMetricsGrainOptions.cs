using TrustMetrics.Churn;

namespace TrustMetrics.Orleans;

/// <summary>Settings of the TrustMetrics grains, set through <see cref="TrustMetricsSiloBuilderExtensions.AddTrustMetricsGrains"/>.</summary>
public sealed class TrustMetricsGrainOptions
{
    /// <summary>The default grain storage name, "TrustMetrics".</summary>
    public const string DefaultStorageName = "TrustMetrics";

    /// <summary>Name of the grain storage provider holding the tallies (configure it on the silo: ADO.NET, Redis, memory in tests).</summary>
    public string StorageName { get; set; } = DefaultStorageName;

    /// <summary>
    /// Event ids remembered per key for de-duplication (default 1,000,000): 8 bytes each in the stored state (a 64-bit XxHash3 of
    /// the id) and about 30 bytes in memory while active. Once more ids arrive, the oldest are forgotten, and a retry of a forgotten
    /// id would count again: keep it above the number of events one key receives (keys per day bound it), or retry only recent calls.
    /// </summary>
    public int MaxRememberedEventIds { get; set; } = 1_000_000;

    /// <summary>The period kind churn and cohort tallies count in (default month); every grain of a cluster must use the same.</summary>
    public ChurnPeriod ChurnPeriod { get; set; } = ChurnPeriod.Month;

    /// <summary>The trust monitors kept per key (metrics, α, ARL₀, baseline, alert stream); default: NPS, α = 0.05, ARL₀ = 1,000,000, baseline = the first 1,000 responses, no stream.</summary>
    public TrustMonitoringOptions Monitoring { get; set; } = new();

    /// <summary>Settings of the calculators behind the queries (default confidence level, interval methods).</summary>
    public TrustMetricsOptions Calculators { get; set; } = new();
}
