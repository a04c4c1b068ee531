using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using TrustMetrics.Clv;
using Xunit;

namespace TrustMetrics.Tests.Clv;

/// <summary>
/// Issue 14 item 5, the fast paths of a large fit must give what the plain paths give: the column compression (radix sort) the
/// same rows, counts and order as the hash-table builder; the vectorised BG/NBD / MBG/NBD row sum the scalar sum's value and
/// gradient (the reference here is the scalar per-row formula of ltv-churn.md §3, itself checked against lifetimes 0.11.3 by
/// BgNbdTests; agreement to 1e−12 relative, the vector ln/exp being within a few ulp).
/// </summary>
public class FitSpeedPathTests
{
    private static readonly BgNbdParameters Truth = new(0.243, 4.414, 0.793, 2.426);

    [Fact]
    public void Column_compression_matches_the_builder_on_continuous_and_whole_unit_times()
    {
        foreach (bool whole in new[] { false, true })
        {
            var histories = BgNbdSimulator.Simulate(Truth, 30_000, seed: 21, minT: 1, maxT: 39, wholeUnits: whole);
            // Repeats of continuous rows, equal T with different t_x, and −0.0.
            histories = [.. histories, .. histories.Take(500), new PurchaseHistory(2, 1.5, 7.25), new PurchaseHistory(2, 0.5, 7.25), new PurchaseHistory(0, -0.0, -0.0 + 3)];
            AssertSameRows(CompressedHistories.From(histories.AsSpan()), Columns(histories));
        }
    }

    [Property]
    public Property Column_compression_matches_the_builder(int[] seeds) =>
        Prop.When(seeds is { Length: > 0 }, () =>
        {
            // Few distinct values per cell so that rows repeat and T ties are common.
            var histories = seeds.Select(seed =>
            {
                long f = Math.Abs(seed % 5);
                double t = Math.Abs(seed / 5 % 7) / 2.0;
                double tx = f == 0 ? 0 : Math.Abs(seed / 35 % 7) / 2.0;
                return new PurchaseHistory(f, Math.Min(tx, t), t);
            }).ToArray();
            AssertSameRows(CompressedHistories.From(histories.AsSpan()), Columns(histories));
        });

    [Fact]
    public void Column_compression_refuses_an_invalid_row_and_no_rows()
    {
        var e = Assert.Throws<ArgumentException>(() => CompressedHistoriesColumns.Compress([1, 2], [1, 5], [3, 4], 2));
        Assert.Contains("histories[1]", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => CompressedHistoriesColumns.Compress([], [], [], 0));
    }

    [Theory]
    [InlineData(0, 4.414)] // BG/NBD, α small next to T: ln(α+T) − ln α
    [InlineData(1, 4.414)] // MBG/NBD
    [InlineData(0, 4.0e6)] // α ≫ T (boundary fits): ln1p(T/α)
    [InlineData(1, 4.0e6)]
    public void Vector_sum_equals_the_scalar_sum(int shift, double alpha)
    {
        // Continuous times, 20,001 rows: runs of every length mod 4 and the parallel chunked path (≥ 16,384 rows).
        var data = CompressedHistories.From(BgNbdSimulator.Simulate(Truth, 20_001, seed: 22, minT: 1, maxT: 39).AsSpan());
        var vector = new double[4];
        var scalar = new double[4];
        double v = BetaGeometricLikelihood.Negative(data, 0.3, alpha, 0.8, 2.1, shift, vector);
        double s = BetaGeometricLikelihood.NegativeScalar(data, 0.3, alpha, 0.8, 2.1, shift, scalar);
        Approx.Relative(s, v, 1e-12);
        for (int i = 0; i < 4; i++)
        {
            Approx.Relative(scalar[i], vector[i], 1e-9);
        }
    }

    [Fact]
    public void Warm_started_fit_with_the_exact_Hessian_reports_the_likelihood_at_its_estimates()
    {
        var data = CompressedHistories.From(BgNbdSimulator.Simulate(Truth, 140_000, seed: 23, minT: 1, maxT: 39).AsSpan());
        var report = new BgNbdFitter().Fit(data).Report;
        Assert.StartsWith("Newton from a pilot fit", report.Message, StringComparison.Ordinal);
        var e = report.Estimates;
        double direct = -BetaGeometricLikelihood.NegativeScalar(data, e[0], e[1], e[2], e[3], 0, new double[4]);
        Approx.Relative(direct, report.LogLikelihood, 1e-12);
        Assert.True(report.Converged);
    }

