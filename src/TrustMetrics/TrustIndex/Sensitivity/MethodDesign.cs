namespace TrustMetrics.TrustIndex.Sensitivity;

/// <summary>
/// The trust index's methodological choices as discrete factors: the applicable levels of the normalisation, the weighting,
/// the aggregation and the missing-answer policy, and per (policy, normalisation, weighting) the full-sample normaliser and
/// the weights of the whole sample and of each segment. Shared by the method-only Sobol analysis and the sampling-vs-method
/// decomposition, so both analyse the same levels.
/// </summary>
internal sealed class MethodDesign
{
    private MethodDesign(List<(MissingAnswerPolicy Policy, IndexModel Model)> models, List<TrustNormalization> normalizations, List<TrustWeighting> weightings,
        TrustAggregation[] aggregations, (IndexNormalizer Normalizer, double[] Overall, double[][] Segments)[,,] table)
    {
        Models = models;
        Normalizations = normalizations;
        Weightings = weightings;
        Aggregations = aggregations;
        Table = table;
    }

    public List<(MissingAnswerPolicy Policy, IndexModel Model)> Models { get; }

    public IndexModel Nominal => Models[0].Model;

    public List<TrustNormalization> Normalizations { get; }

    public List<TrustWeighting> Weightings { get; }

    public TrustAggregation[] Aggregations { get; }

    /// <summary>[policy, normalisation, weighting] → full-sample normaliser, whole-sample weights, per-segment weights.</summary>
    public (IndexNormalizer Normalizer, double[] Overall, double[][] Segments)[,,] Table { get; }

    /// <summary>The four factors in the order normalisation, weighting, aggregation, missing answers.</summary>
    public SobolFactor[] Factors() =>
    [
        SobolFactor.Discrete("normalisation", Normalizations.Count),
        SobolFactor.Discrete("weighting", Weightings.Count),
        SobolFactor.Discrete("aggregation", Aggregations.Length),
        SobolFactor.Discrete("missing answers", Models.Count),
    ];

    public static MethodDesign Build(TrustSurvey survey, TrustIndexOptions options)
    {
        var nominal = IndexModel.Build(survey, new TrustIndexOptions(options) { MissingAnswers = MissingAnswerPolicy.AvailableItemMean }, nameof(survey));
        int k = nominal.SegmentNames.Length;
        var models = new List<(MissingAnswerPolicy Policy, IndexModel Model)> { (MissingAnswerPolicy.AvailableItemMean, nominal) };
        try
        {
            // Listwise deletion is a level only when it keeps every segment (otherwise segment outputs would be undefined).
            var listwise = IndexModel.Build(survey, new TrustIndexOptions(options) { MissingAnswers = MissingAnswerPolicy.Listwise }, nameof(survey));
            if (listwise.SegmentNames.SequenceEqual(nominal.SegmentNames, StringComparer.Ordinal))
            {
                models.Add((MissingAnswerPolicy.Listwise, listwise));
            }
        }
        catch (ArgumentException)
        {
            // No complete respondent: listwise deletion is not an applicable level.
        }

        var normalizations = new List<TrustNormalization> { TrustNormalization.TheoreticalBounds, TrustNormalization.EmpiricalMinMax, TrustNormalization.ZScore };
        if (options.Target is not null)
        {
            normalizations.Add(TrustNormalization.DistanceToTarget);
        }

        var weightings = new List<TrustWeighting> { TrustWeighting.Equal };
        if (options.Weights is not null)
        {
            weightings.Add(TrustWeighting.User);
        }

        if (nominal.P > 1 && models.All(m => Applicable(m.Model, TrustWeighting.Pca)))
        {
            weightings.Add(TrustWeighting.Pca);
        }

        if (k >= 2)
        {
            weightings.Add(TrustWeighting.BenefitOfTheDoubt);
        }

        TrustAggregation[] aggregations = [TrustAggregation.Arithmetic, TrustAggregation.Geometric];
        var table = new (IndexNormalizer Normalizer, double[] Overall, double[][] Segments)[models.Count, normalizations.Count, weightings.Count];
        for (int m = 0; m < models.Count; m++)
        {
            for (int a = 0; a < normalizations.Count; a++)
            {
                var normalizer = IndexNormalizer.Create(normalizations[a], models[m].Model.Scores, models[m].Model.Options);
                for (int w = 0; w < weightings.Count; w++)
                {
                    var (overall, segments) = models[m].Model.Weights(weightings[w], normalizer);
                    table[m, a, w] = (normalizer, overall, segments);
                }
            }
        }

        return new MethodDesign(models, normalizations, weightings, aggregations, table);
    }

    private static bool Applicable(IndexModel model, TrustWeighting weighting)
    {
        try
        {
            model.Weights(weighting, IndexNormalizer.Create(TrustNormalization.TheoreticalBounds, model.Scores, model.Options));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
