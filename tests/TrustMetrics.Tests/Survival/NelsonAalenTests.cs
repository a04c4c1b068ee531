using TrustMetrics.Survival;

namespace TrustMetrics.Tests.Survival;

/// <summary>Nelson–Aalen against ltv-churn.md §9 (R-here: R 4.2.2, survival 3.5-3, survfit ctype 2 / ctype 1) and hand arithmetic.</summary>
public class NelsonAalenTests
{
    private static readonly SurvivalAnalyzer Analyzer = new();

    private static readonly double[] Times = [38, 41, 56, 69, 75];

    [Fact]
    public void Waltons_control_tie_corrected_hazard_matches_R_ctype_2()
    {
        // ltv-churn.md §9, R-here (= R ctype 2 = lifelines default): 0.0477570591, 0.1065972124, 0.6343001609, 3.782809752, 4.782809752.
        double[] expected = [0.0477570591, 0.1065972124, 0.6343001609, 3.782809752, 4.782809752];
        var na = Analyzer.NelsonAalen(SurvivalData.Tally(SurvivalData.Waltons, "control"));
        Assert.Equal(NelsonAalenTies.FlemingHarrington, na.Ties);
        for (int i = 0; i < Times.Length; i++)
        {
            Approx.Relative(expected[i], na.CumulativeHazardAt(Times[i]), Approx.Printed, $"H({Times[i]})");
        }
    }

    [Fact]
    public void Waltons_control_discrete_hazard_matches_R_ctype_1()
    {
        // ltv-churn.md §9, R-here (= R ctype 1): 0.04769149393, 0.1050685431, 0.5996690207, 2.682209081, 3.682209081.
        double[] expected = [0.04769149393, 0.1050685431, 0.5996690207, 2.682209081, 3.682209081];
        var na = Analyzer.NelsonAalen(SurvivalData.Tally(SurvivalData.Waltons, "control"), ties: NelsonAalenTies.Discrete);
        for (int i = 0; i < Times.Length; i++)
        {
            Approx.Relative(expected[i], na.CumulativeHazardAt(Times[i]), Approx.Printed, $"H({Times[i]})");
        }
    }

    [Fact]
    public void Variances_and_interval_follow_the_section_9_formulas_by_hand()
    {
        // T = (2, 2, 3, 5), E = (1, 1, 0, 1): at t = 2, n = 4, d = 2; at t = 5, n = 1, d = 1 (ltv-churn.md §9 formulas).
        var tally = SurvivalTally.FromDurations([2.0, 2, 3, 5], [1, 1, 0, 1]);
        var corrected = Analyzer.NelsonAalen(tally);
        var discrete = Analyzer.NelsonAalen(tally, ties: NelsonAalenTies.Discrete);

        // Tie-corrected: H(2) = 1/4 + 1/3, Var = 1/16 + 1/9; H(5) adds 1/1 and Var adds 1.
        Assert.Equal(1.0 / 4 + 1.0 / 3, corrected.Table[0].CumulativeHazard, 15);
        Assert.Equal(Math.Sqrt(1.0 / 16 + 1.0 / 9), corrected.Table[0].StandardError, 15);
        Assert.Equal(1.0 / 4 + 1.0 / 3 + 1, corrected.Table[2].CumulativeHazard, 15);
        // Discrete: H(2) = 2/4, Var = (4 − 2)·2/4³; H(5) adds 1 and Var adds 0.
        Assert.Equal(0.5, discrete.Table[0].CumulativeHazard, 15);
        Assert.Equal(Math.Sqrt(4.0 / 64), discrete.Table[0].StandardError, 15);
        Assert.Equal(1.5, discrete.Table[2].CumulativeHazard, 15);
        Assert.Equal(Math.Sqrt(4.0 / 64), discrete.Table[2].StandardError, 15);

        // Interval Ĥ·exp(±z·SE/Ĥ), z = Φ⁻¹(0.975).
        const double z = 1.959963984540054;
        var row = discrete.Table[0];
        Assert.Equal(0.5 * Math.Exp(-z * 0.25 / 0.5), row.Lower, 14);
        Assert.Equal(0.5 * Math.Exp(z * 0.25 / 0.5), row.Upper, 14);
        Assert.Equal((1L, 0L, 1L), (corrected.Table[1].AtRisk - 1, corrected.Table[1].Events, corrected.Table[1].Censored));
    }

    [Fact]
    public void Hazard_is_zero_with_interval_zero_zero_before_the_first_event()
    {
        var na = Analyzer.NelsonAalen(SurvivalTally.FromDurations([1.0, 4, 6], [0, 1, 1]));
        Assert.Equal(0.0, na.CumulativeHazardAt(3.9));
        var row = na.Table[0];
        Assert.Equal((0.0, 0.0, 0.0), (row.CumulativeHazard, row.Lower, row.Upper));
        var before = na.EstimateAt(0.5);
        Assert.Equal((0.0, 0.0, 0.0, 0.0), (before.Value, before.StandardError, before.Interval.Lower, before.Interval.Upper));
        Assert.Equal(1.0 / 2 + 1.0, na.CumulativeHazardAt(100), 15);
    }

    [Theory]
    [InlineData(10L, 3L)]
    [InlineData(1_000_000L, 65_536L)]           // last direct sum
    [InlineData(1_000_000L, 65_537L)]           // first expansion, both ends large
    [InlineData(200_000L, 199_990L)]            // expansion with a small remaining risk set
    [InlineData(70_000L, 70_000L)]              // every subject at risk fails
    [InlineData(5_000_000_000L, 3_000_000L)]
    public void Harmonic_increments_for_huge_tie_counts_agree_with_direct_summation(long n, long d)
    {
        double sum = 0, squares = 0;
        for (long k = d - 1; k >= 0; k--)
        {
            double x = n - k;
            sum += 1.0 / x;
            squares += 1.0 / (x * x);
        }

        Assert.Equal(sum, HarmonicSums.Harmonic(n, d), sum * 1e-13);
        Assert.Equal(squares, HarmonicSums.HarmonicSquares(n, d), squares * 1e-13);
    }
}
