using Microsoft.DotNet.Interactive.Formatting;
using TrustMetrics.Estimation;
using TrustMetrics.Presentation;

namespace TrustMetrics.TrustIndex;

/// <summary>
/// The trust index of one segment: index and dimensions with bootstrap intervals over the segment's respondents.
/// Render with <see cref="ResultFormatter"/>.
/// </summary>
[TypeFormatterSource(typeof(NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed class TrustSegmentResult : ITabularResult
{
    private readonly DimensionResult[] dimensions;

    internal TrustSegmentResult(string segment, long count, Estimate index, DimensionResult[] dimensions)
    {
        Segment = segment;
        Count = count;
        Index = index;
        this.dimensions = dimensions;
    }

    /// <summary>Segment label.</summary>
    public string Segment { get; }

    /// <summary>Respondents in the segment used by the index.</summary>
    public long Count { get; }

    /// <summary>The 0–100 index with its bootstrap standard error and percentile interval.</summary>
    public Estimate Index { get; }

    /// <summary>Per-dimension results, in model order.</summary>
    public IReadOnlyList<DimensionResult> Dimensions => dimensions;

    /// <summary>"SMB: trust index 68.1 [67.0, 69.2] (n = 1,245)", invariant culture.</summary>
    public override string ToString() => $"{Segment}: trust index {TrustIndexTables.ScoreWithInterval(Index)} (n = {InvariantText.Count(Count)})";

    ResultTable ITabularResult.ToTable() => TrustIndexTables.Scores($"Trust index of segment {Segment}", Index, Count, dimensions, scale: null);
}
