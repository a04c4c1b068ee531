using TrustMetrics.Statistics;

namespace TrustMetrics.TrustIndex.Sensitivity;

/// <summary>
/// The trust index as a model of its methodological choices: four discrete factors (normalisation, weighting, aggregation,
/// missing-answer policy), each level equally likely, and outputs the whole sample's index, every segment's index and every
/// segment's rank (1 = highest). Normalisation parameters, weights and segment means are computed once per (policy,
/// normalisation, weighting), so a model run costs (segments + 1)·p operations.
/// </summary>
internal static class TrustIndexSobol
{
    public static TrustIndexSobolResult Run(TrustSurvey survey, TrustIndexOptions options, int baseSamples, int bootstrapReplicates,
        double level, ParallelWork work)
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

        // Per (policy, normalisation, weighting): the normaliser and the weights of the whole sample and of each segment.
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

        SobolFactor[] factors =
        [
            SobolFactor.Discrete("normalisation", normalizations.Count),
            SobolFactor.Discrete("weighting", weightings.Count),
            SobolFactor.Discrete("aggregation", aggregations.Length),
            SobolFactor.Discrete("missing answers", models.Count),
        ];
        var names = new List<string> { "index: " + TrustIndexCalculator.AllSegments };
        names.AddRange(nominal.SegmentNames.Select(s => "index: " + s));
        if (k >= 2)
        {
            names.AddRange(nominal.SegmentNames.Select(s => "rank: " + s));
        }

        var indices = new double[k];
        void Model(double[] x, double[] y)
        {
            var (normalizer, overall, segments) = table[(int)x[3], (int)x[0], (int)x[1]];
            var model = models[(int)x[3]].Model;
            var aggregation = aggregations[(int)x[2]];
            y[0] = IndexModel.IndexOf(model.OverallMeans, normalizer, overall, aggregation);
            for (int u = 0; u < k; u++)
            {
                indices[u] = IndexModel.IndexOf(model.SegmentMeans[u], normalizer, segments[u], aggregation);
                y[1 + u] = indices[u];
            }

            if (k >= 2)
            {
                var ranks = SensitivityAnalysis.Ranks(indices);
                Array.Copy(ranks, 0, y, 1 + k, k);
            }
        }

        var outputs = SobolEngine.Run(factors, [.. names], Model, baseSamples, bootstrapReplicates, options.Seed, level, work);
        return new TrustIndexSobolResult([.. normalizations], [.. weightings], aggregations, [.. models.Select(m => m.Policy)], outputs);
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
