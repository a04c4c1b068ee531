using Microsoft.Extensions.DependencyInjection;
using TrustMetrics.Nps;
using TrustMetrics.Scales;
using TrustMetrics.TrustIndex;

namespace TrustMetrics.Tests.TrustIndex;

/// <summary>Index construction by hand-checkable examples: formulas of docs/trust-index.md and trust-index.md §1.2–§1.6, §3.2, §3.5.</summary>
public class TrustIndexConstructionTests
{
    private static readonly TrustIndexCalculator Calculator = new();

    /// <summary>Two single-item dimensions on 1–5; each row is (segment, d1, d2).</summary>
    private static TrustSurvey TwoDimensions(params (string Segment, double D1, double D2)[] rows) =>
        new(["a", "b"], rows.SelectMany(r => new[] { r.D1, r.D2 }).ToArray(), rows.Select(r => r.Segment).ToArray());

    private static readonly TrustDimension[] AB = [new("d1", ["a"]), new("d2", ["b"])];

    [Fact]
    public void Theoretical_bounds_equal_weights_arithmetic_is_the_mean_of_goalpost_scores()
    {
        // d1 mean 4.2 → 100·3.2/4 = 80; d2 mean 1.8 → 20; index (80 + 20)/2 = 50; geometric √(80·20) = 40 (§1.4).
        var survey = TwoDimensions(("x", 4.2, 1.8), ("x", 4.2, 1.8));
        var arithmetic = Calculator.Calculate(survey, new TrustIndexOptions { Dimensions = AB, BootstrapReplicates = 0 });
        Approx.Absolute(80, arithmetic.Dimensions[0].Score!.Value.Value, 1e-12);
        Approx.Absolute(20, arithmetic.Dimensions[1].Score!.Value.Value, 1e-12);
        Approx.Absolute(50, arithmetic.Index.Value, 1e-12);
        Assert.Equal("none", arithmetic.Index.Interval.Method);
        var geometric = Calculator.Calculate(survey, new TrustIndexOptions { Dimensions = AB, Aggregation = TrustAggregation.Geometric, BootstrapReplicates = 0 });
        Approx.Absolute(40, geometric.Index.Value, 1e-12);
        var user = Calculator.Calculate(survey, new TrustIndexOptions
        {
            Dimensions = AB, Weighting = TrustWeighting.User, Weights = new Dictionary<string, double> { ["d1"] = 3, ["d2"] = 1 }, BootstrapReplicates = 0,
        });
        Approx.Absolute((0.75 * 80) + (0.25 * 20), user.Index.Value, 1e-12);
        Approx.Absolute(0.75, user.Dimensions[0].Weight, 1e-15);
    }

    [Fact]
    public void Empirical_zscore_and_target_normalisations_follow_their_formulas()
    {
        // Pooled respondent scores of d1: 2, 4, 5 (min 2, max 5, mean 11/3, sd √(7/3)); segment y has d1 = 5.
        var survey = TwoDimensions(("x", 2, 3), ("x", 4, 3), ("y", 5, 3));
        var empirical = Calculator.Calculate(survey, new TrustIndexOptions { Dimensions = AB, Normalization = TrustNormalization.EmpiricalMinMax, BootstrapReplicates = 0 });
        Approx.Absolute(100 * (3 - 2) / 3.0, empirical.Segments[0].Dimensions[0].Score!.Value.Value, 1e-12);
        Approx.Absolute(100, empirical.Segments[1].Dimensions[0].Score!.Value.Value, 1e-12);
        Approx.Absolute(50, empirical.Dimensions[1].Score!.Value.Value, 1e-12); // d2 has no spread: midpoint by definition.
        var z = Calculator.Calculate(survey, new TrustIndexOptions { Dimensions = AB, Normalization = TrustNormalization.ZScore, BootstrapReplicates = 0 });
        Approx.Absolute(50 + (10 * (5 - (11 / 3.0)) / Math.Sqrt(7 / 3.0)), z.Segments[1].Dimensions[0].Score!.Value.Value, 1e-12);
        var target = Calculator.Calculate(survey, new TrustIndexOptions { Dimensions = AB, Normalization = TrustNormalization.DistanceToTarget, Target = 4, BootstrapReplicates = 0 });
        Approx.Absolute(100, target.Segments[1].Dimensions[0].Score!.Value.Value, 1e-12); // 5 is beyond the target 4: capped.
        Approx.Absolute(100 * (3 - 1) / 3.0, target.Segments[0].Dimensions[0].Score!.Value.Value, 1e-12);
    }

