using TrustMetrics.TrustIndex;

namespace TrustMetrics.Tests.TrustIndex;

/// <summary>
/// Johnson's relative weights and Shapley R² against /work/shared/reference/trust-index.md §3.4: R 4.2.2 (eigen, lm over all
/// subsets) and numpy 1.24.2 agree to 10 s.f. (trust-index-scripts/kda.R, kda.py); relative weights on mtcars also match the
/// published rwa vignette. Closed forms: tolerance is the printed rounding — absolute 1e-10 for values below 1 (R², weights, r),
/// relative 1e-9 for percentages printed to 10 significant digits.
/// </summary>
public class KeyDriverReferenceTests
{
    private static readonly TrustIndexCalculator Calculator = new();

    [Fact]
    public void Mtcars_matches_kda_R_and_the_published_rwa_output()
    {
        // §3.4 (A): mpg ~ cyl + disp + hp + wt, R² = 0.8486347934.
        var drivers = TrustIndexData.Columns(TrustIndexData.Mtcars, 1, 5);
        var outcome = TrustIndexData.Columns(TrustIndexData.Mtcars, 0, 1);
        var result = Calculator.KeyDrivers(drivers, ["cyl", "disp", "hp", "wt"], outcome, "mpg", bootstrapReplicates: 0);
        Approx.Absolute(0.8486347934, result.RSquared.Value, Approx.ClosedForm, "R²");
        double[] rw = [0.2096903576, 0.1883042694, 0.1799589804, 0.2706811861];
        double[] rwPercent = [24.70913981, 22.1890819, 21.20570378, 31.89607451];
        double[] shapley = [0.2157093861, 0.2006983747, 0.1700769458, 0.2621500868];
        double[] shapleyPercent = [25.41839997, 23.64955765, 20.04124119, 30.89080118];
        double[] r = [-0.8521619594, -0.8475513793, -0.7761683718, -0.8676593765];
        for (int j = 0; j < 4; j++)
        {
            var d = result.Drivers[j];
            Approx.Absolute(rw[j], d.RelativeWeight.Value, Approx.ClosedForm, d.Name + " RW");
            Approx.Relative(rwPercent[j], d.RelativeWeightPercent!.Value, Approx.Printed, d.Name + " RW %");
            Approx.Absolute(shapley[j], d.Shapley.Value, Approx.ClosedForm, d.Name + " Shapley");
            Approx.Relative(shapleyPercent[j], d.ShapleyPercent!.Value, Approx.Printed, d.Name + " Shapley %");
            Approx.Absolute(r[j], d.Correlation, Approx.ClosedForm, d.Name + " r");
        }
    }

    [Fact]
    public void Constructed_driver_survey_matches_kda_R()
    {
        // §3.4 (B), drivers.csv: R² = 0.9761226177; transparency has a negative standardised beta yet the largest Shapley share.
        var drivers = TrustIndexData.Columns(TrustIndexData.Drivers, 0, 5);
        var outcome = TrustIndexData.Columns(TrustIndexData.Drivers, 5, 6);
        var result = Calculator.KeyDrivers(drivers, TrustDrivers.Names, outcome, "trust", bootstrapReplicates: 0);
        Approx.Absolute(0.9761226177, result.RSquared.Value, Approx.ClosedForm, "R²");
        double[] rw = [0.2000132402, 0.1994651734, 0.225964587, 0.1450630094, 0.2056166077];
        double[] rwPercent = [20.49058556, 20.43443823, 23.14920103, 14.86114621, 21.06462897];
        double[] shapley = [0.2263803686, 0.1933342177, 0.2107615491, 0.1353545113, 0.2102919711];
        double[] shapleyPercent = [23.19179625, 19.80634545, 21.59170839, 13.86654799, 21.54360192];
        double[] r = [0.9714285714, 0.9163795899, 0.9310068076, 0.8013886611, 0.9471061011];
        for (int j = 0; j < 5; j++)
        {
            var d = result.Drivers[j];
            Approx.Absolute(rw[j], d.RelativeWeight.Value, Approx.ClosedForm, d.Name + " RW");
            Approx.Relative(rwPercent[j], d.RelativeWeightPercent!.Value, Approx.Printed, d.Name + " RW %");
            Approx.Absolute(shapley[j], d.Shapley.Value, Approx.ClosedForm, d.Name + " Shapley");
            Approx.Relative(shapleyPercent[j], d.ShapleyPercent!.Value, Approx.Printed, d.Name + " Shapley %");
            Approx.Absolute(r[j], d.Correlation, Approx.ClosedForm, d.Name + " r");
        }

        // Both decompositions sum to R² (§3.3).
        Approx.Absolute(result.RSquared.Value, result.Drivers.Sum(d => d.RelativeWeight.Value), 1e-12, "Σ RW");
        Approx.Absolute(result.RSquared.Value, result.Drivers.Sum(d => d.Shapley.Value), 1e-12, "Σ Shapley");
    }

    [Fact]
    public void Bootstrap_intervals_are_seeded_reproducible_and_contain_the_estimate()
    {
        var drivers = TrustIndexData.Columns(TrustIndexData.Mtcars, 1, 5);
        var outcome = TrustIndexData.Columns(TrustIndexData.Mtcars, 0, 1);
        var a = Calculator.KeyDrivers(drivers, ["cyl", "disp", "hp", "wt"], outcome, "mpg", bootstrapReplicates: 500, seed: 7);
        var b = Calculator.KeyDrivers(drivers, ["cyl", "disp", "hp", "wt"], outcome, "mpg", bootstrapReplicates: 500, seed: 7);
        var c = Calculator.KeyDrivers(drivers, ["cyl", "disp", "hp", "wt"], outcome, "mpg", bootstrapReplicates: 500, seed: 8);
        Assert.Equal(a.Drivers.Select(d => d.Shapley.Interval), b.Drivers.Select(d => d.Shapley.Interval));
        Assert.NotEqual(a.Drivers.Select(d => d.Shapley.Interval), c.Drivers.Select(d => d.Shapley.Interval));
        foreach (var d in a.Drivers)
        {
            Assert.Equal("bootstrap-percentile", d.RelativeWeight.Interval.Method);
            Assert.True(d.RelativeWeight.Interval.Lower < d.RelativeWeight.Interval.Upper);
            Assert.True(d.Shapley.Interval.Contains(d.Shapley.Value), $"{d.Name}: {d.Shapley}");
        }

        Assert.True(a.RSquared.Interval.Contains(a.RSquared.Value));
    }
}
