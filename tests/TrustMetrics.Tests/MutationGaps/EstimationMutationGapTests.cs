using TrustMetrics.Estimation;

namespace TrustMetrics.Tests.MutationGaps;

/// <summary>
/// Tests written for the Stryker.NET mutants of <c>src/TrustMetrics/Estimation</c> that survived the suite (scripts/mutation.sh,
/// docs/mutation-testing.md lists each mutant and the test that now kills it). Each asserts documented behaviour: the
/// exception and argument name the XML docs promise, or a value with its closed form.
/// </summary>
public class EstimationMutationGapTests
{
    [Fact]
    public void Interval_refuses_minus_infinity_as_upper_bound_even_when_the_lower_bound_is_minus_infinity_too()
    {
        // [−∞, −∞] is ordered (−∞ ≤ −∞), so only the upper-bound check refuses it: "a bound may be −∞ (lower) or +∞ (upper)".
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new ConfidenceInterval(double.NegativeInfinity, double.NegativeInfinity, 0.95, "t"));
        Assert.Equal("upper", e.ParamName);
    }

    [Fact]
    public void Interval_refuses_plus_infinity_as_lower_bound_even_when_the_upper_bound_is_plus_infinity_too()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new ConfidenceInterval(double.PositiveInfinity, double.PositiveInfinity, 0.95, "t"));
        Assert.Equal("lower", e.ParamName);
    }

    [Fact]
    public void A_NaN_upper_bound_is_reported_as_the_upper_bound()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new ConfidenceInterval(0.1, double.NaN, 0.95, "wilson"));
        Assert.Equal("upper", e.ParamName);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-2.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Scaling_by_a_factor_that_is_not_finite_and_positive_is_refused(double factor)
    {
        // Scale(0) would otherwise give the valid-looking interval [0, 0]; the docs promise ArgumentOutOfRangeException for the factor.
        var interval = new ConfidenceInterval(0.2, 0.4, 0.95, "wilson");
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => interval.Scale(factor));
        Assert.Equal("factor", e.ParamName);
    }
}