    [Fact]
    public void Benefit_of_the_doubt_solves_the_LP_exactly()
    {
        // Indicators (share of 1): A (0.8, 0.2), B (0.4, 0.6), D (0.3, 0.3). D's LP max 0.3w₁ + 0.3w₂ s.t. every unit ≤ 1: the
        // vertices are (1.25, 0) → 0.375, (0, 5/3) → 0.5 and (1, 1) → 0.6 (A and B binding), so D's weights are (½, ½), index 30.
        // A is on the frontier with all weight on its strong indicator (1.25, 0) → index 80 (the textbook BoD caveat).
        var survey = TwoDimensions(("A", 4.2, 1.8), ("A", 4.2, 1.8), ("B", 2.6, 3.4), ("B", 2.6, 3.4), ("D", 2.2, 2.2), ("D", 2.2, 2.2));
        var result = Calculator.Calculate(survey, new TrustIndexOptions { Dimensions = AB, Weighting = TrustWeighting.BenefitOfTheDoubt, BootstrapReplicates = 0 });
        var d = result.Segments.Single(s => s.Segment == "D");
        Approx.Absolute(0.5, d.Dimensions[0].Weight, 1e-12);
        Approx.Absolute(30, d.Index.Value, 1e-10);
        var a = result.Segments.Single(s => s.Segment == "A");
        Approx.Absolute(1.0, a.Dimensions[0].Weight, 1e-12);
        Approx.Absolute(80, a.Index.Value, 1e-10);

        var w = WeightingMath.BenefitOfTheDoubt([30, 30], [80, 20, 40, 60, 30, 30], 2, out double efficiency);
        Approx.Absolute(0.6, efficiency, 1e-12);
        Assert.Equal([0.5, 0.5], w);
    }