    [Fact]
    public void Packed_compression_matches_the_builder_on_six_decimal_times()
    {
        // Simulated histories rounded to six decimals (as the peers' bgnbd_1000000.csv is written), with repeats and T ties.
        var simulated = BgNbdSimulator.Simulate(Truth, 30_000, seed: 24, minT: 1, maxT: 39);
        var micro = simulated.Select(h => (X: h.Frequency, T: (ulong)Math.Round(h.T * 1e6), Tx: (ulong)Math.Round(h.Recency * 1e6)))
            .Select(m => (m.X, m.T, Tx: Math.Min(m.Tx, m.T)))
            .Concat(new (long X, ulong T, ulong Tx)[] { (2, 7_250_000, 1_500_000), (2, 7_250_000, 500_000), (0, 3_000_000, 0), (0, 3_000_000, 0) })
            .ToList();
        micro.AddRange(micro.Take(700));
        AssertPackedMatchesBuilder(micro, timeBits: 27);
        AssertPackedMatchesBuilder(micro, timeBits: 26); // 39·10⁶ < 2²⁶: the tightest layout, x below 2¹²
    }

    [Property]
    public Property Packed_compression_matches_the_builder(int[] seeds) =>
        Prop.When(seeds is { Length: > 0 }, () =>
        {
            // Few distinct values per cell so that rows repeat and T ties are common.
            var micro = seeds.Select(seed =>
            {
                long f = Math.Abs(seed % 5);
                ulong t = (ulong)Math.Abs(seed / 5 % 7) * 250_001;
                ulong tx = f == 0 ? 0 : (ulong)Math.Abs(seed / 35 % 7) * 250_001;
                return (X: f, T: t, Tx: Math.Min(tx, t));
            }).ToList();
            AssertPackedMatchesBuilder(micro, timeBits: 22);
        });

    [Theory]
    [InlineData(0, 4.414)]
    [InlineData(1, 4.414)]
    [InlineData(0, 4.0e6)]
    [InlineData(1, 4.0e6)]
    public void Vector_Hessian_equals_the_scalar_Hessian(int shift, double alpha)
    {
        // The scalar pass is the exact Hessian of ltv-churn.md §3's row formula (checked against automatic differentiation and
        // lifetimes' standard errors by BgNbdTests / MbgNbdTests); 20,003 rows give runs of every length mod 4 (the padded tail).
        var data = CompressedHistories.From(BgNbdSimulator.Simulate(Truth, 20_003, seed: 25, minT: 1, maxT: 39).AsSpan());
        var vector = BetaGeometricLikelihood.Hessian(data, 0.3, alpha, 0.8, 2.1, shift);
        var scalar = BetaGeometricLikelihood.HessianScalar(data, 0.3, alpha, 0.8, 2.1, shift);
        double largest = scalar.Max(Math.Abs);
        for (int i = 0; i < 16; i++)
        {
            Approx.Absolute(scalar[i], vector[i], 1e-11 * largest, $"H[{i / 4},{i % 4}]");
            Approx.Absolute(vector[((i % 4) * 4) + (i / 4)], vector[i], 1e-13 * largest, $"symmetry H[{i / 4},{i % 4}]");
        }
    }

    private static void AssertPackedMatchesBuilder(List<(long X, ulong T, ulong Tx)> micro, int timeBits)
    {
        // One spare slot in the key buffer: the result's columns may be longer than its rows.
        var keys = new double[micro.Count + 1];
        for (int i = 0; i < micro.Count; i++)
        {
            CompressedHistoriesPacked.Keys(keys, micro.Count)[i] = CompressedHistoriesPacked.Key((ulong)micro[i].X, micro[i].T, micro[i].Tx, timeBits);
        }

        var packed = CompressedHistoriesPacked.Compress(keys, new double[micro.Count], micro.Count, timeBits, 1e6);
        // The reference: the hash-table builder on the doubles double.Parse gives for the six-decimal text of each value.
        var parsed = micro.Select(m => new PurchaseHistory(m.X, Parse(m.Tx), Parse(m.T))).ToArray();
        AssertSameRows(CompressedHistories.From(parsed.AsSpan()), packed);

        static double Parse(ulong micros) => double.Parse(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{micros / 1_000_000}.{micros % 1_000_000:D6}"), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static CompressedHistories Columns(PurchaseHistory[] histories) => CompressedHistoriesColumns.Compress(
        [.. histories.Select(h => (int)h.Frequency)], [.. histories.Select(h => h.Recency)], [.. histories.Select(h => h.T)], histories.Length);

    private static void AssertSameRows(CompressedHistories expected, CompressedHistories actual)
    {
        Assert.Equal(expected.Frequency.ToArray(), actual.Frequency.ToArray());
        Assert.Equal(expected.T.ToArray(), actual.T.ToArray());
        Assert.Equal(expected.Recency.ToArray(), actual.Recency.ToArray());
        Assert.Equal(expected.Counts.ToArray(), actual.Counts.ToArray());
        Assert.Equal(expected.CustomerCount, actual.CustomerCount);
    }
}
