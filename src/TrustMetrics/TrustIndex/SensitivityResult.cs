using Microsoft.DotNet.Interactive.Formatting;
using TrustMetrics.Presentation;

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
[TypeFormatterSource(typeof(NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
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
    IReadOnlyList<SegmentSensitivity> Segments) : ITabularResult
{
    /// <summary>"Sensitivity (1,000 draws): index 5–95% 70.1 to 74.2, mean average rank shift 0.21", invariant culture.</summary>
    public override string ToString() =>
        $"Sensitivity ({InvariantText.Count(Replicates)} draws): index 5–95% {InvariantText.Number(OverallIndexP5, "0.0")} to " +
        $"{InvariantText.Number(OverallIndexP95, "0.0")}, mean average rank shift {InvariantText.Number(MeanAverageRankShift, "0.00")}";

    /// <summary>
    /// Per segment (and all respondents): nominal and median index with its 5th–95th percentiles, nominal and median rank with
    /// theirs, as an HTML table (one well-formed <c>&lt;div&gt;</c>, text HTML-escaped, invariant culture).
    /// </summary>
    public string ToHtml() => ((ITabularResult)this).ToTable().ToHtml();

    /// <summary>The same table as <see cref="ToHtml"/> as a markdown pipe table (cells escaped, invariant culture).</summary>
    public string ToMarkdown() => ((ITabularResult)this).ToTable().ToMarkdown();

    ResultTable ITabularResult.ToTable()
    {
        var table = new ResultTable("Sensitivity of the trust index to methodological choices", "segment", "nominal index", "median index", "index 5–95%",
            "nominal rank", "median rank", "rank 5–95%", "median rank shift");
        table.Row(TrustIndexCalculator.AllSegments, "–", InvariantText.Number(OverallMedianIndex, "0.0"),
            $"{InvariantText.Number(OverallIndexP5, "0.0")} to {InvariantText.Number(OverallIndexP95, "0.0")}", "–", "–", "–", "–");
        foreach (var s in Segments)
        {
            table.Row(s.Segment, InvariantText.Number(s.NominalIndex, "0.0"), InvariantText.Number(s.MedianIndex, "0.0"),
                $"{InvariantText.Number(s.IndexP5, "0.0")} to {InvariantText.Number(s.IndexP95, "0.0")}", InvariantText.Number(s.NominalRank, "0.#"),
                InvariantText.Number(s.MedianRank, "0.#"), $"{InvariantText.Number(s.RankP5, "0.#")} to {InvariantText.Number(s.RankP95, "0.#")}",
                InvariantText.Number(s.MedianRankShift, "0.#"));
        }

        return table
            .Note($"{InvariantText.Count(Replicates)} draws over normalisations {string.Join(", ", Normalizations)}; weightings {string.Join(", ", Weightings)}; " +
                $"aggregations {string.Join(", ", Aggregations)}; weights perturbed by ±{InvariantText.Number(WeightPerturbation * 100, "0.#")}%.")
            .Note($"Average shift in ranks R̄_S: mean {InvariantText.Number(MeanAverageRankShift, "0.00")}, median {InvariantText.Number(MedianAverageRankShift, "0.00")}, " +
                $"95th percentile {InvariantText.Number(AverageRankShiftP95, "0.00")} (near 0: the ranking does not depend on the choices).");
    }
}
