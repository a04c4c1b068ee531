using Microsoft.DotNet.Interactive.Formatting;
using TrustMetrics.Presentation;

namespace TrustMetrics.Service;

/// <summary>
/// A distribution of durations (time to first response, to resolution, between purchases): count, mean and percentiles,
/// computed by <see cref="Method"/> ("exact-type7" for the exact Hyndman–Fan type 7, "kll" for the sketch). Rendered as a table by
/// <see cref="ResultFormatter"/>.
/// </summary>
[TypeFormatterSource(typeof(NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed class DurationSummary : ITabularResult
{
    private readonly DurationPercentile[] percentiles;

    internal DurationSummary(long count, TimeSpan mean, DurationPercentile[] percentiles, string method)
    {
        Count = count;
        Mean = mean;
        this.percentiles = percentiles;
        Method = method;
    }

    /// <summary>Number of durations.</summary>
    public long Count { get; }

    /// <summary>Arithmetic mean (exact in both methods).</summary>
    public TimeSpan Mean { get; }

    /// <summary>The requested percentiles, in the order requested.</summary>
    public IReadOnlyList<DurationPercentile> Percentiles => percentiles;

    /// <summary>How the percentiles were computed: "exact-typeN" (Hyndman–Fan type N) or "kll".</summary>
    public string Method { get; }

    /// <summary>The percentile at <paramref name="probability"/>, which must be one of those requested.</summary>
    /// <param name="probability">A requested probability.</param>
    /// <exception cref="ArgumentOutOfRangeException">That probability was not computed.</exception>
    public TimeSpan Percentile(double probability) =>
        Find(probability) ?? throw new ArgumentOutOfRangeException(nameof(probability), probability,
            $"The percentile {Guard.Format(probability)} was not computed; available: {string.Join(", ", percentiles.Select(p => Guard.Format(p.Probability)))}.");

    /// <summary>"n = 2,985, mean 5.2 h, P50 2.1 h, P90 12 h, P95 20 h (exact-type7)", invariant culture.</summary>
    public override string ToString() =>
        $"n = {InvariantText.Count(Count)}, mean {InvariantText.Duration(Mean)}" +
        string.Concat(percentiles.Select(p => $", {p}")) + $" ({Method})";

    /// <summary>The percentile at <paramref name="probability"/>, or null when it was not computed.</summary>
    internal TimeSpan? Find(double probability)
    {
        foreach (var point in percentiles)
        {
            if (point.Probability == probability)
            {
                return point.Value;
            }
        }

        return null;
    }

    ResultTable ITabularResult.ToTable() =>
        new ResultTable("Durations", ["n", "mean", .. percentiles.Select(p => InvariantText.PercentileLabel(p.Probability))])
            .Row([InvariantText.Count(Count), InvariantText.Duration(Mean), .. percentiles.Select(p => InvariantText.Duration(p.Value))])
            .Note($"Percentiles: {Method} (exact-typeN: Hyndman–Fan type N on every value; kll: KLL sketch, rank error within its bound).");
}
