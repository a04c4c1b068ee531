using Microsoft.DotNet.Interactive.Formatting;
using TrustMetrics.Estimation;
using TrustMetrics.Presentation;

namespace TrustMetrics.TrustIndex;

/// <summary>The trust index of one segment: index and dimensions with bootstrap intervals over the segment's respondents.</summary>
/// <param name="Segment">Segment label.</param>
/// <param name="Count">Respondents in the segment used by the index.</param>
/// <param name="Index">The 0–100 index with its bootstrap standard error and percentile interval.</param>
/// <param name="Dimensions">Per-dimension results, in model order.</param>
[TypeFormatterSource(typeof(NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed record TrustSegmentResult(string Segment, long Count, Estimate Index, IReadOnlyList<DimensionResult> Dimensions) : ITabularResult
{
    /// <summary>"SMB: trust index 68.1 [67.0, 69.2] (n = 1,245)", invariant culture.</summary>
    public override string ToString() => $"{Segment}: trust index {TrustIndexTables.ScoreWithInterval(Index)} (n = {InvariantText.Count(Count)})";

    /// <summary>The segment's index and dimensions as an HTML table (one well-formed <c>&lt;div&gt;</c>, text HTML-escaped, invariant culture).</summary>
    public string ToHtml() => ((ITabularResult)this).ToTable().ToHtml();

    /// <summary>The same table as <see cref="ToHtml"/> as a markdown pipe table (cells escaped, invariant culture).</summary>
    public string ToMarkdown() => ((ITabularResult)this).ToTable().ToMarkdown();

    ResultTable ITabularResult.ToTable() => TrustIndexTables.Scores($"Trust index of segment {Segment}", Index, Count, Dimensions, scale: null);
}
