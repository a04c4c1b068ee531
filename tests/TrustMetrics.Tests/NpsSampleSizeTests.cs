using TrustMetrics.Nps;

namespace TrustMetrics.Tests;

/// <summary>
/// Sample sizes against survey-metrics.md §1.7 (Python scipy 1.10.1 <c>norm.ppf</c>; z₀.₉₇₅ = 1.959963985, z₀.₈₀ = 0.8416212336).
/// The notes give the margin d on the share scale; the library takes it in points (d = 0.05 → 5 points). The library implements
/// the Wald inversion n = ⌈z²V/d²⌉ (the "n (Wald, ceil)" column), not Lewis &amp; Sauro's "− 3" variant.
/// </summary>
public class NpsSampleSizeTests
{
    // §1.7: V = 1 is the worst case (pP = pD = 0.5); V = 0.61 from e.g. pP = 0.5, pD = 0.2 (0.7 − 0.3² = 0.61, as in §1.4 row (20,30,50)).
    [Theory]
    [InlineData(5.0, 1537)]   // z²V/d² = 1536.583528
    [InlineData(10.0, 385)]   // 384.1458821
    public void Worst_case_margin_of_error_matches_section_1_7(double marginPoints, long expected)
    {
        Assert.Equal(expected, NpsSampleSize.ForMarginOfErrorWorstCase(marginPoints));
        Assert.Equal(expected, NpsSampleSize.ForMarginOfError(marginPoints, 0.5, 0.5));
    }

    [Theory]
    [InlineData(5.0, 938)]    // z²V/d² = 937.3159522
    [InlineData(10.0, 235)]   // 234.3289881
    public void Margin_of_error_with_V_061_matches_section_1_7(double marginPoints, long expected) =>
        Assert.Equal(expected, NpsSampleSize.ForMarginOfError(marginPoints, promoterShare: 0.5, detractorShare: 0.2));

    [Fact]
    public void Two_group_sizes_match_section_1_7()
    {
        // §1.7: α = .05 two-sided, power .80, δ = 0.10 (10 points): V1 = V2 = 0.61 → raw 957.5633276 → 958; V1 = V2 = 1 → 1569.775947 → 1570.
        Assert.Equal(958, NpsSampleSize.ForComparison(10, 0.5, 0.2, 0.5, 0.2, 0.95, 0.8));
        Assert.Equal(1570, NpsSampleSize.ForComparison(10, 0.5, 0.5, 0.5, 0.5, 0.95, 0.8));
        Assert.Equal(958, NpsSampleSize.ForComparison(10, 0.5, 0.2, 0.5, 0.2));
    }

    [Fact]
    public void Wald_interval_at_the_planned_size_meets_the_margin()
    {
        // Consistency: at n = 938 with shares 0.5/0.3/0.2 (V = 0.61) the Wald half-width is ≤ 5 points, and at n = 937 it would not be
        // (937.3159522 > 937, §1.7). Checked with V fixed: half = 100·z·√(0.61/n).
        const double z = 1.959963985;
        Assert.True(100 * z * Math.Sqrt(0.61 / 938) <= 5.0);
        Assert.True(100 * z * Math.Sqrt(0.61 / 937) > 5.0);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-5.0)]
    [InlineData(double.NaN)]
    [InlineData(201.0)]
    public void Margin_outside_0_200_points_is_rejected(double margin) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => NpsSampleSize.ForMarginOfError(margin, 0.5, 0.2));

    [Fact]
    public void Shares_that_do_not_form_a_distribution_or_have_no_spread_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NpsSampleSize.ForMarginOfError(5, 0.7, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => NpsSampleSize.ForMarginOfError(5, 1.5, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => NpsSampleSize.ForMarginOfError(5, 1.0, 0.0)); // V = 0
        Assert.Throws<ArgumentOutOfRangeException>(() => NpsSampleSize.ForComparison(10, 0.5, 0.2, 0.5, 0.2, 0.95, 1.0));
    }
}
