using Microsoft.DotNet.Interactive.Formatting;
using TrustMetrics.Presentation;

namespace TrustMetrics.TrustIndex;

/// <summary>
/// Uncertainty analysis of the index (OECD/JRC Handbook 2008, step 7): each draw picks a normalisation, a weighting and an
/// aggregation uniformly among the applicable ones and perturbs the weights by U(1 − δ, 1 + δ); segments are re-scored and
/// re-ranked. The average shift in ranks of a draw is R̄_S = (1/M)·Σ_c |rank_c − nominal rank_c| (Saisana et al. 2005); it is
/// undefined (null) for a survey without segments. Percentiles are R type 7. Render with <see cref="ResultFormatter"/>.
/// </summary>
[TypeFormatterSource(typeof(NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed class SensitivityResult : ITabularResult
{
    private readonly TrustNormalization[] normalizations;
    private readonly TrustWeighting[] weightings;
    private readonly TrustAggregation[] aggregations;
    private readonly SegmentSensitivity[] segments;

    internal SensitivityResult(int replicates, TrustNormalization[] normalizations, TrustWeighting[] weightings, TrustAggregation[] aggregations,
        double weightPerturbation, double overallMedianIndex, double overallIndexP5, double overallIndexP95, double? meanAverageRankShift,
        double? medianAverageRankShift, double? averageRankShiftP95, SegmentSensitivity[] segments)
    {
        Replicates = replicates;
        this.normalizations = normalizations;
        this.weightings = weightings;
        this.aggregations = aggregations;
        WeightPerturbation = weightPerturbation;
        OverallMedianIndex = overallMedianIndex;
        OverallIndexP5 = overallIndexP5;
        OverallIndexP95 = overallIndexP95;
        MeanAverageRankShift = meanAverageRankShift;
        MedianAverageRankShift = medianAverageRankShift;
        AverageRankShiftP95 = averageRankShiftP95;
        this.segments = segments;
    }

    /// <summary>Monte Carlo draws.</summary>
    public int Replicates { get; }

    /// <summary>Normalisations drawn from.</summary>
    public IReadOnlyList<TrustNormalization> Normalizations => normalizations;

    /// <summary>Weightings drawn from.</summary>
    public IReadOnlyList<TrustWeighting> Weightings => weightings;

    /// <summary>Aggregations drawn from.</summary>
    public IReadOnlyList<TrustAggregation> Aggregations => aggregations;

    /// <summary>δ, the weight perturbation.</summary>
    public double WeightPerturbation { get; }

    /// <summary>Median of the whole sample's index over the draws.</summary>
    public double OverallMedianIndex { get; }

    /// <summary>5th percentile of the whole sample's index.</summary>
    public double OverallIndexP5 { get; }

    /// <summary>95th percentile of the whole sample's index.</summary>
    public double OverallIndexP95 { get; }

    /// <summary>Mean over draws of R̄_S; null without segments (no ranks).</summary>
    public double? MeanAverageRankShift { get; }

    /// <summary>Median over draws of R̄_S; null without segments.</summary>
    public double? MedianAverageRankShift { get; }

    /// <summary>95th percentile over draws of R̄_S; null without segments.</summary>
    public double? AverageRankShiftP95 { get; }

    /// <summary>Per segment, in segment order.</summary>
    public IReadOnlyList<SegmentSensitivity> Segments => segments;

    /// <summary>"Sensitivity (1,000 draws): index 5–95% 70.1 to 74.2, mean average rank shift 0.21", invariant culture.</summary>
    public override string ToString() =>
        $"Sensitivity ({InvariantText.Count(Replicates)} draws): index 5–95% {InvariantText.Number(OverallIndexP5, "0.0")} to " +
        $"{InvariantText.Number(OverallIndexP95, "0.0")}, mean average rank shift {InvariantText.Optional(MeanAverageRankShift, "0.00")}";

    ResultTable ITabularResult.ToTable()
    {
        var table = new ResultTable("Sensitivity of the trust index to methodological choices", "segment", "nominal index", "median index", "index 5–95%",
            "nominal rank", "median rank", "rank 5–95%", "median rank shift");
        table.Row(TrustIndexCalculator.AllSegments, "–", InvariantText.Number(OverallMedianIndex, "0.0"),
            $"{InvariantText.Number(OverallIndexP5, "0.0")} to {InvariantText.Number(OverallIndexP95, "0.0")}", "–", "–", "–", "–");
        foreach (var s in segments)
        {
            table.Row(s.Segment, InvariantText.Number(s.NominalIndex, "0.0"), InvariantText.Number(s.MedianIndex, "0.0"),
                $"{InvariantText.Number(s.IndexP5, "0.0")} to {InvariantText.Number(s.IndexP95, "0.0")}", InvariantText.Number(s.NominalRank, "0.#"),
                InvariantText.Number(s.MedianRank, "0.#"), $"{InvariantText.Number(s.RankP5, "0.#")} to {InvariantText.Number(s.RankP95, "0.#")}",
                InvariantText.Number(s.MedianRankShift, "0.#"));
        }

        return table
            .Note($"{InvariantText.Count(Replicates)} draws over normalisations {string.Join(", ", normalizations)}; weightings {string.Join(", ", weightings)}; " +
                $"aggregations {string.Join(", ", aggregations)}; weights perturbed by ±{InvariantText.Number(WeightPerturbation * 100, "0.#")}%.")
            .Note($"Average shift in ranks R̄_S: mean {InvariantText.Optional(MeanAverageRankShift, "0.00")}, median {InvariantText.Optional(MedianAverageRankShift, "0.00")}, " +
                $"95th percentile {InvariantText.Optional(AverageRankShiftP95, "0.00")} (near 0: the ranking does not depend on the choices).");
    }
}
