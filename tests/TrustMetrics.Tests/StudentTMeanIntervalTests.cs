using TrustMetrics.Estimation;
using TrustMetrics.Scales;

namespace TrustMetrics.Tests;

/// <summary>
/// Student-t interval of a mean score against survey-metrics.md §2.4 (Python scipy 1.10.1 <c>stats.t.interval</c>,
/// identical in R 4.2.2 <c>t.test(d)$conf.int</c>), directly and through the CSAT / CES calculators on the raw data.
/// </summary>
public class StudentTMeanIntervalTests
{
    // survey-metrics.md §2.4 data.
    private static readonly int[] CsatData = [5, 4, 4, 3, 5, 2, 4, 5, 3, 4];
    private static readonly int[] CesData = [6, 5, 7, 4, 6, 6, 3, 5, 7, 6, 5, 4];

    // Hand-derived sample variances (divisor n − 1):
    // CSAT: Σ(x − 3.9)² = 8.9 → s² = 8.9/9; CES: Σx² = 358, Σx = 64 → SS = 358 − 64²/12 = 50/3 → s² = (50/3)/11 = 50/33.
    private const double CsatVariance = 8.9 / 9.0;
    private const double CesVariance = 50.0 / 33.0;

    [Fact]
    public void Csat_mean_interval_matches_section_2_4()
    {
        var estimate = MeanIntervals.StudentT(10, 3.9, CsatVariance, 0.95);

        // §2.4: mean 3.9, s = 0.994428926, SE = 0.3144660377, t₉ = 2.262157163, CI [3.1886284, 4.6113716].
        Assert.Equal(3.9, estimate.Value);
        Approx.Absolute(0.3144660377, estimate.StandardError, Approx.ClosedForm, "SE");
        // The printed CI has 8 significant digits (rounding ≤ 5e-8), so it is checked at 1e-7 ...
        Approx.IntervalRelative(3.1886284, 4.6113716, estimate.Interval, 1e-7, "printed CI");
        // ... and at the quantile tolerance against mean ± t₉·SE built from the 10-digit t₉ and SE of the same section.
        const double half = 2.262157163 * 0.3144660377;
        Approx.IntervalRelative(3.9 - half, 3.9 + half, estimate.Interval, Approx.Quantile, "mean ± t·SE");
        Assert.Equal("t", estimate.Interval.Method);
    }

    [Fact]
    public void Ces_mean_interval_matches_section_2_4()
    {
        var estimate = MeanIntervals.StudentT(12, 16.0 / 3.0, CesVariance, 0.95);

        // §2.4: n = 12, mean 5.333333333, s = 1.23091491, SE = 0.3553345273, t₁₁ = 2.20098516, CI [4.551247312, 6.115419355].
        Approx.Relative(5.333333333, estimate.Value, Approx.Printed, "mean");
        Approx.Absolute(0.3553345273, estimate.StandardError, Approx.ClosedForm, "SE");
        Approx.IntervalRelative(4.551247312, 6.115419355, estimate.Interval, Approx.Quantile, "CI");
    }

    [Fact]
    public void Csat_calculator_on_raw_data_matches_section_2_4()
    {
        var result = new CsatCalculator().Calculate(CsatData);

        Assert.Equal("csat", result.Metric);
        Assert.Equal(10, result.Count);
        Assert.Equal(4, result.Threshold);
        Assert.Equal(7, result.TopBoxCount);
        // T2B = 7/10 in percent with the default Wilson interval, §2.4: Wilson [0.3967781475, 0.8922087326] (statsmodels 0.13.5).
        Approx.Relative(70.0, result.TopBox.Value, 1e-12, "T2B %");
        Approx.IntervalRelative(39.67781475, 89.22087326, result.TopBox.Interval, Approx.Printed, "T2B Wilson %");
        Assert.Equal("wilson", result.TopBox.Interval.Method);
        // Mean: 3.9, SE 0.3144660377, CI [3.1886284, 4.6113716] (8 s.f. printed), t₉·SE from the same section at 1e-9.
        Approx.Relative(3.9, result.Mean.Value, 1e-14, "mean");
        Approx.Absolute(0.3144660377, result.Mean.StandardError, Approx.ClosedForm, "SE");
        Approx.IntervalRelative(3.1886284, 4.6113716, result.Mean.Interval, 1e-7, "mean CI");
        Approx.IntervalRelative(3.9 - 2.262157163 * 0.3144660377, 3.9 + 2.262157163 * 0.3144660377, result.Mean.Interval, Approx.Quantile, "mean ± t·SE");
    }

    [Fact]
    public void Ces_calculator_on_raw_data_matches_section_2_4()
    {
        var result = new CesCalculator().Calculate(CesData);

        Assert.Equal("ces", result.Metric);
        Assert.Equal(12, result.Count);
        // Default CES threshold 5 on 1–7: answers ≥ 5 are 6,5,7,6,6,5,7,6,5 → 9 of 12 (hand count).
        Assert.Equal(9, result.TopBoxCount);
        Approx.Relative(75.0, result.TopBox.Value, 1e-12, "top box %");
        Approx.Relative(5.333333333, result.Mean.Value, Approx.Printed, "mean");
        Approx.Absolute(0.3553345273, result.Mean.StandardError, Approx.ClosedForm, "SE");
        Approx.IntervalRelative(4.551247312, 6.115419355, result.Mean.Interval, Approx.Quantile, "mean CI");
    }

    [Fact]
    public void Scale_tally_statistics_match_the_hand_derived_values()
    {
        var tally = ScaleTally.FromScores(RatingScale.SevenPoint, CesData);
        Approx.Relative(16.0 / 3.0, tally.Mean, 1e-15, "mean");
        Approx.Relative(CesVariance, tally.SampleVariance, 1e-14, "s²");
    }

    [Fact]
    public void Mean_interval_is_clipped_to_the_scale()
    {
        // Hand-derived: answers [5, 5, 5, 4] on 1–5 → mean 4.75, s² = 0.25, SE = 0.25, t₃ = 3.182446305 (R 4.2.2 qt(0.975, 3)),
        // upper 4.75 + 0.796 > 5 → clipped to the scale maximum 5.
        var result = new CsatCalculator().Calculate([5, 5, 5, 4]);
        Assert.Equal(5.0, result.Mean.Interval.Upper);
        Approx.Relative(4.75 - 3.182446305 * 0.25, result.Mean.Interval.Lower, Approx.Quantile, "lower");
    }

    [Fact]
    public void One_response_has_an_unknown_standard_error_and_the_whole_scale_as_interval()
    {
        var result = new CsatCalculator().Calculate([4]);
        Assert.Equal(double.PositiveInfinity, result.Mean.StandardError);
        Assert.Equal(1.0, result.Mean.Interval.Lower);
        Assert.Equal(5.0, result.Mean.Interval.Upper);
    }
}
