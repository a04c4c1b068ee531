using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using TrustMetrics.Weighting;
using Xunit;

namespace TrustMetrics.Tests.Weighting;

/// <summary>Trimming, validation, closed forms and laws of raking (docs/weighting.md).</summary>
public class RakingBehaviourTests
{
    private static readonly RakingMargin Half = new("segment", ["a", "b"], [0.5, 0.5]);

    [Fact]
    public void One_margin_is_post_stratification_in_closed_form()
    {
        // Closed form: one margin → weight = share·n / n_level in one step; a: 0.5·4/3 = 2/3, b: 0.5·4/1 = 2.
        var w = Raking.Rake([Half], [new[] { 0, 0, 1, 0 }]);
        Assert.True(w.Converged);
        Assert.Equal(1, w.Iterations);
        Approx.Relative(2.0 / 3, w.Weights[0], 1e-15, "w a");
        Approx.Relative(2.0, w.Weights[2], 1e-15, "w b");
        // Kish: (Σw)²/Σw² = 16 / (3·4/9 + 4) = 3.
        Approx.Relative(3.0, w.EffectiveSampleSize, 1e-14, "n_eff");
        Approx.Relative(4.0 / 3, w.DesignEffect, 1e-14, "deff");
        // Closed form: NPS = (2/3·(100 − 100 + 0) + 2·100)/4 = 50.
        Approx.Absolute(50.0, w.Nps([10, 3, 9, 7]).Score.Value, 1e-12, "nps");
    }

    [Fact]
    public void Trimming_holds_bounds_and_margins_and_loose_bounds_change_nothing()
    {
        var (margins, survey) = RakingTests.Load("synthetic-3-margins.csv", "synthetic-margins.csv", "region", "age", "channel");
        var plain = Raking.Rake(margins, survey.Levels);
        Assert.True(plain.MaxWeight > 4.0); // R survey: the untrimmed weights range 0.276–8.19, beyond the bounds below
        var trimmed = Raking.Rake(margins, survey.Levels, new RakingOptions(1e-10, 5000, 0.3, 4.0));
        Assert.True(trimmed.Converged);
        Assert.True(trimmed.MinWeight >= 0.3 && trimmed.MaxWeight <= 4.0);
        Assert.True(trimmed.TrimmedCount > 0);
        Assert.True(trimmed.MaxMarginError < 1e-10);
        Assert.True(trimmed.DesignEffect < plain.DesignEffect);
        for (int m = 0; m < margins.Count; m++)
        {
            var achieved = trimmed.AchievedShares(m);
            for (int l = 0; l < achieved.Count; l++)
            {
                Approx.Absolute(margins[m].Shares[l], achieved[l], 1e-10, $"{margins[m].Variable} {margins[m].Levels[l]}");
            }
        }

        var loose = Raking.Rake(margins, survey.Levels, new RakingOptions(1e-12, 1000, 0.0, 1000.0));
        for (int i = 0; i < 50; i++)
        {
            Approx.Relative(plain.Weights[i], loose.Weights[i], 1e-12, $"w[{i}]");
        }
    }

    [Fact]
    public void Infeasible_bounds_report_no_convergence()
    {
        var w = Raking.Rake([Half], [new[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 }], new RakingOptions(1e-12, 50, 0.9, 1.1));
        Assert.False(w.Converged);
        Assert.Equal(50, w.Iterations);
        Assert.True(w.MaxMarginError > 0.1);
    }

