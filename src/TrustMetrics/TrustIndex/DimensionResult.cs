using TrustMetrics.Estimation;

namespace TrustMetrics.TrustIndex;

/// <summary>
/// One dimension of a sample (all respondents or one segment): its mean score in scale units, its normalised 0–100 score
/// with a bootstrap interval, the weight it received and the reliability of its items.
/// </summary>
/// <param name="Name">Dimension name.</param>
/// <param name="Count">Respondents with a score on this dimension (see the missing-answer policy).</param>
/// <param name="MeanScore">Mean of respondents' dimension scores, in scale units (NaN when <see cref="Count"/> is 0).</param>
/// <param name="Score">Normalised score (0–100) with its bootstrap standard error and percentile interval.</param>
/// <param name="Weight">The dimension's weight in this sample's index (weights sum to 1).</param>
/// <param name="Reliability">Cronbach's alpha and item analysis of the dimension within this sample.</param>
public sealed record DimensionResult(string Name, long Count, double MeanScore, Estimate Score, double Weight, DimensionReliability Reliability);
