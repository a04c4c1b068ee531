using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using TrustMetrics.Estimation;

namespace TrustMetrics.Tests;

/// <summary>FsCheck laws of the binomial proportion intervals (definitions in survey-metrics.md §2.2).</summary>
public class ProportionIntervalPropertyTests
{
    private static readonly ProportionIntervalMethod[] AllMethods = Enum.GetValues<ProportionIntervalMethod>();

    /// <summary>(x, n) with 1 ≤ n ≤ 10⁶ and 0 ≤ x ≤ n; small n and the boundaries x = 0, x = n are drawn often.</summary>
    private static Gen<(long X, long N)> Counts(int maxN = 1_000_000) =>
        from n in Gen.Frequency((3, Gen.Choose(1, 30)), (2, Gen.Choose(1, 2000)), (1, Gen.Choose(1, maxN)))
        from x in Gen.Frequency((1, Gen.Constant(0)), (1, Gen.Constant(n)), (4, Gen.Choose(0, n)))
        select ((long)x, (long)n);

    [Property]
    public Property Every_interval_lies_within_the_unit_interval_and_is_ordered() =>
        Prop.ForAll(Counts().ToArbitrary(), c =>
        {
            foreach (var method in AllMethods)
            {
                var interval = ProportionIntervals.Compute(c.X, c.N, 0.95, method);
                Assert.True(0 <= interval.Lower && interval.Lower <= interval.Upper && interval.Upper <= 1, $"{method} {c}: {interval}");
            }
        });

    [Property]
    public Property Wilson_Clopper_Pearson_Jeffreys_and_Wald_contain_the_sample_share() =>
        Prop.ForAll(Counts().ToArbitrary(), c =>
        {
            double share = (double)c.X / c.N;
            foreach (var method in new[] { ProportionIntervalMethod.Wilson, ProportionIntervalMethod.ClopperPearson, ProportionIntervalMethod.Jeffreys, ProportionIntervalMethod.Wald })
            {
                var interval = ProportionIntervals.Compute(c.X, c.N, 0.95, method);
                Assert.True(interval.Contains(share), $"{method} {c}: {share} ∉ {interval}");
            }
        });

    [Property]
    public Property Interval_narrows_when_the_sample_grows_with_a_fixed_share() =>
        Prop.ForAll(Counts(250_000).ToArbitrary(), c =>
        {
            foreach (var method in AllMethods)
            {
                double small = ProportionIntervals.Compute(c.X, c.N, 0.95, method).Width;
                double big = ProportionIntervals.Compute(4 * c.X, 4 * c.N, 0.95, method).Width;
                if (method == ProportionIntervalMethod.Wald && (c.X == 0 || c.X == c.N))
                {
                    // p̂(1 − p̂) = 0: the Wald interval is degenerate at any n (§2.3 rows 0/10 and 10/10).
                    Assert.Equal(0.0, small);
                    Assert.Equal(0.0, big);
                }
                else
                {
                    Assert.True(big < small, $"{method} {c}: width {small} at n, {big} at 4n");
                }
            }
        });
}
