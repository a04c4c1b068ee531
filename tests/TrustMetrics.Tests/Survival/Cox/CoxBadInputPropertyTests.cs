using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using TrustMetrics.Survival;

namespace TrustMetrics.Tests.Survival.Cox;

/// <summary>NaN, ±∞ and negative values fed into the Cox entry points: an ArgumentException (naming row and column) or a NaN-free result.</summary>
public sealed class CoxBadInputPropertyTests
{
    private static readonly double[] Bad = [double.NaN, double.PositiveInfinity, double.NegativeInfinity];

    [Property(MaxTest = 50)]
    public Property Bad_values_are_refused_or_give_a_NaN_free_fit(int seed, byte which, byte at)
    {
        var rng = new Random(seed);
        int n = 12;
        var x = Enumerable.Range(0, n).Select(_ => rng.NextDouble()).ToArray();
        var z = Enumerable.Range(0, n).Select(_ => rng.NextDouble()).ToArray();
        var stop = Enumerable.Range(0, n).Select(i => 1.0 + i).ToArray();
        var ev = Enumerable.Range(0, n).Select(i => i % 3 != 2).ToArray();
        var w = Enumerable.Repeat(1.0, n).ToArray();
        double bad = which % 4 == 3 ? -1.0 : Bad[which % 3];
        int row = at % n;
        switch (which % 4 + (which / 4 % 3 * 4))
        {
            case < 4: x[row] = bad; break;
            case < 8: stop[row] = bad; break;
            default: w[row] = bad; break;
        }

        try
        {
            var data = CoxData.Create(["x", "z"], [x, z], stop, ev, weights: w);
            var fit = new CoxRegression().Fit(data);
            return fit.Coefficients.All(c => !double.IsNaN(c.Coefficient) && !double.IsNaN(c.StandardError) && !double.IsNaN(c.PValue)).ToProperty();
        }
        catch (ArgumentException e)
        {
            return (e.Message.Contains(row.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)).ToProperty();
        }
    }

    [Fact]
    public void A_NaN_covariate_is_refused_naming_row_and_column()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            CoxData.Create(["age", "prio"], [[30, 40, 50], [1, double.NaN, 2]], [1, 2, 3], [true, false, true]));
        Assert.Equal("covariates", e.ParamName);
        Assert.Contains("Row 1, covariate 'prio'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_constant_covariate_is_named()
    {
        var e = Assert.Throws<ArgumentException>(() => new CoxRegression().Fit(
            CoxData.Create(["age", "flat"], [[30, 40, 50, 20], [1, 1, 1, 1]], [1, 2, 3, 4], [true, false, true, true])));
        Assert.Contains("'flat'", e.Message, StringComparison.Ordinal);
    }
}
