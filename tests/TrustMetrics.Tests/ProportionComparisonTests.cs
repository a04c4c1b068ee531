using TrustMetrics.Estimation;

namespace TrustMetrics.Tests;

/// <summary>
/// Two-proportion comparison against survey-metrics.md §6.2 (Python 3.11, statsmodels 0.13.5 <c>proportions_ztest</c> and
/// <c>confint_proportions_2indep</c>; z and p cross-checked with R 4.2.2 <c>prop.test(correct = FALSE)</c>).
/// </summary>
public class ProportionComparisonTests
{
    /// <summary>§6.2 rows: x1, n1, x2, n2, { Δ, pooled SE, z, p two-sided, Wald L, Wald U, Newcombe L, Newcombe U }.</summary>
    public static TheoryData<long, long, long, long, double[]> Section62Table => new()
    {
        { 120, 1000, 150, 1000, [-0.03, 0.01528234275, -1.963049808, 0.04964038687, -0.05992397118, -7.60288213e-05, -0.06000825857, -1.37824342e-05] },
        { 45, 500, 30, 480, [0.0275, 0.01698776571, 1.61881206, 0.1054877065, -0.005638482668, 0.06063848267, -0.006080294439, 0.06124891853] },
        { 200, 2000, 260, 2100, [-0.02380952381, 0.009860820065, -2.414558186, 0.01575430645, -0.04307881963, -0.00454022799, -0.04309450504, -0.004482006801] },
        { 5, 40, 12, 45, [-0.1416666667, 0.08692269874, -1.629800601, 0.1031436467, -0.3065840276, 0.02325069427, -0.3017066424, 0.03148573468] },
    };

    [Theory]
    [MemberData(nameof(Section62Table))]
    public void Pooled_z_test_and_Newcombe_interval_match_section_6_2(long x1, long n1, long x2, long n2, double[] row)
    {
        var test = ProportionComparison.Compare(x1, n1, x2, n2);

        Approx.Absolute(row[0], test.Difference, Approx.ClosedForm, "Δ");
        Approx.Relative(row[2], test.Statistic, Approx.Printed, "pooled z");
        // The reported StandardError is the unpooled one (it goes with the interval); the pooled SE of the table is Δ/z.
        Approx.Absolute(row[1], test.Difference / test.Statistic, Approx.ClosedForm, "pooled SE = Δ/z");
        Assert.True(Math.Abs(test.PValue - row[3]) <= 1e-9 * row[3], $"p {test.PValue:R} vs {row[3]:R}");
        // Newcombe hybrid score (statsmodels default 'newcomb'); Wilson closed forms underneath.
        Approx.IntervalAbsolute(row[6], row[7], test.Interval, Approx.ClosedForm, "Newcombe");
        Assert.Equal("newcombe", test.Interval.Method);
        Assert.Equal("z-pooled", test.Test);
        Assert.Null(test.DegreesOfFreedom);
    }

    [Theory]
    [MemberData(nameof(Section62Table))]
    public void Wald_interval_matches_section_6_2_and_R_prop_test(long x1, long n1, long x2, long n2, double[] row)
    {
        var test = ProportionComparison.Compare(x1, n1, x2, n2, 0.95, useWaldInterval: true);

        Approx.IntervalAbsolute(row[4], row[5], test.Interval, Approx.ClosedForm, "Wald");
        Assert.Equal("wald", test.Interval.Method);
        // The unpooled SE is the Wald half-width / z (z = 1.959963985, 10 s.f.).
        Approx.Absolute(test.Interval.Width / 2 / 1.959963985, test.StandardError, 1e-9, "unpooled SE");
        // Same test statistic and p whichever interval is chosen.
        Approx.Relative(row[2], test.Statistic, Approx.Printed, "z");
    }

    [Fact]
    public void First_row_is_significant_under_the_pooled_test_the_regression_check_of_section_6_2()
    {
        // §6.2: 120/1000 vs 150/1000 has pooled p = 0.0496 (significant) but Yates p = 0.0577; the library implements the
        // uncorrected pooled test, and the Newcombe interval [−0.0600, −1.378e-05] excludes 0 consistently.
        var test = ProportionComparison.Compare(120, 1000, 150, 1000);
        Assert.True(test.IsSignificant);
        Assert.False(test.Interval.Contains(0));
    }

    [Fact]
    public void Both_samples_at_the_boundary_give_z_zero_and_p_one()
    {
        var test = ProportionComparison.Compare(10, 10, 20, 20);
        Assert.Equal(0.0, test.Statistic);
        Assert.Equal(1.0, test.PValue, 15);
    }
}
