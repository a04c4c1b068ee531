using TrustMetrics.Estimation;
using TrustMetrics.Statistics;

namespace TrustMetrics.TrustIndex;

/// <summary>
/// The trust breakdown alert. For the whole sample and each segment present in both periods: the index change tested by a
/// bootstrap z test, z = Δ/√(se₁² + se₂²) with se the bootstrap standard errors of the two independent samples; each
/// dimension's change by Welch's t test on respondent-level 0–100 scores; Hedges' g on respondent-level scores; Holm
/// adjustment over the whole family. The previous period fixes normalisation parameters and data-derived weights.
/// </summary>
internal static class PeriodComparison
{
    private const ulong PreviousSalt = 0x5052_4556UL, CurrentSalt = 0x4355_5252UL;

    public static TrustBreakdownResult Run(IndexModel previous, IndexModel current, TrustIndexOptions options, ParallelWork work)
    {
        if (options.BootstrapReplicates == 0)
        {
            throw new ArgumentException("The trust breakdown alert tests the index with bootstrap standard errors; set BootstrapReplicates to at least 2.", nameof(options));
        }

        double level = options.ConfidenceLevel!.Value;
        var normalizer = IndexNormalizer.Create(options.Normalization, previous.Scores, options);
        var (overallWeights, segmentWeights) = previous.Weights(options.Weighting, normalizer);

        var units = new List<(string Label, int[] Previous, int[] Current, double[] Weights)>
        {
            (TrustIndexCalculator.AllSegments, previous.AllRows, current.AllRows, overallWeights),
        };
        for (int u = 0; u < previous.SegmentNames.Length; u++)
        {
            int v = Array.IndexOf(current.SegmentNames, previous.SegmentNames[u]);
            if (v >= 0)
            {
                units.Add((previous.SegmentNames[u], previous.SegmentRows[u], current.SegmentRows[v], segmentWeights[u]));
            }
        }

        var rows = new List<(string Segment, string Measure, long N1, long N2, double Before, double After, DifferenceTest Test, double? G)>();
        foreach (var (label, before, after, weights) in units)
        {
            rows.Add(IndexChange(previous, current, label, before, after, normalizer, weights, options, level, work));
            for (int j = 0; j < previous.P; j++)
            {
                if (DimensionChange(previous, current, before, after, j, normalizer, level) is { } change)
                {
                    rows.Add((label, previous.Scores.DimensionNames[j], change.N1, change.N2, change.Before, change.After, change.Test, change.G));
                }
            }
        }

        var adjusted = MultipleComparisons.HolmAdjust(rows.Select(r => r.Test.PValue).ToArray());
        double alpha = Math.Round(1 - level, 12); // 0.05, not 0.050000000000000044
        var changes = rows.Select((r, i) => new TrustChange(r.Segment, r.Measure, r.N1, r.N2, r.Before, r.After, r.Test, r.G, adjusted[i],
            r.Test.Difference < 0 && adjusted[i] < alpha)).ToArray();
        return new TrustBreakdownResult(changes, alpha);
    }

    private static (string, string, long, long, double, double, DifferenceTest, double?) IndexChange(IndexModel previous, IndexModel current, string label,
        int[] before, int[] after, IndexNormalizer normalizer, double[] weights, TrustIndexOptions options, double level, ParallelWork work)
    {
        double valueBefore = IndexModel.IndexOf(previous.Means(before), normalizer, weights, options.Aggregation);
        double valueAfter = IndexModel.IndexOf(current.Means(after), normalizer, weights, options.Aggregation);
        var repsBefore = IndexBootstrap.Run(previous, before, normalizer, weights, options.Aggregation, options.BootstrapReplicates, options.Seed,
            Statistics.RandomNumbers.StreamOf(label, PreviousSalt), work).Index;
        var repsAfter = IndexBootstrap.Run(current, after, normalizer, weights, options.Aggregation, options.BootstrapReplicates, options.Seed,
            Statistics.RandomNumbers.StreamOf(label, CurrentSalt), work).Index;
        double se = Math.Sqrt(Variance(repsBefore) + Variance(repsAfter));
        double difference = valueAfter - valueBefore;
        DifferenceTest test;
        if (se > 0)
        {
            double z = difference / se;
            double half = CriticalValues.TwoSidedZ(level) * se;
            test = new DifferenceTest(difference, se, z, null, CriticalValues.TwoSidedP(z), new ConfidenceInterval(difference - half, difference + half, level, "bootstrap-z"), "bootstrap-z");
        }
        else
        {
            test = new DifferenceTest(difference, 0, difference == 0 ? 0 : Math.CopySign(double.PositiveInfinity, difference), null, difference == 0 ? 1 : 0,
                new ConfidenceInterval(difference, difference, level, "bootstrap-z"), "bootstrap-z");
        }

        var compositeBefore = Composites(previous, before, normalizer, weights, options.Aggregation);
        var compositeAfter = Composites(current, after, normalizer, weights, options.Aggregation);
        return (label, TrustIndexCalculator.IndexMeasure, before.Length, after.Length, valueBefore, valueAfter, test, HedgesG(compositeBefore, compositeAfter));
    }

