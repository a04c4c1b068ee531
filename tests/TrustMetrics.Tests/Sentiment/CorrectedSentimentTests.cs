using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using TrustMetrics.Sentiment;
using TrustMetrics.Tests.Serialization;

namespace TrustMetrics.Tests.Sentiment;

/// <summary>
/// Sentiment corrected for classifier error (adjusted classify-and-count / Rogan–Gladen). Reference numbers from
/// Data/corrected_sentiment_reference.py (numpy 1.24.2 + scipy 1.10.1, output in Data/corrected_sentiment_reference.txt):
/// numpy.linalg.solve for the shares, an explicit Jacobian × block-diagonal covariance for the delta method, Greenland's (1996)
/// closed-form variance of the binary Rogan and Gladen (1978) estimator, scipy SLSQP for the simplex-constrained case.
/// </summary>
public class CorrectedSentimentTests
{
    private static readonly string[] Names = ["negative", "neutral", "positive"];

    // Case B of the reference script: validation rows = truth (negative, neutral, positive), columns = predicted.
    private static readonly SentimentConfusion Validation = SentimentConfusion.FromCounts([80, 15, 5, 20, 60, 20, 6, 24, 170]);

    [Fact]
    public void Binary_case_is_the_rogan_gladen_closed_form_with_greenlands_variance()
    {
        // Se = 85/100, Sp = 180/200, q = 380/1000: π = (q + Sp − 1)/(Se + Sp − 1) = 0.37333…;
        // Var = [q(1−q)/n + π²Se(1−Se)/n₁ + (1−π)²Sp(1−Sp)/n₀]/(Se + Sp − 1)² = 0.0010489362962962964 (closed form, script case A).
        var solution = MisclassificationCorrection.Solve([620, 380], new long[,] { { 180, 20 }, { 15, 85 } }, ["negative", "positive"]);
        double q = 0.38, se = 0.85, sp = 0.90;
        Approx.Relative((q + sp - 1) / (se + sp - 1), solution.Shares[1], 1e-14, "Rogan–Gladen share");
        Approx.Relative(0.37333333333333335, solution.Shares[1], 1e-14, "Rogan–Gladen share (script)");
        Approx.Relative(0.0010489362962962964, solution.Covariance[1, 1], 1e-12, "Greenland variance");
        Assert.False(solution.Constrained);
    }

    [Fact]
    public void Three_classes_match_an_independent_numpy_solve_and_jacobian()
    {
        var result = new CorrectedSentimentCalculator().Correct(new SentimentTally(412, 388, 1200), Validation, 0.95);

        // numpy.linalg.solve(M, q) and diag(J Σθ Jᵀ), script case B.
        Approx.Relative(0.19725651577503425, result.Negative.Value, 1e-12, "negative share");
        Approx.Relative(0.14183813443072707, result.Neutral.Value, 1e-12, "neutral share");
        Approx.Relative(0.6609053497942387, result.Positive.Value, 1e-12, "positive share");
        Approx.Relative(Math.Sqrt(0.0006254958864780928), result.Negative.StandardError, 1e-12, "negative SE");
        Approx.Relative(Math.Sqrt(0.0018508886096043526), result.Neutral.StandardError, 1e-12, "neutral SE");
        Approx.Relative(Math.Sqrt(0.0010664052131376198), result.Positive.StandardError, 1e-12, "positive SE");
        Approx.Relative(46.36488340192044, result.NetSentiment.Value, 1e-12, "net");
        Approx.Relative(Math.Sqrt(15.329135896270724), result.NetSentiment.StandardError, 1e-12, "net SE");

        // Wald interval: net ± z₀.₉₇₅·SE (closed form, z from the normal quantile).
        double z = 1.959963984540054;
        Approx.Relative(46.36488340192044 - z * Math.Sqrt(15.329135896270724), result.NetSentiment.Interval.Lower, 1e-12, "net lower");
        Approx.Relative(46.36488340192044 + z * Math.Sqrt(15.329135896270724), result.NetSentiment.Interval.Upper, 1e-12, "net upper");
        Assert.False(result.Constrained);
        Approx.Relative(100.0 * (1200 - 412) / 2000, result.ObservedNetSentiment, 1e-15, "observed net");
        Approx.Relative(170.0 / 200, result.Misclassification(SentimentLabel.Positive, SentimentLabel.Positive), 1e-15, "P(pos | pos)");
        Assert.Null(result.ProbabilisticNetSentiment);
    }

