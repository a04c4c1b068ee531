namespace TrustMetrics.Service;

/// <summary>
/// A distribution of durations (time to first response, to resolution, between purchases): count, mean and percentiles,
/// computed by <see cref="Method"/> ("exact-type7" for the exact Hyndman–Fan type 7, "kll" for the sketch).
/// </summary>
/// <param name="Count">Number of durations.</param>
/// <param name="Mean">Arithmetic mean (exact in both methods).</param>
/// <param name="Percentiles">The requested percentiles, in the order requested.</param>
/// <param name="Method">How the percentiles were computed.</param>
public sealed record DurationSummary(long Count, TimeSpan Mean, IReadOnlyList<DurationPercentile> Percentiles, string Method)
{
    /// <summary>The percentile at <paramref name="probability"/>, which must be one of those requested.</summary>
    /// <param name="probability">A requested probability.</param>
    /// <exception cref="ArgumentOutOfRangeException">That probability was not computed.</exception>
    public TimeSpan Percentile(double probability)
    {
        foreach (var point in Percentiles)
        {
            if (point.Probability == probability)
            {
                return point.Value;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(probability), probability,
            $"The percentile {Guard.Format(probability)} was not computed; available: {string.Join(", ", Percentiles.Select(p => Guard.Format(p.Probability)))}.");
    }
}
