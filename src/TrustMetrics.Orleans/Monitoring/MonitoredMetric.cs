namespace TrustMetrics.Orleans;

/// <summary>What a key's monitor watches in its survey responses (0–10 scores); every one is watched for a drop.</summary>
public enum MonitoredMetric
{
    /// <summary>NPS as the mean of −1 (0–6), 0 (7–8), +1 (9–10) per answer, on [−1, 1] (×100 for points).</summary>
    Nps,

    /// <summary>The promoter share (top box, 9–10) as the mean of 0/1 per answer, on [0, 1].</summary>
    PromoterShare,

    /// <summary>The mean 0–10 score, on [0, 10].</summary>
    MeanScore,
}

/// <summary>Which monitor raised a <see cref="MonitorAlert"/>.</summary>
public enum MonitorDetector
{
    /// <summary>
    /// The anytime-valid test "the metric has fallen below its baseline" (<see cref="TrustMetrics.Monitoring.MeanDropTest"/>, a
    /// normal-mixture e-process): raised once per key and metric, the first time the e-value reaches 1/α.
    /// </summary>
    AnytimeDrop,

    /// <summary>
    /// The GLR change detector (<see cref="TrustMetrics.Monitoring.ChangeDetector.Glr"/>) over a grid of drop sizes, with the
    /// threshold for the configured ARL₀; it restarts after each alarm, so it can raise again after a later drop.
    /// </summary>
    ChangeDetector,
}
