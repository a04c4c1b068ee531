using TrustMetrics.Clv;

namespace TrustMetrics.Tests.Clv;

/// <summary>
/// The fast paths of the interval calculator are exact rearrangements, checked bit for bit: (1) the sigma points' ₂F₁ series in
/// SIMD lanes (<c>SeriesLanes</c>) against the same series one lane at a time (the scalar reference it reproduces), and both against
/// the sum recomputed term by term from its definition with the unsimplified ratio (a₁+n)(ε+n)/((c₀+x+n)(n+1))·z (to 1e-13 of
/// the largest term: the two differ only in rounding); (2) the intervals' point values are the models' own point predictions (the
/// batch APIs <c>clv predict</c> writes), bit for bit.
/// </summary>
public class PredictionIntervalSpeedPathTests
{
    [Fact]
    public void Series_lanes_equal_the_scalar_series_bit_for_bit()
    {
        var random = new Random(20261206);
        for (int trial = 0; trial < 200; trial++)
        {
            int models = 1 + random.Next(12);   // one to two groups, with padding lanes
            var a1 = new double[models];
            var epsilon = new double[models];
            var c0 = new double[models];
            for (int j = 0; j < models; j++)
            {
                // BG/NBD-shaped coefficients (a₁ = a + b − 1 − r, ε = a − 1, c₀ = a + b − 1) over a wide range of a, b, r.
                double r = Math.Exp((random.NextDouble() * 6) - 3), a = Math.Exp((random.NextDouble() * 6) - 3), b = Math.Exp((random.NextDouble() * 6) - 3);
                (a1[j], epsilon[j], c0[j]) = (a + b - 1 - r, a - 1, a + b - 1);
            }

            int frequencies = 1 + random.Next(60);
            var lanes = new SeriesLanes(a1, epsilon, c0, frequencies);
            int offset = random.Next(frequencies + 1);
            var z = new double[lanes.Lanes];
            for (int j = 0; j < models; j++)
            {
                z[j] = random.Next(10) == 0 ? 0 : random.NextDouble() * 0.95;
            }

            // Both kernels: 256-bit (the JIT on AVX2) and 128-bit (the Native AOT tool) vectors.
            var wide = trial % 2 == 0;
            var (sum, largest, converged) = (new double[lanes.Lanes], new double[lanes.Lanes], new bool[lanes.Lanes]);
            lanes.Run(offset, z, sum, largest, converged, wide);
            for (int j = 0; j < lanes.Lanes; j++)
            {
                lanes.RunLane(offset, j, z[j], out double s, out double l, out bool c);
                Assert.Equal(BitConverter.DoubleToInt64Bits(s), BitConverter.DoubleToInt64Bits(sum[j]));
                Assert.Equal(BitConverter.DoubleToInt64Bits(l), BitConverter.DoubleToInt64Bits(largest[j]));   // no NaN here: equal to Math.Max
                Assert.Equal(c, converged[j]);
                if (j < models && c)
                {
                    double direct = Direct(a1[j], epsilon[j], c0[j] + offset, z[j]);
                    Assert.True(Math.Abs(direct - sum[j]) <= 1e-13 * Math.Max(Math.Abs(sum[j]), largest[j]), $"trial {trial} lane {j} (wide {wide}): {direct:R} vs {sum[j]:R}");
                }
            }
        }
    }

    [Fact]
    public void Intervals_point_values_are_the_models_point_predictions_bit_for_bit()
    {
        var histories = ClvData.CdnowHistories.ToArray();
        var rows = CompressedHistories.From(histories);
        var calculator = new PredictionIntervalCalculator();
        Check(new BgNbdFitter().Fit(rows));
        Check(new MbgNbdFitter().Fit(rows));
        Check(new ParetoNbdFitter().Fit(rows));

        void Check<TModel>(ClvFit<TModel> fit)
            where TModel : class, IPurchaseModel
        {
            var intervals = calculator.Compute(fit, histories, 39, 0.9);
            var expected = new double[histories.Length];
            var alive = new double[histories.Length];
            fit.Model.ConditionalExpectedPurchases(39, histories, expected);
            fit.Model.ProbabilityAlive(histories, alive);
            for (int i = 0; i < histories.Length; i++)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(expected[i]), BitConverter.DoubleToInt64Bits(intervals.ExpectedPurchases[i]));
                Assert.Equal(BitConverter.DoubleToInt64Bits(alive[i]), BitConverter.DoubleToInt64Bits(intervals.ProbabilityAlive[i]));
            }
        }
    }

    [Fact]
    public void Count_quantiles_from_the_simd_lanes_equal_the_scalar_walk()
    {
        // Reference: the scalar walk (one BetaGeometricCount-style recursion per sigma point, checked against the exact PMF in
        // PredictionIntervalTests). The lanes run the same operations per model and add the models in the same order, so every
        // quantile must be equal, not merely close: 20,000 simulated customers with frequencies up to the hundreds, both models.
        var histories = BgNbdSimulator.Simulate(new BgNbdParameters(0.8, 6, 0.6, 3.5), 20_000, 907, 20, 60);
        var rows = CompressedHistories.From(histories);
        var calculator = new PredictionIntervalCalculator();
        foreach (bool mbg in new[] { false, true })
        {
            PredictionIntervals lanes, scalar;
            try
            {
                lanes = mbg ? calculator.Compute(new MbgNbdFitter().Fit(rows), rows, 52, 0.9) : calculator.Compute(new BgNbdFitter().Fit(rows), rows, 52, 0.9);
                PredictionIntervalCalculator.ScalarSteps = true;
                scalar = mbg ? calculator.Compute(new MbgNbdFitter().Fit(rows), rows, 52, 0.9) : calculator.Compute(new BgNbdFitter().Fit(rows), rows, 52, 0.9);
            }
            finally
            {
                PredictionIntervalCalculator.ScalarSteps = false;
            }

            Assert.True(lanes.ParameterUncertainty);
            Assert.Equal(scalar.PurchasesLower, lanes.PurchasesLower);
            Assert.Equal(scalar.PurchasesUpper, lanes.PurchasesUpper);
            Assert.Contains(lanes.PurchasesUpper, u => u >= 20);   // long walks too
        }
    }

    /// <summary>S′ = Σ_{n≥1} (a₁)_n (1+ε)_{n−1} zⁿ / ((c+1)_{n−1} n!) term by term from its definition (Hypergeometric.ScaledTail).</summary>
    private static double Direct(double a1, double epsilon, double c, double z)
    {
        if (z == 0)
        {
            return 0;
        }

        double term = a1 * z, sum = term;
        for (int n = 1; n < 100_000 && term != 0; n++)
        {
            term *= (a1 + n) * (epsilon + n) / ((c + n) * (n + 1)) * z;
            sum += term;
            if (Math.Abs(term) < 1e-18 * Math.Abs(sum))
            {
                break;
            }
        }

        return sum;
    }
}