    [Fact]
    public void Pca_weights_are_the_squared_first_eigenvector_of_the_dimension_correlations()
    {
        // Independent check: power iteration on the 3×3 correlation matrix of the respondent dimension scores (§1.3).
        double[][] rows = [[5, 4, 2], [4, 4, 3], [2, 1, 4], [3, 3, 3], [1, 2, 5], [4, 5, 1], [2, 2, 2], [5, 5, 4]];
        var survey = new TrustSurvey(["a", "b", "c"], rows.SelectMany(r => r).ToArray());
        var result = Calculator.Calculate(survey, new TrustIndexOptions
        {
            Dimensions = [new("x", ["a"]), new("y", ["b"]), new("z", ["c"])], Weighting = TrustWeighting.Pca, BootstrapReplicates = 0,
        });
        var columns = Enumerable.Range(0, 3).Select(j => rows.Select(r => r[j]).ToArray()).ToArray();
        var r = new double[3, 3];
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                r[i, j] = MathNet.Numerics.Statistics.Correlation.Pearson(columns[i], columns[j]);
            }
        }

        double[] v = [1, 1, 1];
        for (int iteration = 0; iteration < 2000; iteration++)
        {
            var next = new double[3];
            for (int i = 0; i < 3; i++)
            {
                for (int j = 0; j < 3; j++)
                {
                    next[i] += r[i, j] * v[j];
                }
            }

            double norm = Math.Sqrt(next.Sum(x => x * x));
            v = next.Select(x => x / norm).ToArray();
        }

        for (int j = 0; j < 3; j++)
        {
            Approx.Absolute(v[j] * v[j], result.Dimensions[j].Weight, 1e-10);
        }
    }

    [Fact]
    public void Missing_answers_follow_the_documented_policies()
    {
        // One dimension of four items. Row 0 answers all (mean 3), row 1 answers two (mean 4.5), row 2 answers one (share ¼ < ½).
        double n = double.NaN;
        var survey = new TrustSurvey(["a", "b", "c", "d"], [3, 3, 3, 3, 4, 5, n, n, 5, n, n, n]);
        var dimension = new TrustDimension("t", ["a", "b", "c", "d"]);
        var available = Calculator.Calculate(survey, new TrustIndexOptions { Dimensions = [dimension], BootstrapReplicates = 0 });
        Assert.Equal(2, available.UsedCount);
        Approx.Absolute(3.75, available.Dimensions[0].MeanScore!.Value, 1e-12);
        Assert.Equal(1, available.Dimensions[0].Reliability.CompleteCases);
        Assert.NotNull(available.Dimensions[0].Reliability.UndefinedReason);
        var lenient = Calculator.Calculate(survey, new TrustIndexOptions { Dimensions = [dimension], MinimumAnsweredShare = 0.25, BootstrapReplicates = 0 });
        Approx.Absolute((3 + 4.5 + 5) / 3, lenient.Dimensions[0].MeanScore!.Value, 1e-12);
        var listwise = Calculator.Calculate(survey, new TrustIndexOptions { Dimensions = [dimension], MissingAnswers = MissingAnswerPolicy.Listwise, BootstrapReplicates = 0 });
        Assert.Equal(1, listwise.UsedCount);
        Approx.Absolute(3, listwise.Dimensions[0].MeanScore!.Value, 1e-12);
    }

    [Fact]
    public void Bootstrap_is_seeded_and_reproducible_and_the_seed_matters()
    {
        var survey = new TrustSurvey(["a", "b"], Enumerable.Range(0, 200).Select(i => (double)(1 + ((i * 7) % 5))).ToArray());
        var options = new TrustIndexOptions { Dimensions = AB, BootstrapReplicates = 400, Seed = 11 };
        var first = Calculator.Calculate(survey, options);
        var second = Calculator.Calculate(survey, options);
        var other = Calculator.Calculate(survey, new TrustIndexOptions(options) { Seed = 12 });
        Assert.Equal(first.Index, second.Index);
        Assert.NotEqual(first.Index.Interval, other.Index.Interval);
        Assert.Equal("bootstrap-percentile", first.Index.Interval.Method);
        Assert.True(first.Index.Interval.Contains(first.Index.Value));
        Assert.True(first.Index.StandardError > 0);
    }

    [Fact]
    public void Sensitivity_ranks_a_dominant_segment_first_and_is_reproducible()
    {
        var rows = new List<(string, double, double)>();
        for (int i = 0; i < 10; i++)
        {
            rows.Add(("high", 4 + (i % 2), 4 + ((i + 1) % 2)));
            rows.Add(("mid", 3 + (i % 2), 2 + (i % 3)));
            rows.Add(("low", 1 + (i % 2), 1 + (i % 2)));
        }

        var survey = TwoDimensions([.. rows]);
        var options = new TrustIndexOptions { Dimensions = AB, BootstrapReplicates = 0, Seed = 3 };
        var result = Calculator.Sensitivity(survey, 400, options);
        var again = Calculator.Sensitivity(survey, 400, options);
        Assert.Equal(result.Segments.Select(s => s.ToString()), again.Segments.Select(s => s.ToString()));
        Assert.Equal(result.Segments.Select(s => (s.MedianIndex, s.IndexP5, s.IndexP95, s.MedianRank, s.RankP5, s.RankP95)),
            again.Segments.Select(s => (s.MedianIndex, s.IndexP5, s.IndexP95, s.MedianRank, s.RankP5, s.RankP95)));
        Assert.Equal(result.MeanAverageRankShift, again.MeanAverageRankShift);
        Assert.Contains(TrustWeighting.BenefitOfTheDoubt, result.Weightings);
        var high = result.Segments.Single(s => s.Segment == "high");
        Assert.Equal(1, high.NominalRank);
        Assert.Equal(1, high.MedianRank);
        Assert.Equal(0.0, result.MedianAverageRankShift);
        Assert.All(result.Segments, s =>
        {
            Assert.InRange(s.RankP5, 1, 3);
            Assert.InRange(s.RankP95, 1, 3);
            Assert.True(s.IndexP5 <= s.MedianIndex && s.MedianIndex <= s.IndexP95);
        });
    }

    [Fact]
    public void Breakdown_alert_flags_a_real_drop_only_and_adjusts_by_Holm()
    {
        var before = new List<(string, double, double)>();
        var after = new List<(string, double, double)>();
        for (int i = 0; i < 40; i++)
        {
            before.Add(("s", 3 + (i % 3), 2 + (i % 4)));
            after.Add(("s", 1 + (i % 2), 2 + (i % 4)));   // d1 collapses, d2 unchanged
            before.Add(("t", 2 + (i % 4), 3 + (i % 2)));
            after.Add(("t", 2 + (i % 4), 3 + (i % 2)));   // nothing changes
        }

        var result = Calculator.CompareTrustPeriods(TwoDimensions([.. before]), TwoDimensions([.. after]),
            new TrustIndexOptions { Dimensions = AB, BootstrapReplicates = 300 });
        Approx.Absolute(0.05, result.SignificanceLevel, 1e-15);
        Assert.Equal(3 * 3, result.Changes.Count); // (all), s, t × index, d1, d2
        Assert.Contains(result.Alerts, c => c.Segment == "s" && c.Measure == "d1");
        Assert.Contains(result.Alerts, c => c.Segment == "s" && c.Measure == TrustIndexCalculator.IndexMeasure);
        Assert.DoesNotContain(result.Alerts, c => c.Segment == "t" || c.Measure == "d2");
        Assert.All(result.Changes, c => Assert.True(c.AdjustedPValue >= c.Test.PValue - 1e-15));
        var d1 = result.Changes.Single(c => c.Segment == "s" && c.Measure == "d1");
        Assert.Equal("welch-t", d1.Test.Test);
        Assert.True(d1.HedgesG < -1);
        Approx.Absolute(d1.Current - d1.Previous, d1.Test.Difference, 1e-10);
    }

    [Fact]
    public void Behavioural_signals_follow_the_note_rules()
    {
        // §3.5: scores [10,9,9,8,7,6,3,10,0,9] give NPS = 20 → (20 + 100)/2 = 60 (§3.2).
        var nps = new NpsCalculator().Calculate(NpsTally.FromScores([10, 9, 9, 8, 7, 6, 3, 10, 0, 9]));
        Approx.Absolute(20, nps.Score.Value, 1e-12);
        Approx.Absolute(60, BehaviouralSignal.Nps(nps.Score.Value).Score, 1e-12);
        Approx.Absolute(73.3, BehaviouralSignal.Csat(0.733).Score, 1e-12);
        Approx.Absolute(90, BehaviouralSignal.Retention(0.9).Score, 1e-12);
        Approx.Absolute(50, BehaviouralSignal.Churn(0.1, worstChurnRate: 0.2).Score, 1e-12);
        Approx.Absolute(0, BehaviouralSignal.Churn(0.5, worstChurnRate: 0.2).Score, 1e-12);
        Approx.Absolute(85, BehaviouralSignal.ComplaintResolution(0.85).Score, 1e-12);
        Approx.Absolute(75, BehaviouralSignal.ReviewRating(4).Score, 1e-12);
        Approx.Absolute(75, BehaviouralSignal.NetSentiment(positive: 30, negative: 10).Score, 1e-12); // s = 0.5
        Approx.Absolute(70, BehaviouralSignal.Pillar([BehaviouralSignal.Nps(20), BehaviouralSignal.Retention(0.8)]), 1e-12);
        Approx.Absolute(65, BehaviouralSignal.Pillar([BehaviouralSignal.Nps(20), BehaviouralSignal.Retention(0.8)], [3, 1]), 1e-12);
    }

    [Fact]
    public void Dependency_injection_registers_the_calculator_with_the_configured_level()
    {
        using var provider = new ServiceCollection().AddTrustMetrics(o => o.ConfidenceLevel = 0.9).BuildServiceProvider();
        var calculator = provider.GetRequiredService<ITrustIndexCalculator>();
        Assert.Same(calculator, provider.GetRequiredService<ITrustIndexCalculator>());
        var result = calculator.Calculate(TwoDimensions(("x", 4, 3), ("x", 2, 5), ("x", 3, 3)), new TrustIndexOptions { Dimensions = AB, BootstrapReplicates = 50 });
        Assert.Equal(0.9, result.Index.Interval.Level);
        Assert.Equal(0.9, result.Options.ConfidenceLevel);
    }
}
