namespace TrustMetrics.Orleans;

/// <summary>
/// Settings of the trust monitors a metrics grain keeps per key beside its tallies (<see cref="TrustMetricsGrainOptions.Monitoring"/>).
/// Each key learns its baseline from its first <see cref="BaselineResponses"/> counted responses, then runs, per metric, a confidence
/// sequence, the anytime-valid drop test against the baseline mean and the GLR change detector (docs/monitoring.md explains them).
/// </summary>
public sealed class TrustMonitoringOptions
{
    /// <summary>The metrics monitored per key (default NPS only); empty turns monitoring off.</summary>
    public IList<MonitoredMetric> Metrics { get; set; } = [MonitoredMetric.Nps];

    /// <summary>Error rate of the anytime-valid drop test and of the confidence sequences over a key's whole stream, in (0, 1); default 0.05.</summary>
    public double Alpha { get; set; } = 0.05;

    /// <summary>ARL₀ of the change detector: expected responses of one key to a false alarm, in [2, 10¹²]; default 1,000,000.</summary>
    public double AverageRunLength { get; set; } = 1_000_000;

    /// <summary>
    /// Responses of a key that form its baseline (default 1,000): the monitors start after them, testing for a drop below the
    /// baseline mean and detecting changes away from the baseline's distribution. The baseline's own sampling error is not
    /// propagated; a larger baseline makes it negligible.
    /// </summary>
    public int BaselineResponses { get; set; } = 1000;

    /// <summary>
    /// Name of the Orleans stream provider the alerts are published on (one stream per key: namespace
    /// <see cref="AlertStreamNamespace"/>, key = the grain's key); null (the default) publishes none, and alerts are read with
    /// <see cref="IMetricsGrain.GetAlerts"/>.
    /// </summary>
    public string? StreamProvider { get; set; }

    /// <summary>The stream namespace of the alerts (default "TrustMetrics.Alerts").</summary>
    public string AlertStreamNamespace { get; set; } = "TrustMetrics.Alerts";

    /// <summary>Alerts kept per key in the grain state (default 1,000; the oldest are dropped first, sequence numbers keep counting).</summary>
    public int MaxAlerts { get; set; } = 1000;
}
