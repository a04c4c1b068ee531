using Microsoft.DotNet.Interactive.Formatting;
using TrustMetrics.Presentation;

namespace TrustMetrics.Service;

/// <summary>
/// A distribution of durations (time to first response, to resolution, between purchases): count, mean and percentiles,
/// computed by <see cref="Method"/> ("exact-type7" for the exact Hyndman–Fan type 7, "kll" for the sketch).
/// </summary>
/// <param name="Count">Number of durations.</param>
/// <param name="Mean">Arithmetic mean (exact in both methods).</param>
/// <param name="Percentiles">The requested percentiles, in the order requested.</param>
/// <param name="Method">How the percentiles were computed.</param>
[TypeFormatterSource(typeof(NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed record DurationSummary(long Count, TimeSpan Mean, IReadOnlyList<DurationPercentile> Percentiles, string Method) : ITabularResult
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

    /// <summary>"n = 2,985, mean 5.2 h, P50 2.1 h, P90 12 h, P95 20 h (exact-type7)", invariant culture.</summary>
    public override string ToString() =>
        $"n = {InvariantText.Count(Count)}, mean {InvariantText.Duration(Mean)}" +
        string.Concat(Percentiles.Select(p => $", {InvariantText.PercentileLabel(p.Probability)} {InvariantText.Duration(p.Value)}")) + $" ({Method})";

    /// <summary>Count, mean and the percentiles as an HTML table (one well-formed <c>&lt;div&gt;</c>, text HTML-escaped, invariant culture).</summary>
    public string ToHtml() => ((ITabularResult)this).ToTable().ToHtml();

    /// <summary>The same table as <see cref="ToHtml"/> as a markdown pipe table (cells escaped, invariant culture).</summary>
    public string ToMarkdown() => ((ITabularResult)this).ToTable().ToMarkdown();

    ResultTable ITabularResult.ToTable() =>
        new ResultTable("Durations", ["n", "mean", .. Percentiles.Select(p => InvariantText.PercentileLabel(p.Probability))])
            .Row([InvariantText.Count(Count), InvariantText.Duration(Mean), .. Percentiles.Select(p => InvariantText.Duration(p.Value))])
            .Note($"Percentiles: {Method} (exact-typeN: Hyndman–Fan type N on every value; kll: KLL sketch, rank error within its bound).");
}
