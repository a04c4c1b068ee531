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
        var design = MethodDesign.Build(survey, options);
        var nominal = design.Nominal;
        var models = design.Models;
        var table = design.Table;
        var aggregations = design.Aggregations;
        int k = nominal.SegmentNames.Length;
        var factors = design.Factors();
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
        return new TrustIndexSobolResult([.. design.Normalizations], [.. design.Weightings], aggregations, [.. models.Select(m => m.Policy)], outputs);
    }
}
