using TrustMetrics.Estimation;
using TrustMetrics.Nps;

namespace TrustMetrics.Tests;

/// <summary>
/// Two independent NPS samples against survey-metrics.md §1.6 (R 4.2.2 + brendan-r/NPS source <c>nps_test_(x, y, ...)</c>;
/// p re-checked with 2*pnorm(−z)). The notes use the share scale; the library reports Δ, SE and CI in points (× 100),
/// z and p unchanged, and keeps the sign of Δ (the package reports |Δ|).
/// </summary>
public class NpsComparisonTests
{
    /// <summary>§1.6 rows: x, y, method, { Δ, SE, z, CI lower, CI upper, p }.</summary>
    public static TheoryData<long[], long[], NpsComparisonMethod, double[]> Section16Table => new()
    {
        { [20, 30, 50], [30, 40, 30], NpsComparisonMethod.Wald, [0.3, 0.11, 2.727272727, 0.0844039617, 0.5155960383, 0.006386023283] },
        { [20, 30, 50], [30, 40, 30], NpsComparisonMethod.AdjustedWald, [0.2912621359, 0.1082261433, 2.691236396, 0.07914279283, 0.503381479, 0.007118773166] },
        { [37, 81, 145], [52, 90, 118], NpsComparisonMethod.Wald, [0.156800234, 0.06524577408, 2.403224365, 0.02892086666, 0.2846796013, 0.01625121315] },
        { [37, 81, 145], [52, 90, 118], NpsComparisonMethod.AdjustedWald, [0.1550644673, 0.06491279353, 2.38881211, 0.02783772981, 0.2822912047, 0.01690294433] },
    };

    private static NpsTally Tally(long[] c) => new NpsTally(c[0], c[1], c[2]);

    [Theory]
    [MemberData(nameof(Section16Table))]
    public void Comparison_matches_section_1_6_in_points(long[] x, long[] y, NpsComparisonMethod method, double[] row)
    {
        var test = NpsComparison.Compare(Tally(x), Tally(y), 0.95, method);

        // 10 s.f. printed; in points (and for z) the rounding is ≤ 5e-10 relative → Approx.Printed for Δ, SE, z and CI.
        Approx.Relative(100 * row[0], test.Difference, Approx.Printed, "Δ");
        Approx.Relative(100 * row[1], test.StandardError, Approx.Printed, "SE");
        Approx.Relative(row[2], test.Statistic, Approx.Printed, "z");
        Approx.Relative(100 * row[3], test.Interval.Lower, Approx.Printed, "CI" + " lower");
        Approx.Relative(100 * row[4], test.Interval.Upper, Approx.Printed, "CI" + " upper");
        // p goes through Φ (MathNet); relative 1e-9 of the printed 10-digit value.
        Assert.True(Math.Abs(test.PValue - row[5]) <= 1e-9 * row[5], $"p {test.PValue:R} vs {row[5]:R}");
        Assert.Null(test.DegreesOfFreedom);
        string name = method == NpsComparisonMethod.Wald ? "wald" : "adjusted-wald";
        Assert.Equal(name, test.Interval.Method);
        Assert.Equal("z-" + name, test.Test);
        Assert.True(test.IsSignificant); // every §1.6 row has p < 0.05 and a CI above 0.
    }

    [Theory]
    [MemberData(nameof(Section16Table))]
    public void Swapping_the_samples_flips_the_sign_and_keeps_the_p_value(long[] x, long[] y, NpsComparisonMethod method, double[] row)
    {
        // The package reports |Δ| and builds its CI around it (§1.6 "Package quirk"); the library keeps the sign.
        var test = NpsComparison.Compare(Tally(y), Tally(x), 0.95, method);
        Approx.Relative(-100 * row[0], test.Difference, Approx.Printed, "Δ");
        Approx.Relative(100 * row[1], test.StandardError, Approx.Printed, "SE");
        Approx.Relative(-row[2], test.Statistic, Approx.Printed, "z");
        Approx.Relative(-100 * row[4], test.Interval.Lower, Approx.Printed, "CI" + " lower");
        Approx.Relative(-100 * row[3], test.Interval.Upper, Approx.Printed, "CI" + " upper");
        Assert.True(Math.Abs(test.PValue - row[5]) <= 1e-9 * row[5]);
    }

    [Fact]
    public void Hand_check_of_the_first_row()
    {
        // §1.6 hand check: V_x = 0.5 + 0.2 − 0.09 = 0.61, V_y = 0.3 + 0.3 − 0 = 0.6, SE = √(0.0061 + 0.006) = 0.11, z = 0.3/0.11.
        var test = NpsComparison.Compare(new NpsTally(20, 30, 50), new NpsTally(30, 40, 30), 0.95, NpsComparisonMethod.Wald);
        Approx.Relative(30.0, test.Difference, 1e-13, "Δ");
        Approx.Relative(11.0, test.StandardError, 1e-13, "SE");
        Approx.Relative(0.3 / 0.11, test.Statistic, 1e-13, "z");
    }

    [Fact]
    public void Calculator_compare_defaults_to_adjusted_Wald_and_honours_overrides()
    {
        var calculator = new NpsCalculator();
        var x = new NpsTally(20, 30, 50);
        var y = new NpsTally(30, 40, 30);

        DifferenceTest byDefault = calculator.Compare(x, y);
        Assert.Equal("z-adjusted-wald", byDefault.Test);
        Approx.Relative(29.12621359, byDefault.Difference, Approx.Printed, "adjusted Δ (§1.6)");
        Assert.Equal(NpsComparison.Compare(x, y), byDefault);

        DifferenceTest wald = calculator.Compare(x, y, 0.95, NpsComparisonMethod.Wald);
        Assert.Equal(NpsComparison.Compare(x, y, 0.95, NpsComparisonMethod.Wald), wald);
        Assert.Equal("z-wald", wald.Test);
    }

    [Fact]
    public void Identical_samples_give_zero_difference_and_p_one()
    {
        var x = new NpsTally(20, 30, 50);
        var test = NpsComparison.Compare(x, x, 0.95, NpsComparisonMethod.Wald);
        Assert.Equal(0.0, test.Difference);
        Assert.Equal(0.0, test.Statistic);
        Assert.Equal(1.0, test.PValue, 15);
        Assert.True(test.Interval.Contains(0));
    }
}
