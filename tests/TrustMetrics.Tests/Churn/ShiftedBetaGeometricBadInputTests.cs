using TrustMetrics.Churn;

namespace TrustMetrics.Tests.Churn;

/// <summary>sBG input validation and series without a finite maximum-likelihood estimate: every error says which value and why.</summary>
public class ShiftedBetaGeometricBadInputTests
{
    private static readonly ShiftedBetaGeometric Model = new();

    [Fact]
    public void Increasing_survivors_name_both_indices_and_values()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Model.Fit([1000, 800, 650, 700, 500]));
        Assert.Contains("survivors[3] = 700 is greater than survivors[2] = 650", e.Message, StringComparison.Ordinal);
        Assert.Equal("survivors", e.ParamName);
    }

    [Fact]
    public void Survivors_above_the_cohort_size_are_rejected()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Model.Fit([100, 120, 90]));
        Assert.Contains("survivors[1] = 120 exceeds the cohort size survivors[0] = 100", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new long[] { 100, 90, -1 }, "survivors[2] = -1 is negative")]
    [InlineData(new long[] { 0, 0, 0 }, "survivors[0] = 0 is the cohort size")]
    [InlineData(new long[] { -5, 0, 0 }, "survivors[0] = -5 is the cohort size")]
    public void Negative_counts_and_an_empty_cohort_are_rejected(long[] survivors, string expected)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Model.Fit(survivors));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new long[0])]
    [InlineData(new long[] { 100 })]
    [InlineData(new long[] { 100, 60 })]
    public void Fewer_than_two_periods_cannot_identify_both_parameters(long[] survivors)
    {
        var e = Assert.Throws<ArgumentException>(() => Model.Fit(survivors));
        Assert.Contains("at least two periods", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_churn_at_all_has_no_finite_estimate()
    {
        var e = Assert.Throws<ArgumentException>(() => Model.Fit([500, 500, 500, 500]));
        Assert.Contains("No customer churned", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Everyone_lost_in_period_1_has_no_finite_estimate()
    {
        var e = Assert.Throws<ArgumentException>(() => Model.Fit([500, 0, 0]));
        Assert.Contains("churned in period 1", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new long[] { 1000, 500, 250, 125 })]     // constant retention: exactly geometric
    [InlineData(new long[] { 1000, 500, 200, 50 })]      // falling retention
    [InlineData(new long[] { 100, 50, 0 })]
    public void Retention_that_does_not_rise_is_the_homogeneous_limit_and_says_so(long[] survivors)
    {
        var e = Assert.Throws<ArgumentException>(() => Model.Fit(survivors));
        Assert.Contains("homogeneous limit", e.Message, StringComparison.Ordinal);
        Assert.Contains("constant churn rate", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_boundary_at_zero_says_so()
    {
        // 99% lost in period 1, then nobody: the likelihood keeps rising as α, β → 0 with α/(α + β) = 0.99.
        var e = Assert.Throws<ArgumentException>(() => Model.Fit([100, 1, 1, 1]));
        Assert.Contains("boundary", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parameters_and_projections_reject_invalid_arguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ShiftedBetaGeometricParameters(0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ShiftedBetaGeometricParameters(1, double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ShiftedBetaGeometricParameters(double.PositiveInfinity, 1));
        var p = new ShiftedBetaGeometricParameters(1, 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => p.Survival(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => p.RetentionRate(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => p.ChurnProbability(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => p.DiscountedExpectedLifetime(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => p.DiscountedExpectedLifetime(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => p.DiscountedExpectedResidualLifetime(0.1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => p.LifetimeQuantile(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Model.Fit(ShiftedBetaGeometricTests.HighEnd, 1.5));
    }
}
