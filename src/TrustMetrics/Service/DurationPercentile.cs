namespace TrustMetrics.Service;

/// <summary>One percentile of a duration distribution.</summary>
/// <param name="Probability">p in [0, 1] (0.9 for the 90th percentile).</param>
/// <param name="Value">The duration at p.</param>
public readonly record struct DurationPercentile(double Probability, TimeSpan Value);
