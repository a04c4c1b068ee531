namespace TrustMetrics.TrustIndex;

/// <summary>
/// A survey prepared for index construction: respondent scores, segment membership (segments in ordinal label order), mean
/// dimension scores per unit, and the weights of a weighting scheme for every unit. Shared by the index, the sensitivity
/// analysis and the period comparison.
/// </summary>
internal sealed class IndexModel
{
    private double[]? pcaWeights;

    private IndexModel(RespondentScores scores, TrustIndexOptions options, string[] segmentNames, int[][] segmentRows)
    {
        Scores = scores;
        Options = options;
        SegmentNames = segmentNames;
        SegmentRows = segmentRows;
        AllRows = Enumerable.Range(0, scores.Count).ToArray();
        OverallMeans = Means(AllRows);
        SegmentMeans = segmentRows.Select(Means).ToArray();
    }

    public RespondentScores Scores { get; }

    public TrustIndexOptions Options { get; }

    public int P => Scores.DimensionCount;

    public string[] SegmentNames { get; }

    public int[][] SegmentRows { get; }

    public int[] AllRows { get; }

    public double[] OverallMeans { get; }

    public double[][] SegmentMeans { get; }

    public static IndexModel Build(TrustSurvey survey, TrustIndexOptions options, string argumentName)
    {
        var scores = RespondentScores.Build(survey, options, argumentName);
        if (scores.Count == 0)
        {
            throw survey.RespondentCount == 0
                ? Guard.Empty("The trust index", argumentName)
                : new ArgumentException($"The trust index is undefined: none of the {survey.RespondentCount} respondents has a dimension score under the {options.MissingAnswers} missing-answer policy.", argumentName);
        }

        string[] names = [];
        int[][] rows = [];
        if (scores.Segments is { } segments)
        {
            var groups = new SortedDictionary<string, List<int>>(StringComparer.Ordinal);
            for (int r = 0; r < segments.Length; r++)
            {
                if (!groups.TryGetValue(segments[r], out var list))
                {
                    groups[segments[r]] = list = [];
                }

                list.Add(r);
            }

            names = [.. groups.Keys];
            rows = groups.Values.Select(l => l.ToArray()).ToArray();
        }

        return new IndexModel(scores, options, names, rows);
    }

    /// <summary>Mean respondent score per dimension over <paramref name="rows"/> (NaN when nobody in them has that dimension).</summary>
    public double[] Means(IReadOnlyList<int> rows)
    {
        int p = P;
        var sums = new double[p];
        var counts = new long[p];
        var s = Scores.Scores;
        foreach (int r in rows)
        {
            for (int j = 0; j < p; j++)
            {
                double v = s[(r * p) + j];
                if (!double.IsNaN(v))
                {
                    sums[j] += v;
                    counts[j]++;
                }
            }
        }

        for (int j = 0; j < p; j++)
        {
            sums[j] = counts[j] > 0 ? sums[j] / counts[j] : double.NaN;
        }

        return sums;
    }

    public long CountOf(IReadOnlyList<int> rows, int j)
    {
        long count = 0;
        foreach (int r in rows)
        {
            if (!double.IsNaN(Scores.Scores[(r * P) + j]))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// Weights of the whole sample and of every segment under <paramref name="weighting"/>. Equal, user and PCA weights are the
    /// same for every unit; benefit-of-the-doubt weights are per unit, against the frontier of the segments (the whole sample is
    /// scored against the segments and itself).
    /// </summary>
    public (double[] Overall, double[][] Segments) Weights(TrustWeighting weighting, IndexNormalizer normalizer)
    {
        int p = P;
        double[] common;
        switch (weighting)
        {
            case TrustWeighting.User:
                common = WeightingMath.User(Options);
                break;
            case TrustWeighting.Pca:
                common = pcaWeights ??= WeightingMath.Pca(Scores);
                break;
            case TrustWeighting.BenefitOfTheDoubt:
                return BenefitOfTheDoubt(normalizer);
            default:
                common = WeightingMath.Equal(p);
                break;
        }

        return (common, SegmentNames.Select(_ => common).ToArray());
    }

    private (double[] Overall, double[][] Segments) BenefitOfTheDoubt(IndexNormalizer normalizer)
    {
        int p = P, k = SegmentNames.Length;
        if (k < 2)
        {
            throw new ArgumentException($"Benefit-of-the-doubt weighting compares segments and needs at least two; the survey has {k}. Give segments or choose another weighting.", "TrustIndexOptions.Weighting");
        }

        var frontier = new double[(k + 1) * p];
        for (int u = 0; u < k; u++)
        {
            normalizer.Normalize(SegmentMeans[u], frontier.AsSpan(u * p, p));
        }

        normalizer.Normalize(OverallMeans, frontier.AsSpan(k * p, p));
        var segments = new double[k][];
        for (int u = 0; u < k; u++)
        {
            segments[u] = WeightingMath.BenefitOfTheDoubt(frontier.AsSpan(u * p, p), frontier, p, out _);
        }

        var overall = WeightingMath.BenefitOfTheDoubt(frontier.AsSpan(k * p, p), frontier, p, out _);
        return (overall, segments);
    }

    /// <summary>The index of a unit from its mean scores.</summary>
    public static double IndexOf(ReadOnlySpan<double> means, IndexNormalizer normalizer, ReadOnlySpan<double> weights, TrustAggregation aggregation)
    {
        Span<double> indicators = stackalloc double[means.Length];
        normalizer.Normalize(means, indicators);
        return IndexAggregator.Aggregate(aggregation, indicators, weights);
    }
}
