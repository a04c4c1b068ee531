using TrustMetrics.Estimation;
using TrustMetrics.Scales;

namespace TrustMetrics.Tests;

/// <summary>
/// Welch's unequal-variance t test (<see cref="MeanIntervals.Welch"/>). The reference notes print no Welch vector, so the
/// expected values are hand-derived in the comments; the only printed inputs used are t quantiles from survey-metrics.md §2.4
/// (t₉ = 2.262157163, scipy 1.10.1 / R 4.2.2). p-values are checked against an independent closed form of the Student-t CDF for odd
/// degrees of freedom (Abramowitz &amp; Stegun 26.7.3), which does not use MathNet.
/// </summary>
public class WelchTests
{
    /// <summary>
    /// Two-sided p = 1 − A(|t| | ν) for odd ν, A&amp;S 26.7.3: A = (2/π)(θ + sin θ·(cos θ + (2/3)cos³θ + … + (2·4···(ν−3))/(3·5···(ν−2)) cos^(ν−2) θ)),
    /// θ = atan(|t|/√ν).
    /// </summary>
    private static double TwoSidedPOddDf(double t, int nu)
    {
        double theta = Math.Atan(Math.Abs(t) / Math.Sqrt(nu)), c = Math.Cos(theta), s = Math.Sin(theta);
        double sum = 0;
        if (nu > 1)
        {
            double term = c;
            sum = c;
            for (int k = 3; k <= nu - 2; k += 2)
            {
                term *= c * c * (k - 1) / k;
                sum += term;
            }
        }

        return 1.0 - 2.0 / Math.PI * (theta + s * sum);
    }

    [Fact]
    public void Closed_form_reference_reproduces_the_printed_t_quantiles()
    {
        // Sanity check of the A&S helper: at the §2.4 quantiles t₉ = 2.262157163 and t₁₁ = 2.20098516 the two-sided p is 0.05.
        Assert.True(Math.Abs(TwoSidedPOddDf(2.262157163, 9) - 0.05) < 1e-9);
        Assert.True(Math.Abs(TwoSidedPOddDf(2.20098516, 11) - 0.05) < 1e-8);
    }

    [Fact]
    public void Hand_derived_case_with_nine_degrees_of_freedom()
    {
        // Hand arithmetic: n₁ = 4, s₁² = 2 → s₁²/n₁ = 0.5; n₂ = 10, s₂² = 5 → s₂²/n₂ = 0.5.
        // SE = √(0.5 + 0.5) = 1; df = (0.5 + 0.5)² / (0.5²/3 + 0.5²/9) = 1 / (1/12 + 1/36) = 9.
        // Means 5 and 3 → Δ = 2, t = 2; CI = 2 ± t₉·1 = [2 − 2.262157163, 2 + 2.262157163] (t₉ from §2.4).
        // p = 1 − A(2 | 9) by A&S 26.7.3 = 0.0765528238 (hand-evaluated closed form; see TwoSidedPOddDf).
        var test = MeanIntervals.Welch(4, 5.0, 2.0, 10, 3.0, 5.0);

        Approx.Relative(2.0, test.Difference, 1e-15, "Δ");
        Approx.Relative(1.0, test.StandardError, 1e-15, "SE");
        Approx.Relative(2.0, test.Statistic, 1e-15, "t");
        Assert.NotNull(test.DegreesOfFreedom);
        Approx.Relative(9.0, test.DegreesOfFreedom.Value, 1e-14, "df");
        // The lower bound (≈ −0.26) is below 1 in magnitude, the upper (≈ 4.26) above: absolute and relative respectively.
        Approx.Absolute(2 - 2.262157163, test.Interval.Lower, Approx.Quantile, "CI lower");
        Approx.Relative(2 + 2.262157163, test.Interval.Upper, Approx.Quantile, "CI upper");
        Approx.Absolute(TwoSidedPOddDf(2.0, 9), test.PValue, 1e-12, "p");
        Approx.Absolute(0.0765528238, test.PValue, 1e-9, "p (hand-evaluated)");
        Assert.Equal("welch-t", test.Test);
        Assert.Equal("welch-t", test.Interval.Method);
        Assert.False(test.IsSignificant);
    }

    [Fact]
    public void Hand_derived_Welch_Satterthwaite_degrees_of_freedom_for_unequal_variances()
    {
        // n₁ = 5, s₁² = 4 → a = 0.8; n₂ = 10, s₂² = 1 → b = 0.1. SE = √0.9; df = 0.81 / (0.64/4 + 0.01/9) = 0.81 / (145/900) = 729/145.
        var test = MeanIntervals.Welch(5, 4.0, 4.0, 10, 3.5, 1.0);
        Approx.Absolute(Math.Sqrt(0.9), test.StandardError, 1e-15, "SE");
        Approx.Relative(729.0 / 145.0, test.DegreesOfFreedom!.Value, 1e-14, "df");
        Approx.Absolute(0.5 / Math.Sqrt(0.9), test.Statistic, 1e-15, "t");
    }

