using TrustMetrics.Statistics;

namespace TrustMetrics.TrustIndex;

/// <summary>
/// Monte Carlo uncertainty analysis over normalisation × weighting × aggregation and multiplicative weight perturbation
/// (OECD/JRC Handbook 2008 step 7; Saisana, Saltelli &amp; Tarantola 2005). Segment means are computed once; a draw costs
/// (segments + 1) × p operations, so thousands of draws take milliseconds.
/// </summary>
internal static class SensitivityAnalysis
{
    private const ulong Stream = 0x5345_4E53UL;

    public static SensitivityResult Run(IndexModel model, int replicates, ParallelWork work)
    {
        var options = model.Options;
        int p = model.P, k = model.SegmentNames.Length;
        var normalizations = new List<TrustNormalization> { TrustNormalization.TheoreticalBounds, TrustNormalization.EmpiricalMinMax, TrustNormalization.ZScore };
        if (options.Target is not null)
        {
            normalizations.Add(TrustNormalization.DistanceToTarget);
        }

        var normalizers = normalizations.ToDictionary(n => n, n => IndexNormalizer.Create(n, model.Scores, options));
        var weightings = new List<TrustWeighting> { TrustWeighting.Equal };
        if (options.Weights is not null)
        {
            weightings.Add(TrustWeighting.User);
        }

        if (p > 1 && TryPca(model))
        {
            weightings.Add(TrustWeighting.Pca);
        }

        if (k >= 2)
        {
            weightings.Add(TrustWeighting.BenefitOfTheDoubt);
        }

        TrustAggregation[] aggregations = [TrustAggregation.Arithmetic, TrustAggregation.Geometric];

        // Weights per (normalisation, weighting): only benefit of the doubt depends on the normalisation.
        var weights = new Dictionary<(TrustNormalization, TrustWeighting), (double[] Overall, double[][] Segments)>();
        foreach (var n in normalizations)
        {
            foreach (var w in weightings)
            {
                weights[(n, w)] = model.Weights(w, normalizers[n]);
            }
        }

        var nominalNormalizer = normalizers.TryGetValue(options.Normalization, out var nn) ? nn : IndexNormalizer.Create(options.Normalization, model.Scores, options);
        var nominalWeights = model.Weights(options.Weighting, nominalNormalizer);
        var nominal = new double[k];
        for (int u = 0; u < k; u++)
        {
            nominal[u] = IndexModel.IndexOf(model.SegmentMeans[u], nominalNormalizer, nominalWeights.Segments[u], options.Aggregation);
        }

        var nominalRanks = Ranks(nominal);
        var indices = new double[k][];
        var ranks = new double[k][];
        var shifts = new double[k][];
        for (int u = 0; u < k; u++)
        {
            indices[u] = new double[replicates];
            ranks[u] = new double[replicates];
            shifts[u] = new double[replicates];
        }

        var overall = new double[replicates];
        var averageShift = new double[replicates];
        var random = Statistics.RandomNumbers.CreateBlock(options.Seed, Stream, 0);
        var factors = new double[p];
        var perturbed = new double[p];
        var drawn = new double[k];
        double delta = options.WeightPerturbation;
        for (int r = 0; r < replicates; r++)
        {
            if ((r & 1023) == 0)
            {
                work.ThrowIfCancellationRequested();
            }

            var normalization = normalizations[random.Next(normalizations.Count)];
            var weighting = weightings[random.Next(weightings.Count)];
            var aggregation = aggregations[random.Next(aggregations.Length)];
            for (int j = 0; j < p; j++)
            {
                factors[j] = 1 - delta + (2 * delta * random.NextDouble());
            }

            var normalizer = normalizers[normalization];
            var (overallWeights, segmentWeights) = weights[(normalization, weighting)];
            overall[r] = IndexModel.IndexOf(model.OverallMeans, normalizer, Perturb(overallWeights, factors, perturbed), aggregation);
            for (int u = 0; u < k; u++)
            {
                drawn[u] = IndexModel.IndexOf(model.SegmentMeans[u], normalizer, Perturb(segmentWeights[u], factors, perturbed), aggregation);
                indices[u][r] = drawn[u];
            }

            var drawnRanks = Ranks(drawn);
            double shift = 0;
            for (int u = 0; u < k; u++)
            {
                ranks[u][r] = drawnRanks[u];
                shifts[u][r] = Math.Abs(drawnRanks[u] - nominalRanks[u]);
                shift += shifts[u][r];
            }

            averageShift[r] = k > 0 ? shift / k : double.NaN;
        }

        var segments = new SegmentSensitivity[k];
        for (int u = 0; u < k; u++)
        {
            segments[u] = new SegmentSensitivity(model.SegmentNames[u], nominal[u], nominalRanks[u],
                Percentiles.Of(indices[u], 0.5), Percentiles.Of(indices[u], 0.05), Percentiles.Of(indices[u], 0.95),
                Percentiles.Of(ranks[u], 0.5), Percentiles.Of(ranks[u], 0.05), Percentiles.Of(ranks[u], 0.95), Percentiles.Of(shifts[u], 0.5));
        }

        // Without segments there are no ranks: the average rank shift is undefined (null), not 0.
        double? meanShift = k > 0 ? Statistics.Descriptive.Mean(averageShift) : null;
        double? medianShift = k > 0 ? Percentiles.Of(averageShift, 0.5) : null;
        double? shiftP95 = k > 0 ? Percentiles.Of(averageShift, 0.95) : null;
        return new SensitivityResult(replicates, [.. normalizations], [.. weightings], aggregations, delta,
            Percentiles.Of(overall, 0.5), Percentiles.Of(overall, 0.05), Percentiles.Of(overall, 0.95),
            meanShift, medianShift, shiftP95, segments);
    }

    private static bool TryPca(IndexModel model)
    {
        try
        {
            model.Weights(TrustWeighting.Pca, IndexNormalizer.Create(TrustNormalization.TheoreticalBounds, model.Scores, model.Options));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static double[] Perturb(double[] weights, double[] factors, double[] target)
    {
        double total = 0;
        for (int j = 0; j < weights.Length; j++)
        {
            target[j] = weights[j] * factors[j];
            total += target[j];
        }

        for (int j = 0; j < weights.Length; j++)
        {
            target[j] = total > 0 ? target[j] / total : weights[j];
        }

        return target;
    }

    /// <summary>Ranks with 1 = highest value; ties share their average rank (NaN ranks last).</summary>
    public static double[] Ranks(double[] values)
    {
        int k = values.Length;
        var ranks = new double[k];
        for (int u = 0; u < k; u++)
        {
            double above = 0, equal = 0;
            double v = double.IsNaN(values[u]) ? double.NegativeInfinity : values[u];
            for (int w = 0; w < k; w++)
            {
                double x = double.IsNaN(values[w]) ? double.NegativeInfinity : values[w];
                if (x > v)
                {
                    above++;
                }
                else if (x == v)
                {
                    equal++;
                }
            }

            ranks[u] = above + ((equal + 1) / 2);
        }

        return ranks;
    }
}
