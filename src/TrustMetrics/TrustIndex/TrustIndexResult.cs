using TrustMetrics.Estimation;

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
public sealed record TrustIndexResult(
    long RespondentCount,
    long UsedCount,
    Estimate Index,
    IReadOnlyList<DimensionResult> Dimensions,
    IReadOnlyList<TrustSegmentResult> Segments,
    KeyDriverResult? KeyDrivers,
    SensitivityResult? Sensitivity,
    TrustIndexOptions Options,
    IReadOnlyList<string> Warnings);
