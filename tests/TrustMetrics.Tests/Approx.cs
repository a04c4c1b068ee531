using System.Globalization;

namespace TrustMetrics.Tests;

/// <summary>Tolerance assertions used by every reference-vector test.</summary>
internal static class Approx
{
    /// <summary>
    /// For closed-form values below 1 in magnitude printed to 10 significant digits in survey-metrics.md (shares, proportion
    /// bounds): their rounding is at most 5e-11 absolute. The 1e-12 the notes recommend for closed forms (§7.1) can only be met
    /// against full-precision values (hand-derived exact values and the full-precision formula checks use 1e-12 or tighter);
    /// against the printed tables 1e-10 is the tightest honest bound.
    /// </summary>
    public const double ClosedForm = 1e-10;

    /// <summary>
    /// For any value printed to 10 significant digits, whatever its magnitude (points = 100 × share, z statistics, t quantiles):
    /// the rounding is at most 5e-10 of the value, so relative 1e-9 (<see cref="Relative"/>) is the tightest honest bound.
    /// </summary>
    public const double Printed = 1e-9;

    /// <summary>Quantile-based bounds (inverse incomplete beta, t quantile): survey-metrics.md §7.1 recommends relative 1e-9.</summary>
    public const double Quantile = 1e-9;

    /// <summary>Asserts |actual − expected| ≤ tolerance · |expected| (pure relative; for expected = 0 this demands exactness).</summary>
    public static void Relative(double expected, double actual, double tolerance, string what = "value")
    {
        double bound = tolerance * Math.Abs(expected);
        if (!(Math.Abs(actual - expected) <= bound))
        {
            Assert.Fail(string.Create(CultureInfo.InvariantCulture,
                $"{what}: expected {expected:R} (relative ± {tolerance:R}, i.e. ± {bound:R}), got {actual:R}; relative difference {(actual - expected) / expected:R}."));
        }
    }

    /// <summary>Asserts |actual − expected| ≤ tolerance (pure absolute, whatever the magnitude).</summary>
    public static void Absolute(double expected, double actual, double tolerance, string what = "value")
    {
        if (!(Math.Abs(actual - expected) <= tolerance))
        {
            Assert.Fail(string.Create(CultureInfo.InvariantCulture,
                $"{what}: expected {expected:R} (absolute ± {tolerance:R}), got {actual:R}; difference {actual - expected:R}."));
        }
    }

    /// <summary>Asserts both bounds of an interval with <see cref="Relative"/> (bounds whose magnitude is 1 or more).</summary>
    public static void IntervalRelative(double expectedLower, double expectedUpper, Estimation.ConfidenceInterval actual, double tolerance, string what = "interval")
    {
        Relative(expectedLower, actual.Lower, tolerance, what + " lower");
        Relative(expectedUpper, actual.Upper, tolerance, what + " upper");
    }

    /// <summary>Asserts both bounds of an interval with <see cref="Absolute"/> (shares, probabilities, bounds that may be 0).</summary>
    public static void IntervalAbsolute(double expectedLower, double expectedUpper, Estimation.ConfidenceInterval actual, double tolerance, string what = "interval")
    {
        Absolute(expectedLower, actual.Lower, tolerance, what + " lower");
        Absolute(expectedUpper, actual.Upper, tolerance, what + " upper");
    }
}
