using TrustMetrics.Clv;
using TrustMetrics.Statistics;

namespace TrustMetrics.Tests.Clv;

/// <summary>
/// The interpolated sigma-point numerators of the BG/NBD interval family (<c>NumeratorInterpolation</c>) against their reference,
/// the exact computation they replace: the models' own ₂F₁ series (E[Y(t) | x, t_x, T] / P(alive), FHL 2005 eq. 10), row by row.
/// Tolerance: 1e-13 relative, the build-time check's own bound (about 500 units in the last place); a row whose piece failed the
/// check must report false, never a value.
/// </summary>
public class NumeratorInterpolationTests
{
    /// <summary>Models around the CDNOW BG/NBD fit (r 0.243, α 4.414, a 0.793, b 2.426), α moved by up to ±30 %.</summary>
    private static readonly BgNbdModel[] Models =
    [
        new(new BgNbdParameters(0.243, 4.414, 0.793, 2.426)),
        new(new BgNbdParameters(0.26, 5.6, 0.7, 2.9)),
        new(new BgNbdParameters(0.22, 3.2, 0.9, 2.0)),
        new(new BgNbdParameters(0.243, 4.414, 1.6, 2.426)),   // a > 1
        new(new BgNbdParameters(0.243, 4.414, 0.793, 0.4)),
    ];

    /// <summary>The model's own numerator: E[Y] at t_x = T divided by P(alive) at t_x = T (both the model's routines).</summary>
    private static double Direct(int j, long x, double T, double t) =>
        Models[j].ConditionalUnchecked(t, x, T, T) / (x == 0 ? 1.0 : Models[j].AliveUnchecked(x, T, T));

    [Theory]
    [InlineData(39.0, 27.0, 39.0)]     // the 1M benchmark file's shape (weeks)
    [InlineData(39.0, 0.01, 80.0)]     // new customers to old ones: many pieces, T near 0
    [InlineData(1.0, 5.0, 400.0)]      // a short horizon over a long range of ages
    public void Every_row_agrees_with_the_series_or_is_declined(double horizon, double minT, double maxT)
    {
        var random = new Random(2026);
        int n = 60_000;
        var x = new long[n];
        var T = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = random.Next(4);                        // 15,000 rows per frequency: every frequency is tabulated
            T[i] = minT + ((maxT - minT) * random.NextDouble());
        }

        var table = NumeratorInterpolation.Build(Models.Length, Models[0].Parameters.Alpha, x, T, 3, (j, f, age) => Direct(j, f, age, horizon), ParallelWork.Serial);
        Assert.NotNull(table);
        Assert.True(table.ValidPieces == table.Pieces, $"{table.Pieces - table.ValidPieces} of {table.Pieces} pieces failed the check on a smooth case");
        var values = new double[Models.Length + 1];
        int checkedRows = 0;
        for (int i = 0; i < n; i += 7)
        {
            Assert.True(table.TryEvaluate(x[i], T[i], values), $"row {i} declined");
            for (int j = 0; j < Models.Length; j++)
            {
                double direct = Direct(j, x[i], T[i], horizon);
                Approx.Relative(direct, values[j], 1e-13, $"model {j}, x {x[i]}, T {T[i]:R}");
            }

            checkedRows++;
        }

