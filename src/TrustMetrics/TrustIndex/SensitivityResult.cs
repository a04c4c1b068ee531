namespace TrustMetrics.TrustIndex;

/// <summary>
/// Uncertainty analysis of the index (OECD/JRC Handbook 2008, step 7): each draw picks a normalisation, a weighting and an
/// aggregation uniformly among the applicable ones and perturbs the weights by U(1 − δ, 1 + δ); segments are re-scored and
/// re-ranked. The average shift in ranks of a draw is R̄_S = (1/M)·Σ_c |rank_c − nominal rank_c| (Saisana et al. 2005).
/// </summary>
/// <param name="Replicates">Monte Carlo draws.</param>
/// <param name="Normalizations">Normalisations drawn from.</param>
/// <param name="Weightings">Weightings drawn from.</param>
/// <param name="Aggregations">Aggregations drawn from.</param>
/// <param name="WeightPerturbation">δ.</param>
/// <param name="OverallMedianIndex">Median of the whole sample's index over the draws.</param>
/// <param name="OverallIndexP5">5th percentile of the whole sample's index.</param>
/// <param name="OverallIndexP95">95th percentile of the whole sample's index.</param>
/// <param name="MeanAverageRankShift">Mean over draws of R̄_S (0 without segments).</param>
/// <param name="MedianAverageRankShift">Median over draws of R̄_S.</param>
/// <param name="AverageRankShiftP95">95th percentile over draws of R̄_S.</param>
/// <param name="Segments">Per segment, in segment order.</param>
public sealed record SensitivityResult(
    int Replicates,
    IReadOnlyList<TrustNormalization> Normalizations,
    IReadOnlyList<TrustWeighting> Weightings,
    IReadOnlyList<TrustAggregation> Aggregations,
    double WeightPerturbation,
    double OverallMedianIndex,
    double OverallIndexP5,
    double OverallIndexP95,
    double MeanAverageRankShift,
    double MedianAverageRankShift,
    double AverageRankShiftP95,
    IReadOnlyList<SegmentSensitivity> Segments);