    private static (long N1, long N2, double Before, double After, DifferenceTest Test, double? G)? DimensionChange(IndexModel previous, IndexModel current,
        int[] before, int[] after, int j, IndexNormalizer normalizer, double level)
    {
        var a = Respondent(previous, before, j, normalizer);
        var b = Respondent(current, after, j, normalizer);
        if (a.Count < 2 || b.Count < 2)
        {
            return null;
        }

        var (meanA, varA) = MeanVariance(a);
        var (meanB, varB) = MeanVariance(b);
        var test = MeanIntervals.Welch(b.Count, meanB, varB, a.Count, meanA, varA, level);
        return (a.Count, b.Count, normalizer.Normalize(j, previous.Means(before)[j]), normalizer.Normalize(j, current.Means(after)[j]), test, HedgesG(a, b));
    }

    private static List<double> Respondent(IndexModel model, int[] rows, int j, IndexNormalizer normalizer)
    {
        var values = new List<double>(rows.Length);
        foreach (int r in rows)
        {
            double v = model.Scores.Scores[(r * model.P) + j];
            if (!double.IsNaN(v))
            {
                values.Add(normalizer.Normalize(j, v));
            }
        }

        return values;
    }

    /// <summary>Respondent-level composites: the respondent's normalised dimension scores aggregated like a unit's.</summary>
    private static List<double> Composites(IndexModel model, int[] rows, IndexNormalizer normalizer, double[] weights, TrustAggregation aggregation)
    {
        var values = new List<double>(rows.Length);
        foreach (int r in rows)
        {
            double v = IndexModel.IndexOf(model.Scores.Scores.AsSpan(r * model.P, model.P), normalizer, weights, aggregation);
            if (!double.IsNaN(v))
            {
                values.Add(v);
            }
        }

        return values;
    }

    /// <summary>
    /// Hedges' g of b − a: (mean_b − mean_a)/s_pooled·(1 − 3/(4(n_a + n_b) − 9)); 0 when both samples are constant and equal,
    /// ±∞ when they are constant and differ (the limit); null (undefined) when a sample has fewer than two values.
    /// </summary>
    private static double? HedgesG(List<double> a, List<double> b)
    {
        if (a.Count < 2 || b.Count < 2)
        {
            return null;
        }

        var (ma, va) = MeanVariance(a);
        var (mb, vb) = MeanVariance(b);
        double pooled = Math.Sqrt((((a.Count - 1) * va) + ((b.Count - 1) * vb)) / (a.Count + b.Count - 2));
        double difference = mb - ma;
        if (pooled == 0)
        {
            return difference == 0 ? 0 : Math.CopySign(double.PositiveInfinity, difference);
        }

        return difference / pooled * (1 - (3.0 / ((4.0 * (a.Count + b.Count)) - 9)));
    }

    private static (double Mean, double Variance) MeanVariance(List<double> values)
    {
        var (mean, variance) = Statistics.Descriptive.MeanVariance(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(values));
        return (mean, values.Count > 1 ? variance : 0);
    }

    private static double Variance(double[] replicates)
    {
        var list = replicates.Where(v => !double.IsNaN(v)).ToList();
        return list.Count > 1 ? MeanVariance(list).Variance : 0;
    }
}
