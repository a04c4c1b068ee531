using TrustMetrics.Estimation;

namespace TrustMetrics.TrustIndex;

/// <summary>The trust index of one segment: index and dimensions with bootstrap intervals over the segment's respondents.</summary>
/// <param name="Segment">Segment label.</param>
/// <param name="Count">Respondents in the segment used by the index.</param>
/// <param name="Index">The 0–100 index with its bootstrap standard error and percentile interval.</param>
/// <param name="Dimensions">Per-dimension results, in model order.</param>
public sealed record TrustSegmentResult(string Segment, long Count, Estimate Index, IReadOnlyList<DimensionResult> Dimensions);
