namespace TrustMetrics.Orleans;

/// <summary>
/// An alert raised by a key's monitor: which monitor, at which response, and the metric's estimate with its confidence sequence at
/// that moment. <see cref="Id"/> (key and sequence number) is stable: a consumer that sees an alert again (stream delivery is
/// at-least-once across silo failures) recognises it.
/// </summary>
/// <param name="Key">The grain key that raised it.</param>
/// <param name="Sequence">1, 2, … per key, in the order raised.</param>
/// <param name="Metric">The metric monitored.</param>
/// <param name="Detector">The monitor that fired.</param>
/// <param name="EventId">Event id of the response that raised it.</param>
/// <param name="At">Its position in the key's monitored responses (1 = the first response after the baseline).</param>
/// <param name="ChangeAt">For the change detector, the estimated change point (position, as <paramref name="At"/>); null for the anytime-valid test.</param>
/// <param name="BaselineMean">The metric's baseline mean (NPS on −1…1).</param>
/// <param name="Estimate">For the change detector the mean since the estimated change; for the anytime-valid test the mean of the monitored responses.</param>
/// <param name="Lower">Lower end of the metric's confidence sequence (monitored responses, level 1 − α) when raised.</param>
/// <param name="Upper">Upper end of that confidence sequence.</param>
/// <param name="ChangeSize">For the change detector, <paramref name="Estimate"/> − <paramref name="BaselineMean"/>; null for the anytime-valid test.</param>
/// <param name="RaisedAt">Wall-clock time (UTC) of the silo when raised.</param>
[GenerateSerializer, Immutable, Alias("TrustMetrics.MonitorAlert")]
public sealed record MonitorAlert(
    [property: Id(0)] string Key,
    [property: Id(1)] long Sequence,
    [property: Id(2)] MonitoredMetric Metric,
    [property: Id(3)] MonitorDetector Detector,
    [property: Id(4)] string EventId,
    [property: Id(5)] long At,
    [property: Id(6)] long? ChangeAt,
    [property: Id(7)] double BaselineMean,
    [property: Id(8)] double Estimate,
    [property: Id(9)] double Lower,
    [property: Id(10)] double Upper,
    [property: Id(11)] double? ChangeSize,
    [property: Id(12)] DateTimeOffset RaisedAt)
{
    /// <summary>"key#sequence": unique per alert in a cluster.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Id => $"{Key}#{Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}