    [Fact]
    public void A_share_that_the_inverse_pushes_below_zero_is_fitted_on_the_simplex()
    {
        // Script case C: M⁻¹q = (0.817, 0.241, −0.058); the simplex least-squares optimum is (53/65, 12/65, 0)
        // (scipy SLSQP 0.8153846124808489, 0.18461538751915113, 0.0: agrees to its tolerance, ~1e-8).
        var result = new CorrectedSentimentCalculator().Correct(new SentimentTally(700, 260, 40), Validation);
        Assert.True(result.Constrained);
        Approx.Absolute(53.0 / 65, result.Negative.Value, 1e-12, "negative");
        Approx.Absolute(12.0 / 65, result.Neutral.Value, 1e-12, "neutral");
        Assert.Equal(0.0, result.Positive.Value);
        Approx.Absolute(0.8153846124808489, result.Negative.Value, 1e-8, "SLSQP negative");

        // KKT check, independent of the face enumeration: the gradient g = 2Mᵀ(Mπ − q) is equal (= λ) on the support and ≥ λ off it.
        var solution = MisclassificationCorrection.Solve([700, 260, 40], Validation.ToMatrix(), Names);
        var g = Gradient(solution.Matrix, solution.Observed, solution.Shares);
        Approx.Absolute(g[0], g[1], 1e-12, "equal gradients on the support");
        Assert.True(g[2] >= g[0] - 1e-12, $"off-support gradient {g[2]} < λ = {g[0]}");
    }

    [Fact]
    public void Probabilistic_average_is_the_mean_of_the_scores()
    {
        var classifier = new TableClassifier();
        var tally = ClassifiedSentimentTally.Classify(["good", "bad", "meh", "good"], classifier);
        Assert.Equal(new SentimentTally(1, 1, 2), tally.Labels);
        Assert.Equal(4, tally.Scored);
        var result = new CorrectedSentimentCalculator().Correct(tally, Validation);

        // Closed form: mean P(positive) = (0.75 + 0.125 + 0.25 + 0.75)/4, mean P(negative) = (0.0625 + 0.625 + 0.25 + 0.0625)/4.
        Approx.Relative(1.875 / 4, result.ProbabilisticPositive!.Value, 1e-15, "mean P(positive)");
        Approx.Relative(1.0 / 4, result.ProbabilisticNegative!.Value, 1e-15, "mean P(negative)");
        Approx.Relative(100 * (1.875 - 1.0) / 4, result.ProbabilisticNetSentiment!.Value, 1e-14, "probabilistic net");
        Assert.Equal(new CorrectedSentimentCalculator().Correct(tally.Labels, Validation).NetSentiment, result.NetSentiment);
    }

    [Fact]
    public void Coverage_of_the_net_sentiment_interval_at_small_scale()
    {
        // Seeded simulation (seed 20261206, 400 replicates; the full 10,000-replicate figure is printed by
        // scripts/sentiment-coverage.cs): production n = 2,000, validation m = 300 from the same population.
        var (covered, replicates) = CoverageSimulation.Run(seed: 20261206, replicates: 400, production: 2000, validation: 300);
        double coverage = (double)covered / replicates;

        // 95% nominal; with 400 replicates the binomial SE is 1.1 points: accept 91–98.5%.
        Assert.InRange(coverage, 0.91, 0.985);
    }

