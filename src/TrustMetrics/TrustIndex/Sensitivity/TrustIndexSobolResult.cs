using Microsoft.DotNet.Interactive.Formatting;
using TrustMetrics.Presentation;

namespace TrustMetrics.TrustIndex.Sensitivity;

/// <summary>
/// Variance-based sensitivity of the trust index to its methodological choices (OECD/JRC Handbook 2008, step 7; Saisana,
/// Saltelli &amp; Tarantola 2005): the factors are the normalisation, the weighting, the aggregation and the missing-answer
/// policy, each drawn uniformly among its applicable <see cref="Normalizations"/>, <see cref="Weightings"/>,
/// <see cref="Aggregations"/> and <see cref="MissingAnswerPolicies"/>; the outputs are the whole sample's index, each segment's
/// index and (with two segments or more) each segment's rank. For every output, first-order S_i (the share of the output's
/// variance over the choices due to choice i alone) and total-order S_Ti (including its interactions), estimators and
/// bootstrap intervals as in <see cref="SobolResult"/>. Render with <see cref="ResultFormatter"/>.
/// </summary>
[TypeFormatterSource(typeof(NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed class TrustIndexSobolResult : ITabularResult
{
    private readonly TrustNormalization[] normalizations;
    private readonly TrustWeighting[] weightings;
    private readonly TrustAggregation[] aggregations;
    private readonly MissingAnswerPolicy[] missingAnswerPolicies;
    private readonly SobolResult[] outputs;

    internal TrustIndexSobolResult(TrustNormalization[] normalizations, TrustWeighting[] weightings, TrustAggregation[] aggregations,
        MissingAnswerPolicy[] missingAnswerPolicies, SobolResult[] outputs)
    {
        this.normalizations = normalizations;
        this.weightings = weightings;
        this.aggregations = aggregations;
        this.missingAnswerPolicies = missingAnswerPolicies;
        this.outputs = outputs;
    }

    /// <summary>Levels of the normalisation factor: theoretical bounds, empirical min–max, z-score, and distance to target when a target is set.</summary>
    public IReadOnlyList<TrustNormalization> Normalizations => normalizations;

    /// <summary>Levels of the weighting factor: equal; user weights when given; PCA when defined; benefit of the doubt with two segments or more.</summary>
    public IReadOnlyList<TrustWeighting> Weightings => weightings;

    /// <summary>Levels of the aggregation factor: arithmetic and geometric.</summary>
    public IReadOnlyList<TrustAggregation> Aggregations => aggregations;

    /// <summary>Levels of the missing-answer factor: available-item mean, and listwise deletion when it keeps every segment.</summary>
    public IReadOnlyList<MissingAnswerPolicy> MissingAnswerPolicies => missingAnswerPolicies;

    /// <summary>
    /// One result per output: "index: (all)", then "index: segment" per segment, then "rank: segment" per segment (with two
    /// segments or more). Factors in order normalisation, weighting, aggregation, missing answers.
    /// </summary>
    public IReadOnlyList<SobolResult> Outputs => outputs;

    /// <summary>"Sobol sensitivity of the trust index (N = 1,024, 7 outputs)", invariant culture.</summary>
    public override string ToString() =>
        $"Sobol sensitivity of the trust index (N = {InvariantText.Count(outputs[0].BaseSamples)}, {InvariantText.Count(outputs.Length)} outputs)";

    ResultTable ITabularResult.ToTable()
    {
        var table = new ResultTable("Sobol sensitivity of the trust index to methodological choices", "output", "factor", "first order S", "S interval",
            "total order ST", "ST interval");
        foreach (var output in outputs)
        {
            foreach (var i in output.Indices)
            {
                table.Row(output.OutputName, i.Factor, InvariantText.Optional(i.FirstOrder, "0.000"), SobolResult.Interval(i.FirstOrderInterval),
                    InvariantText.Optional(i.TotalOrder, "0.000"), SobolResult.Interval(i.TotalOrderInterval));
            }
        }

        var first = outputs[0];
        return table
            .Note($"Levels: normalisation {string.Join(", ", normalizations)}; weighting {string.Join(", ", weightings)}; aggregation " +
                $"{string.Join(", ", aggregations)}; missing answers {string.Join(", ", missingAnswerPolicies)}.")
            .Note($"Saltelli sampling, N = {InvariantText.Count(first.BaseSamples)} base rows; S: Saltelli et al. (2010), ST: Jansen (1999); " +
                $"{InvariantText.Level(first.ConfidenceLevel)} percentile bootstrap intervals ({InvariantText.Count(first.BootstrapReplicates)} replicates). " +
                "An output that does not vary has no indices (–).");
    }
}
