using Microsoft.DotNet.Interactive.Formatting;
using TrustMetrics.Estimation;
using TrustMetrics.Presentation;

namespace TrustMetrics.TrustIndex;

/// <summary>
/// The trust index of a survey: the 0–100 index of all respondents with a seeded bootstrap interval, each dimension's score
/// and reliability, the same per segment, and — when asked for — key drivers of the outcome and the sensitivity analysis.
/// </summary>
/// <param name="RespondentCount">Rows in the survey.</param>
/// <param name="UsedCount">Rows with at least one dimension score (all dimensions under listwise deletion).</param>
/// <param name="Index">The index with its bootstrap standard error and percentile interval (NaN when replicates = 0).</param>
/// <param name="Dimensions">Per dimension, in model order.</param>
/// <param name="Segments">Per segment in ordinal label order; empty when the survey has no segments.</param>
/// <param name="KeyDrivers">Key-driver analysis of the survey's outcome on the dimension scores; null without an outcome.</param>
/// <param name="Sensitivity">Uncertainty and sensitivity analysis; null unless requested.</param>
/// <param name="Options">The options used (validated; the confidence level filled in).</param>
/// <param name="Warnings">Human-readable warnings: low alpha, undefined alpha, dimensions without answers.</param>
[TypeFormatterSource(typeof(NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed record TrustIndexResult(
    long RespondentCount,
    long UsedCount,
    Estimate Index,
    IReadOnlyList<DimensionResult> Dimensions,
    IReadOnlyList<TrustSegmentResult> Segments,
    KeyDriverResult? KeyDrivers,
    SensitivityResult? Sensitivity,
    TrustIndexOptions Options,
    IReadOnlyList<string> Warnings) : ITabularResult
{
    /// <summary>
    /// "Trust index 72.3 [71.6, 73.0] (95% bootstrap-percentile, n = 4,000; 5 dimensions, 3 segments, 1 warning)", invariant culture.
    /// </summary>
    public override string ToString() =>
        $"Trust index {TrustIndexTables.ScoreWithInterval(Index)} ({InvariantText.Level(Index.Interval.Level)} {Index.Interval.Method}, " +
        $"n = {InvariantText.Count(UsedCount)}; {InvariantText.Count(Dimensions.Count)} dimensions" +
        (Segments.Count > 0 ? $", {InvariantText.Count(Segments.Count)} segments" : "") +
        (Warnings.Count > 0 ? $", {InvariantText.Count(Warnings.Count)} warning{(Warnings.Count == 1 ? "" : "s")})" : ")");

    /// <summary>
    /// The index and each dimension (score, SE, interval, weight, mean answer, Cronbach's alpha, n), with the segments, key drivers,
    /// sensitivity and warnings as notes, as an HTML table (one well-formed <c>&lt;div&gt;</c>, text HTML-escaped, invariant culture).
    /// </summary>
    public string ToHtml() => ((ITabularResult)this).ToTable().ToHtml();

    /// <summary>The same table as <see cref="ToHtml"/> as a markdown pipe table (cells escaped, invariant culture).</summary>
    public string ToMarkdown() => ((ITabularResult)this).ToTable().ToMarkdown();

    ResultTable ITabularResult.ToTable()
    {
        var scale = Options.Scale;
        var table = TrustIndexTables.Scores("Trust index", Index, UsedCount, Dimensions, $"{InvariantText.Count(scale.Min)}–{InvariantText.Count(scale.Max)}");
        table.Note($"{InvariantText.Count(RespondentCount)} respondents, {InvariantText.Count(UsedCount)} used. " +
            $"Normalisation {Options.Normalization}, weighting {Options.Weighting}, aggregation {Options.Aggregation}; " +
            (Options.BootstrapReplicates > 0
                ? $"{Index.Interval.Method} intervals from {InvariantText.Count(Options.BootstrapReplicates)} bootstrap replicates (seed {InvariantText.Number(Options.Seed, "0")})."
                : "no bootstrap intervals (0 replicates)."));
        if (Segments.Count > 0)
        {
            table.Note("Segments: " + string.Join("; ", Segments.Select(s => $"{s.Segment} {TrustIndexTables.ScoreWithInterval(s.Index)} (n = {InvariantText.Count(s.Count)})")) + ".");
        }

        if (KeyDrivers is { } drivers)
        {
            table.Note(drivers.ToString() + ".");
        }

        if (Sensitivity is { } sensitivity)
        {
            table.Note(sensitivity.ToString() + ".");
        }

        foreach (string warning in Warnings)
        {
            table.Note("Warning: " + warning);
        }

        return table;
    }
}
