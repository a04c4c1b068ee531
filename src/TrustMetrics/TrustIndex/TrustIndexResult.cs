using Microsoft.DotNet.Interactive.Formatting;
using TrustMetrics.Estimation;
using TrustMetrics.Presentation;

namespace TrustMetrics.TrustIndex;

/// <summary>
/// The trust index of a survey: the 0–100 index of all respondents with a seeded bootstrap interval, each dimension's score
/// and reliability, the same per segment, and — when asked for — key drivers of the outcome and the sensitivity analysis.
/// Render with <see cref="ResultFormatter"/>.
/// </summary>
[TypeFormatterSource(typeof(NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed class TrustIndexResult : ITabularResult
{
    private readonly DimensionResult[] dimensions;
    private readonly TrustSegmentResult[] segments;
    private readonly string[] warnings;

    internal TrustIndexResult(long respondentCount, long usedCount, Estimate index, DimensionResult[] dimensions, TrustSegmentResult[] segments,
        KeyDriverResult? keyDrivers, SensitivityResult? sensitivity, TrustIndexOptions options, string[] warnings)
    {
        RespondentCount = respondentCount;
        UsedCount = usedCount;
        Index = index;
        this.dimensions = dimensions;
        this.segments = segments;
        KeyDrivers = keyDrivers;
        Sensitivity = sensitivity;
        Options = options;
        this.warnings = warnings;
    }

    /// <summary>Rows in the survey.</summary>
    public long RespondentCount { get; }

    /// <summary>Rows with at least one dimension score (all dimensions under listwise deletion).</summary>
    public long UsedCount { get; }

    /// <summary>
    /// The index with its bootstrap standard error and percentile interval; with 0 replicates the standard error is +∞ and the
    /// interval (−∞, +∞) with method "none" (no sampling information), never NaN.
    /// </summary>
    public Estimate Index { get; }

    /// <summary>Per dimension, in model order.</summary>
    public IReadOnlyList<DimensionResult> Dimensions => dimensions;

    /// <summary>Per segment in ordinal label order; empty when the survey has no segments.</summary>
    public IReadOnlyList<TrustSegmentResult> Segments => segments;

    /// <summary>Key-driver analysis of the survey's outcome on the dimension scores; null without an outcome.</summary>
    public KeyDriverResult? KeyDrivers { get; }

    /// <summary>Uncertainty and sensitivity analysis; null unless <see cref="TrustIndexOptions.SensitivityReplicates"/> &gt; 0.</summary>
    public SensitivityResult? Sensitivity { get; }

    /// <summary>The options used (validated; the confidence level filled in).</summary>
    public TrustIndexOptions Options { get; }

    /// <summary>Human-readable warnings: low alpha, undefined alpha, dimensions without answers.</summary>
    public IReadOnlyList<string> Warnings => warnings;

    /// <summary>
    /// "Trust index 72.3 [71.6, 73.0] (95% bootstrap-percentile, n = 4,000; 5 dimensions, 3 segments, 1 warning)", invariant culture.
    /// </summary>
    public override string ToString() =>
        $"Trust index {TrustIndexTables.ScoreWithInterval(Index)} ({InvariantText.Level(Index.Interval.Level)} {Index.Interval.Method}, " +
        $"n = {InvariantText.Count(UsedCount)}; {InvariantText.Count(dimensions.Length)} dimensions" +
        (segments.Length > 0 ? $", {InvariantText.Count(segments.Length)} segments" : "") +
        (warnings.Length > 0 ? $", {InvariantText.Count(warnings.Length)} warning{(warnings.Length == 1 ? "" : "s")})" : ")");

    ResultTable ITabularResult.ToTable()
    {
        var scale = Options.Scale;
        var table = TrustIndexTables.Scores("Trust index", Index, UsedCount, dimensions, $"{InvariantText.Count(scale.Min)}–{InvariantText.Count(scale.Max)}");
        table.Note($"{InvariantText.Count(RespondentCount)} respondents, {InvariantText.Count(UsedCount)} used. " +
            $"Normalisation {Options.Normalization}, weighting {Options.Weighting}, aggregation {Options.Aggregation}; " +
            (Options.BootstrapReplicates > 0
                ? $"{Index.Interval.Method} intervals from {InvariantText.Count(Options.BootstrapReplicates)} bootstrap replicates (seed {InvariantText.Number(Options.Seed, "0")})."
                : "no bootstrap intervals (0 replicates)."));
        if (segments.Length > 0)
        {
            table.Note("Segments: " + string.Join("; ", segments.Select(s => $"{s.Segment} {TrustIndexTables.ScoreWithInterval(s.Index)} (n = {InvariantText.Count(s.Count)})")) + ".");
        }

        if (KeyDrivers is { } drivers)
        {
            table.Note(drivers.ToString() + ".");
        }

        if (Sensitivity is { } sensitivity)
        {
            table.Note(sensitivity.ToString() + ".");
        }

        foreach (string warning in warnings)
        {
            table.Note("Warning: " + warning);
        }

        return table;
    }
}
