using Microsoft.DotNet.Interactive.Formatting;
using TrustMetrics.Presentation;

namespace TrustMetrics.TrustIndex.Sensitivity;

/// <summary>
/// Sampling and method in one variance decomposition of the trust index. The respondent resample is treated as a fifth
/// independent input factor ("sampling", uniform over R bootstrap resamples of the respondents) beside the four methodological
/// choices of <see cref="TrustIndexSobolResult"/> (normalisation, weighting, aggregation, missing answers, each uniform over its
/// applicable levels). Because the resample is drawn independently of the choices, the index is a function of independent
/// inputs and the Sobol–Hoeffding decomposition applies (Saltelli et al. 2008, §4.1; Saltelli et al. 2010). Per unit
/// (<see cref="Units"/>: the whole sample, then each segment) the exact law-of-total-variance split over the full grid and
/// the Saltelli-design Sobol indices of the five factors; with two segments or more, the Sobol indices of every segment's rank
/// (<see cref="Ranks"/>). Formulas: <see cref="UncertaintySplit"/>, <see cref="SobolResult"/>; docs/trust-index-sensitivity.md.
/// Render with <see cref="ResultFormatter"/>.
/// </summary>
[TypeFormatterSource(typeof(NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed class TrustIndexUncertaintyResult : ITabularResult
{
    private readonly TrustNormalization[] normalizations;
    private readonly TrustWeighting[] weightings;
    private readonly TrustAggregation[] aggregations;
    private readonly MissingAnswerPolicy[] missingAnswerPolicies;
    private readonly UncertaintySplit[] units;
    private readonly SobolResult[] ranks;

    internal TrustIndexUncertaintyResult(TrustNormalization[] normalizations, TrustWeighting[] weightings, TrustAggregation[] aggregations,
        MissingAnswerPolicy[] missingAnswerPolicies, int baseSamples, int resamples, int bootstrapReplicates, double confidenceLevel, int seed,
        UncertaintySplit[] units, SobolResult[] ranks)
    {
        this.normalizations = normalizations;
        this.weightings = weightings;
        this.aggregations = aggregations;
        this.missingAnswerPolicies = missingAnswerPolicies;
        BaseSamples = baseSamples;
        Resamples = resamples;
        BootstrapReplicates = bootstrapReplicates;
        ConfidenceLevel = confidenceLevel;
        Seed = seed;
        this.units = units;
        this.ranks = ranks;
    }

    /// <summary>Levels of the normalisation factor (as <see cref="TrustIndexSobolResult.Normalizations"/>).</summary>
    public IReadOnlyList<TrustNormalization> Normalizations => normalizations;

    /// <summary>Levels of the weighting factor (as <see cref="TrustIndexSobolResult.Weightings"/>).</summary>
    public IReadOnlyList<TrustWeighting> Weightings => weightings;

    /// <summary>Levels of the aggregation factor: arithmetic and geometric.</summary>
    public IReadOnlyList<TrustAggregation> Aggregations => aggregations;

    /// <summary>Levels of the missing-answer factor (as <see cref="TrustIndexSobolResult.MissingAnswerPolicies"/>).</summary>
    public IReadOnlyList<MissingAnswerPolicy> MissingAnswerPolicies => missingAnswerPolicies;

    /// <summary>Method combinations L = the product of the four level counts.</summary>
    public int MethodCount => normalizations.Length * weightings.Length * aggregations.Length * missingAnswerPolicies.Length;

    /// <summary>N, the rows of each Saltelli base matrix (N·7 model runs, each a lookup in the grid).</summary>
    public int BaseSamples { get; }

    /// <summary>R, the respondent bootstrap resamples: the levels of the sampling factor.</summary>
    public int Resamples { get; }

    /// <summary>Bootstrap replicates behind every interval (0 = none).</summary>
    public int BootstrapReplicates { get; }

    /// <summary>Level of the intervals.</summary>
    public double ConfidenceLevel { get; }

    /// <summary>Seed of the resamples, the Saltelli sampling and the bootstraps.</summary>
    public int Seed { get; }

    /// <summary>The whole sample ("(all)") then each segment in ordinal label order.</summary>
    public IReadOnlyList<UncertaintySplit> Units => units;

    /// <summary>Sobol indices (five factors) of each segment's rank ("rank: A", 1 = highest); empty with fewer than two segments.</summary>
    public IReadOnlyList<SobolResult> Ranks => ranks;

    /// <summary>"Trust index uncertainty, sampling vs method (R = 200 resamples, 36 methods, 4 units)", invariant culture.</summary>
    public override string ToString() =>
        $"Trust index uncertainty, sampling vs method (R = {InvariantText.Count(Resamples)} resamples, {InvariantText.Count(MethodCount)} methods, {InvariantText.Count(units.Length)} units)";

    ResultTable ITabularResult.ToTable()
    {
        var table = new ResultTable("Trust index uncertainty: sampling vs method", "unit", "nominal index", "variance", "sampling share", "interval",
            "method share", "interval", "S sampling", "ST sampling");
        foreach (var u in units)
        {
            var sampling = u.Sobol.Indices[^1];
            table.Row(u.Segment, InvariantText.Optional(u.NominalIndex, "0.0"), InvariantText.Significant(u.Variance), InvariantText.Percent(u.SamplingShare),
                PercentInterval(u.SamplingShareInterval), InvariantText.Percent(u.MethodShare), PercentInterval(u.MethodShareInterval),
                InvariantText.Optional(sampling.FirstOrder, "0.000"), InvariantText.Optional(sampling.TotalOrder, "0.000"));
        }

        return table
            .Note("Var = E[Var(index | method)] (sampling) + Var(E[index | method]) (method), over every method combination × every respondent resample.")
            .Note($"Methods: normalisation {string.Join(", ", normalizations)}; weighting {string.Join(", ", weightings)}; aggregation {string.Join(", ", aggregations)}; " +
                $"missing answers {string.Join(", ", missingAnswerPolicies)}. R = {InvariantText.Count(Resamples)} respondent resamples, N = {InvariantText.Count(BaseSamples)} " +
                $"Saltelli base rows, seed {Seed}; {InvariantText.Level(ConfidenceLevel)} percentile bootstrap intervals ({InvariantText.Count(BootstrapReplicates)} replicates).");
    }

    private static string PercentInterval(Estimation.ConfidenceInterval? interval) =>
        interval is null ? "–" : $"{InvariantText.Percent(interval.Lower)} to {InvariantText.Percent(interval.Upper)}";
}