        Assert.True(checkedRows > 8000);
    }

    [Fact]
    public void Frequencies_with_few_rows_are_not_tabulated()
    {
        // 600 rows at x = 0 (one piece needs 660), 5,000 at x = 1: only x = 1 gets an interpolant.
        var x = Enumerable.Repeat(0L, 600).Concat(Enumerable.Repeat(1L, 5000)).ToArray();
        var T = x.Select((_, i) => 30.0 + (i % 97 * 0.1)).ToArray();
        var table = NumeratorInterpolation.Build(Models.Length, 4.414, x, T, 1, (j, f, age) => Direct(j, f, age, 39), ParallelWork.Serial)!;
        var values = new double[Models.Length + 1];
        Assert.False(table.TryEvaluate(0, 35, values));
        Assert.True(table.TryEvaluate(1, 35, values));
        Assert.False(table.TryEvaluate(2, 35, values));     // beyond the tables
        Assert.False(table.TryEvaluate(1, 1e6, values));    // outside the rows' ages
        Assert.Null(NumeratorInterpolation.Build(Models.Length, 4.414, x.AsSpan(0, 100), T.AsSpan(0, 100), 1, (j, f, age) => Direct(j, f, age, 39), ParallelWork.Serial));
    }

    [Fact]
    public void A_piece_that_fails_the_check_is_declined_not_used()
    {
        // A function with a pole just left of the smallest age (T = 0.999): the first pieces cannot be interpolated to 1e-13, the
        // far ones can. A function that throws on part of the range marks those pieces declined too.
        var x = new long[20_000];
        var T = Enumerable.Range(0, x.Length).Select(i => 1.0 + (i * 0.05)).ToArray();   // T in [1, 1001]
        var table = NumeratorInterpolation.Build(1, 1.0, x, T, 0, (_, _, age) => 1 / (age - 0.999), ParallelWork.Serial)!;
        var value = new double[2];
        Assert.False(table.TryEvaluate(0, 1.0, value));
        Assert.True(table.TryEvaluate(0, 900, value));
        Approx.Relative(1 / (900 - 0.999), value[0], 1e-13, "far from the pole");
        Assert.True(table.ValidPieces < table.Pieces);

        var throwing = NumeratorInterpolation.Build(1, 1.0, x, T, 0,
            (_, _, age) => age < 100 ? throw new ArithmeticException("no value here") : Math.Sqrt(age), ParallelWork.Serial)!;
        Assert.False(throwing.TryEvaluate(0, 50, value));
        Assert.True(throwing.TryEvaluate(0, 500, value));
    }

    [Theory]
    [InlineData(false, 39.0, 27.0, 39.0)]
    [InlineData(true, 39.0, 27.0, 39.0)]
    [InlineData(false, 1e-6, 0.5, 80.0)]     // a horizon near 0
    [InlineData(false, 1e4, 0.5, 80.0)]      // z near 1: long series, pieces may be declined
    [InlineData(true, 0.25, 0.0, 300.0)]     // T from 0
    public void Intervals_with_interpolated_expectations_equal_the_series_route(bool mbg, double horizon, double minT, double maxT)
    {
        // Reference: the same calculator with every sigma point's E[Y] from its ₂F₁ series (the route checked against mpmath and
        // the models in PredictionIntervalTests). Point values and counts must be identical (they never use the interpolant);
        // the E[Y] bounds within 1e-12 relative (the interpolant's 1e-13 through the log-scale mean and spread).
        var histories = BgNbdSimulator.Simulate(new BgNbdParameters(0.5, 5, 0.7, 2.5), 30_000, 4242, Math.Max(minT, 1e-3), maxT);
        var rows = CompressedHistories.From(histories);
        var calculator = new PredictionIntervalCalculator();
        PredictionIntervals interpolated, series;
        try
        {
            interpolated = mbg ? calculator.Compute(new MbgNbdFitter().Fit(rows), rows, horizon, 0.9) : calculator.Compute(new BgNbdFitter().Fit(rows), rows, horizon, 0.9);
            PredictionIntervalCalculator.SeriesOnly = true;
            series = mbg ? calculator.Compute(new MbgNbdFitter().Fit(rows), rows, horizon, 0.9) : calculator.Compute(new BgNbdFitter().Fit(rows), rows, horizon, 0.9);
        }
        finally
        {
            PredictionIntervalCalculator.SeriesOnly = false;
        }

        Assert.True(series.ParameterUncertainty);
        Assert.Equal(series.ExpectedPurchases, interpolated.ExpectedPurchases);
        Assert.Equal(series.ProbabilityAlive, interpolated.ProbabilityAlive);
        Assert.Equal(series.ProbabilityAliveLower, interpolated.ProbabilityAliveLower);
        Assert.Equal(series.ProbabilityAliveUpper, interpolated.ProbabilityAliveUpper);
        Assert.Equal(series.PurchasesLower, interpolated.PurchasesLower);
        Assert.Equal(series.PurchasesUpper, interpolated.PurchasesUpper);
        int moved = 0;
        for (int i = 0; i < series.Count; i++)
        {
            Approx.Relative(series.ExpectedPurchasesLower![i], interpolated.ExpectedPurchasesLower![i], 1e-12, $"E lower, row {i}");
            Approx.Relative(series.ExpectedPurchasesUpper![i], interpolated.ExpectedPurchasesUpper![i], 1e-12, $"E upper, row {i}");
            moved += series.ExpectedPurchasesLower[i] != interpolated.ExpectedPurchasesLower[i] ? 1 : 0;
        }

        if (horizon == 39)
        {
            Assert.True(moved > 1000, $"only {moved} rows took the interpolated route");   // the route was really taken
        }
    }
}