    [Fact]
    public void Equal_means_give_t_zero_and_p_one()
    {
        var test = MeanIntervals.Welch(8, 4.2, 1.3, 15, 4.2, 0.7);
        Assert.Equal(0.0, test.Statistic);
        Assert.Equal(1.0, test.PValue, 14);
        Assert.True(test.Interval.Contains(0));
        Approx.Absolute(0.0, (test.Interval.Lower + test.Interval.Upper) / 2, 1e-15, "centre");
    }

    [Fact]
    public void Swapping_the_samples_negates_difference_statistic_and_interval_and_keeps_p()
    {
        var forward = MeanIntervals.Welch(5, 4.0, 4.0, 10, 3.5, 1.0);
        var backward = MeanIntervals.Welch(10, 3.5, 1.0, 5, 4.0, 4.0);
        Assert.Equal(-forward.Difference, backward.Difference);
        Assert.Equal(-forward.Statistic, backward.Statistic);
        Assert.Equal(forward.DegreesOfFreedom!.Value, backward.DegreesOfFreedom!.Value, 12);
        Approx.Absolute(forward.PValue, backward.PValue, 1e-15, "p");
        Approx.IntervalRelative(-forward.Interval.Upper, -forward.Interval.Lower, backward.Interval, 1e-14, "CI");
    }

    [Theory]
    [InlineData(2.262157163 + 1e-4, true)]  // just beyond t₉ (§2.4): p < 0.05 and the CI excludes 0
    [InlineData(2.262157163 - 1e-4, false)] // just inside: p > 0.05 and the CI contains 0
    [InlineData(0.5, false)]
    [InlineData(4.0, true)]
    public void Interval_excludes_zero_exactly_when_p_is_below_five_percent(double difference, bool significant)
    {
        // Same design as the hand-derived case (SE = 1, df = 9), so the decision boundary sits at Δ = t₉ = 2.262157163.
        var test = MeanIntervals.Welch(4, difference, 2.0, 10, 0.0, 5.0);
        Assert.Equal(significant, test.PValue < 0.05);
        Assert.Equal(significant, !test.Interval.Contains(0));
        Assert.Equal(significant, test.IsSignificant);
        Approx.Absolute(TwoSidedPOddDf(difference, 9), test.PValue, 1e-11, "p vs A&S closed form");
    }

    [Fact]
    public void Two_constant_samples_have_a_known_difference()
    {
        var test = MeanIntervals.Welch(3, 4.0, 0.0, 5, 2.0, 0.0);
        Assert.Equal(0.0, test.StandardError);
        Assert.Equal(0.0, test.PValue);
        Assert.Equal(double.PositiveInfinity, test.Statistic);
        Assert.Equal(2.0, test.Interval.Lower);
        Assert.Equal(2.0, test.Interval.Upper);
    }

    [Fact]
    public void Scale_comparison_uses_Welch_for_means_and_the_pooled_z_test_in_points_for_top_box()
    {
        // CSAT data of §2.4 (n = 10, mean 3.9, s² = 8.9/9, T2B 7/10) against a hand-made second sample [5,5,4,4,3,3] (n = 6, mean 4,
        // Σ(x − 4)² = 4 → s² = 0.8, top box 4/6).
        int[] first = [5, 4, 4, 3, 5, 2, 4, 5, 3, 4];
        int[] second = [5, 5, 4, 4, 3, 3];
        var calculator = new CsatCalculator();
        var comparison = calculator.Compare(ScaleTally.FromScores(RatingScale.FivePoint, first), ScaleTally.FromScores(RatingScale.FivePoint, second));

        Assert.Equal(MeanIntervals.Welch(10, 3.9, 8.9 / 9.0, 6, 4.0, 0.8), comparison.Mean, new WelchComparer());
        var topBox = ProportionComparison.Compare(7, 10, 4, 6).Scale(100);
        Approx.Relative(topBox.Difference, comparison.TopBox.Difference, 1e-12, "top-box Δ points");
        Approx.Relative(100 * (0.7 - 4.0 / 6.0), comparison.TopBox.Difference, 1e-12, "top-box Δ hand-derived");
        Assert.Equal(topBox.PValue, comparison.TopBox.PValue, 14);
    }

    private sealed class WelchComparer : IEqualityComparer<DifferenceTest>
    {
        public bool Equals(DifferenceTest? x, DifferenceTest? y) =>
            x is not null && y is not null && Math.Abs(x.Difference - y.Difference) < 1e-12 && Math.Abs(x.StandardError - y.StandardError) < 1e-12
            && Math.Abs(x.PValue - y.PValue) < 1e-12 && Math.Abs(x.Interval.Lower - y.Interval.Lower) < 1e-12
            && Math.Abs(x.Interval.Upper - y.Interval.Upper) < 1e-12;

        public int GetHashCode(DifferenceTest obj) => 0;
    }
}