    [Fact]
    public void Invalid_inputs_name_the_argument_and_value()
    {
        var e = Assert.Throws<ArgumentException>(() => new RakingMargin("segment", ["a", "b"], [0.5, 0.6]));
        Assert.Contains("1.1", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new RakingMargin("segment", ["a", "b"], [0.0, 1.0]));
        Assert.Throws<ArgumentException>(() => new RakingMargin("segment", ["a", "a"], [0.5, 0.5]));
        Assert.Throws<ArgumentException>(() => new RakingMargin("", ["a"], [1.0]));
        var level = Assert.Throws<ArgumentException>(() => Raking.Rake([Half], [(IReadOnlyList<string>)["a", "c"]]));
        Assert.Contains("'c'", level.Message);
        var absent = Assert.Throws<ArgumentException>(() => Raking.Rake([Half], [new[] { 0, 0 }]));
        Assert.Contains("'b'", absent.Message);
        var range = Assert.Throws<ArgumentOutOfRangeException>(() => Raking.Rake([Half], [new[] { 0, 2 }]));
        Assert.Contains("levelIndices[0][1] = 2", range.Message);
        Assert.Throws<ArgumentException>(() => Raking.Rake([Half, Half], [new[] { 0, 1 }, new[] { 0, 1 }]));
        Assert.Throws<ArgumentException>(() => Raking.Rake([Half], [Array.Empty<int>()]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RakingOptions(0, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RakingOptions(1e-9, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RakingOptions(1e-9, 10, 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RakingOptions(1e-9, 10, null, 0.5));
        var w = Raking.Rake([Half], [new[] { 0, 1 }]);
        Assert.Throws<ArgumentException>(() => w.Nps([10]));
        Assert.Throws<ArgumentOutOfRangeException>(() => w.Nps([10, 11]));
        Assert.Throws<ArgumentOutOfRangeException>(() => w.Mean([1.0, double.NaN]));
        Assert.Throws<ArgumentOutOfRangeException>(() => w.Mean([1.0, 2.0], 1.0));
    }

    [Fact]
    public void One_respondent_has_an_unknown_standard_error()
    {
        var w = Raking.Rake([new RakingMargin("segment", ["a"], [1.0])], [new[] { 0 }]);
        var e = w.Nps([10]);
        Assert.Equal(100.0, e.Score.Value);
        Assert.Equal(double.PositiveInfinity, e.Score.StandardError);
    }

    [Property(MaxTest = 100)]
    public Property Non_finite_shares_and_values_are_refused(double share, double value)
    {
        bool badShare = !(double.IsFinite(share) && share > 0 && Math.Abs(share - 1) <= 1e-6);
        bool refused;
        try
        {
            _ = new RakingMargin("x", ["a"], [share]);
            refused = false;
        }
        catch (ArgumentException)
        {
            refused = true;
        }

        double mean;
        try
        {
            mean = Raking.Rake([Half], [new[] { 0, 1, 1 }]).Mean([1.0, value, 2.0]).Score.Value;
        }
        catch (ArgumentOutOfRangeException)
        {
            mean = 0;
            Assert.True(!double.IsFinite(value) || Math.Abs(value) > 1e150); // non-finite, or so large that the squares overflow
        }

        return (refused == badShare && !double.IsNaN(mean)).ToProperty();
    }

    [Property(MaxTest = 50)]
    public Property Raked_margins_meet_their_targets(PositiveInt seed)
    {
        var random = new Random(seed.Get);
        int n = 30 + random.Next(200);
        int[] a = [.. Enumerable.Range(0, n).Select(i => i < 3 ? i : random.Next(3))];
        int[] b = [.. Enumerable.Range(0, n).Select(i => i < 2 ? i : random.Next(2))];
        var margins = new[] { new RakingMargin("a", ["x", "y", "z"], [0.2, 0.3, 0.5]), new RakingMargin("b", ["u", "v"], [0.6, 0.4]) };
        var w = Raking.Rake(margins, [a, b], new RakingOptions(1e-12, 10000));
        bool ok = !w.Converged || (Math.Abs(w.AchievedShares(0)[2] - 0.5) < 1e-11 && Math.Abs(w.AchievedShares(1)[0] - 0.6) < 1e-11
            && Math.Abs(w.TotalWeight - n) < 1e-9 * n);
        return ok.ToProperty();
    }
}
