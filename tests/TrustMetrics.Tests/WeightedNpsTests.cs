using TrustMetrics.Nps;

namespace TrustMetrics.Tests;

/// <summary>Survey-weighted NPS against survey-metrics.md §1.8 (R 4.2.2, survey 4.1.1 <c>svymean</c>; Kish n_eff by hand formula).</summary>
public class WeightedNpsTests
{
    // §1.8 test vector.
    private static readonly int[] Scores = [10, 9, 9, 8, 7, 6, 5, 10, 3, 9];
    private static readonly double[] Weights = [1.0, 2.0, 0.5, 1.5, 1.0, 2.5, 1.0, 0.8, 1.2, 1.5];

    [Fact]
    public void Weighted_result_matches_section_1_8_in_points()
    {
        var result = new NpsCalculator().CalculateWeighted(WeightedNpsTally.FromScores(Scores, Weights), 0.95);

        // §1.8: Σw = 13, Σw² = 20.08, pP_w = 0.4461538462, pD_w = 0.3615384615, NPS_w = 0.08461538462, n_eff = 8.416334661,
        // deff_w = 1.18816568, SE_Kish = 0.3084096781, SE (linearization, svymean) = 0.3349747061.
        Assert.Equal(10, result.Count);
        Approx.Relative(13.0, result.Tally.TotalWeight, 1e-14, "Σw");
        Approx.Relative(20.08, result.Tally.DetractorWeightSquares + result.Tally.PassiveWeightSquares + result.Tally.PromoterWeightSquares, 1e-14, "Σw²");
        Approx.Absolute(0.4461538462, result.PromoterShare, Approx.ClosedForm, "pP_w");
        Approx.Absolute(0.3615384615, result.DetractorShare, Approx.ClosedForm, "pD_w");
        Approx.Relative(8.461538462, result.Score.Value, Approx.Printed, "NPS_w points");
        Approx.Relative(8.416334661, result.EffectiveSampleSize, Approx.Printed, "n_eff");
        Approx.Relative(1.18816568, result.DesignEffect, Approx.Printed, "deff");
        Approx.Relative(30.84096781, result.KishStandardError, Approx.Printed, "Kish SE points");
        Approx.Relative(33.49747061, result.Score.StandardError, Approx.Printed, "linearization SE points");

        // Interval: Wald on the linearization SE (hand-derived: 8.461538462 ± 1.959963985 × 33.49747061, inside [−100, 100]).
        const double half = 1.959963985 * 33.49747061;
        Approx.Relative(8.461538462 - half, result.Score.Interval.Lower, 1e-9, "interval" + " lower");
        Approx.Relative(8.461538462 + half, result.Score.Interval.Upper, 1e-9, "interval" + " upper");
        Assert.Equal("wald-linearization", result.Score.Interval.Method);
    }

    [Fact]
    public void Span_and_stream_tallies_agree()
    {
        var fromSpans = WeightedNpsTally.FromScores(Scores, Weights);
        var fromStream = WeightedNpsTally.FromScores(Scores.Zip(Weights));
        Assert.Equal(fromSpans, fromStream);
        Assert.Equal(new NpsTally(3, 2, 5), fromSpans.Counts);
    }

    [Fact]
    public void Unit_weights_reproduce_the_unweighted_score_and_Kish_SE()
    {
        // With w ≡ 1: n_eff = n, deff = 1, Kish SE = √(V/n) = the unweighted SE; §1.8 notes the unweighted NPS of the vector is 0.2.
        double[] ones = Enumerable.Repeat(1.0, Scores.Length).ToArray();
        var weighted = new NpsCalculator().CalculateWeighted(WeightedNpsTally.FromScores(Scores, ones));
        var plain = new NpsCalculator().Calculate(Scores);
        Approx.Relative(20.0, weighted.Score.Value, 1e-13, "NPS");
        Approx.Relative(10.0, weighted.EffectiveSampleSize, 1e-13, "n_eff");
        Approx.Relative(1.0, weighted.DesignEffect, 1e-13, "deff");
        Approx.Relative(plain.StandardError, weighted.KishStandardError, 1e-13, "Kish SE");
        // Linearization SE with unit weights = √(n/(n−1)) × the ML SE (divisor n vs n − 1, §1.2 note).
        Approx.Relative(plain.StandardError * Math.Sqrt(10.0 / 9.0), weighted.Score.StandardError, 1e-13, "linearization SE");
    }
}