    [Fact]
    public void Undefined_corrections_are_refused_with_the_reason()
    {
        var calculator = new CorrectedSentimentCalculator();
        var noNeutralTruth = SentimentConfusion.FromCounts([10, 1, 1, 0, 0, 0, 1, 1, 10]);
        var e = Assert.Throws<ArgumentException>(() => calculator.Correct(new SentimentTally(5, 5, 5), noNeutralTruth));
        Assert.Contains("neutral", e.Message, StringComparison.Ordinal);
        Assert.Equal("validation", e.ParamName);

        // A classifier that labels every true class alike: columns of M equal, M singular.
        var chance = SentimentConfusion.FromCounts([2, 3, 5, 2, 3, 5, 4, 6, 10]);
        Assert.Contains("singular", Assert.Throws<ArgumentException>(() => calculator.Correct(new SentimentTally(5, 5, 5), chance)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => calculator.Correct(default(SentimentTally), Validation));
        Assert.Throws<ArgumentOutOfRangeException>(() => calculator.Correct(new SentimentTally(1, 1, 1), Validation, double.NaN));
    }

    [Fact]
    public void Confusion_and_classified_tallies_are_refused_when_bad()
    {
        Assert.Throws<ArgumentException>(() => SentimentConfusion.FromCounts([1, 2, 3]));
        Assert.Contains("counts[4] = -1", Assert.Throws<ArgumentOutOfRangeException>(() => SentimentConfusion.FromCounts([1, 1, 1, 1, -1, 1, 1, 1, 1])).Message,
            StringComparison.Ordinal);
        Assert.Contains("SentimentConfusionState.Counts[2] = -3",
            Assert.ThrowsAny<ArgumentException>(() => SentimentConfusion.FromState(new SentimentConfusionState(1, [1, 1, -3, 1, 1, 1, 1, 1, 1]))).Message, StringComparison.Ordinal);
        Assert.Contains("Version = 2", Assert.ThrowsAny<ArgumentException>(() => SentimentConfusion.FromState(new SentimentConfusionState(2, new long[9]))).Message,
            StringComparison.Ordinal);
        Assert.Contains("PositiveProbability = NaN", Assert.ThrowsAny<ArgumentException>(() =>
            ClassifiedSentimentTally.FromState(new ClassifiedSentimentTallyState(1, 1, 1, 1, 1, 0, 0, double.NaN))).Message, StringComparison.Ordinal);
        Assert.ThrowsAny<ArgumentException>(() => ClassifiedSentimentTally.FromState(new ClassifiedSentimentTallyState(1, 1, 1, 1, 5, 1, 2, 2)));
        Assert.ThrowsAny<ArgumentException>(() => new SentimentPrediction(SentimentLabel.Positive, 0.5, 0.5, 0.5));
        Assert.ThrowsAny<ArgumentException>(() => new SentimentPrediction((SentimentLabel)7));
    }

    [Property(MaxTest = 60, MaxRejected = 60)]
    public Property Confusion_tally_obeys_the_merge_laws() =>
        Prop.ForAll(Pairs().ToArbitrary(), Pairs().ToArbitrary(), Pairs().ToArbitrary(), (xs, ys, zs) =>
            MergeLaws.Hold(xs, ys, zs, SentimentConfusion.FromPairs, default, (a, b) => a.Merge(b), c => c.ToState(), SentimentConfusion.FromState));

    [Property(MaxTest = 60, MaxRejected = 60)]
    public Property Classified_tally_obeys_the_merge_laws() =>
        // Probabilities in sixty-fourths: sums are exact in binary floating point, so the laws hold bit for bit.
        Prop.ForAll(Predictions().ToArbitrary(), Predictions().ToArbitrary(), Predictions().ToArbitrary(), (xs, ys, zs) =>
            MergeLaws.Hold(xs, ys, zs, p => p.Aggregate(default(ClassifiedSentimentTally), (t, x) => t.Add(x)), default, (a, b) => a.Merge(b),
                t => t.ToState(), ClassifiedSentimentTally.FromState));

    [Property(MaxTest = 100)]
    public Property Bad_numbers_are_refused_or_give_finite_results() =>
        Prop.ForAll(Gen.Elements(double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.5, -1.0, 1.5, 0.3).ToArbitrary(),
            Gen.Choose(0, 3).ToArbitrary(), (bad, where) =>
            {
                try
                {
                    switch (where)
                    {
                        case 0: _ = new SentimentPrediction(SentimentLabel.Neutral, bad, 0.5, 0.5); break;
                        case 1: _ = ClassifiedSentimentTally.FromSums(new SentimentTally(1, 1, 1), 3, bad, 1, 1); break;
                        case 2:
                            var r = new CorrectedSentimentCalculator().Correct(new SentimentTally(3, 4, 5), Validation, bad);
                            return double.IsFinite(r.NetSentiment.Value) && double.IsFinite(r.NetSentiment.Interval.Lower);
                        default: _ = SentimentConfusion.FromCounts([1, 1, 1, 1, (long)Math.Clamp(bad, -5, 5) - 1, 1, 1, 1, 1]); break;
                    }

                    return bad is 0.3 || where == 3;
                }
                catch (ArgumentException)
                {
                    return true;
                }
            });

    private static Gen<(SentimentLabel, SentimentLabel)[]> Pairs() =>
        (from t in Gen.Choose(0, 2) from p in Gen.Choose(0, 2) select ((SentimentLabel)t, (SentimentLabel)p)).ArrayOf();

    private static Gen<SentimentPrediction[]> Predictions() =>
        (from label in Gen.Choose(0, 2)
         from scored in Gen.Elements(true, false)
         from a in Gen.Choose(0, 64)
         from b in Gen.Choose(0, 64)
         let lo = Math.Min(a, b)
         let hi = Math.Max(a, b)
         select scored ? new SentimentPrediction((SentimentLabel)label, lo / 64.0, (hi - lo) / 64.0, (64 - hi) / 64.0) : new SentimentPrediction((SentimentLabel)label))
        .ArrayOf();

    private static double[] Gradient(double[,] m, double[] q, double[] pi)
    {
        var residual = new double[3];
        for (int p = 0; p < 3; p++)
        {
            residual[p] = -q[p];
            for (int t = 0; t < 3; t++)
            {
                residual[p] += m[p, t] * pi[t];
            }
        }

        var g = new double[3];
        for (int t = 0; t < 3; t++)
        {
            for (int p = 0; p < 3; p++)
            {
                g[t] += 2 * m[p, t] * residual[p];
            }
        }

        return g;
    }

    /// <summary>A toy model: fixed outputs by text (probabilities in sixteenths, exact in binary).</summary>
    private sealed class TableClassifier : ISentimentClassifier
    {
        public SentimentPrediction Classify(string text) => text switch
        {
            "good" => new SentimentPrediction(SentimentLabel.Positive, 0.75, 0.1875, 0.0625),
            "bad" => new SentimentPrediction(SentimentLabel.Negative, 0.125, 0.25, 0.625),
            _ => new SentimentPrediction(SentimentLabel.Neutral, 0.25, 0.5, 0.25),
        };
    }
}
