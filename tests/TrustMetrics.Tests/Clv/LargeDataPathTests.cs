using TrustMetrics.Clv;
using Xunit;

namespace TrustMetrics.Tests.Clv;

/// <summary>
/// The paths taken only on large inputs — the streaming builder's hash table, the pilot-fit warm start and the two-core batch
/// predictions — must give what the plain paths give.
/// </summary>
public class LargeDataPathTests
{
    private static readonly BgNbdParameters Truth = new(0.243, 4.414, 0.793, 2.426);

    [Fact]
    public void Builder_matches_From_and_merges_repeated_histories()
    {
        var histories = BgNbdSimulator.Simulate(Truth, 20_000, seed: 11, minT: 1, maxT: 39, wholeUnits: true);
        var builder = new CompressedHistoriesBuilder();
        foreach (var h in histories)
        {
            builder.Add(h);
        }

        builder.Add(new PurchaseHistory(0, -0.0, histories[0].T), 0);
        var built = builder.Build();
        var reference = CompressedHistories.From(histories.AsSpan());
        Assert.Equal(20_001, builder.Added);
        Assert.Equal(reference.RowCount, built.RowCount);
        Assert.Equal(reference.Frequency.ToArray(), built.Frequency.ToArray());
        Assert.Equal(reference.Recency.ToArray(), built.Recency.ToArray());
        Assert.Equal(reference.T.ToArray(), built.T.ToArray());
        Assert.Equal(reference.Counts.ToArray(), built.Counts.ToArray());
        Assert.Equal(20_000, built.CustomerCount);
    }

    [Fact]
    public void Builder_folds_negative_zero_and_refuses_a_negative_count()
    {
        var builder = new CompressedHistoriesBuilder();
        builder.Add(new PurchaseHistory(0, 0.0, 5));
        builder.Add(new PurchaseHistory(0, -0.0, 5), 2);
        Assert.Equal(1, builder.RowCount);
        Assert.Equal(3, builder.Build().Counts[0]);

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => builder.Add(new PurchaseHistory(1, 1, 5), -1));
        Assert.Equal("count", e.ParamName);
        Assert.Contains("histories[2]", e.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => new CompressedHistoriesBuilder().Build());
    }

    [Fact]
    public void Warm_started_fit_on_many_distinct_rows_lands_on_the_cold_fit()
    {
        // Continuous times: every customer is a distinct row, above the pilot threshold of 16,384 rows (so the pilot itself is warm-started too).
        var data = CompressedHistories.From(BgNbdSimulator.Simulate(Truth, 140_000, seed: 12, minT: 1, maxT: 39).AsSpan());
        Assert.True(data.RowCount > 8 * 16_384);
        var warm = new BgNbdFitter().Fit(data);
        Assert.StartsWith("Newton from a pilot fit", warm.Convergence.Message, StringComparison.Ordinal);

        double scale = data.MaxT;
        var cold = MaximumLikelihood.Fit("bgnbd", ["r", "alpha", "a", "b"],
            (theta, gradient) => BgNbdFitter.NegativeLogLikelihood(data, theta[0], theta[1], theta[2], theta[3], gradient),
            [0.1, 0.1 + Math.Log(scale), 0.1, 0.1], [1.0, 1.0 / scale, 1.0, 1.0], data.CustomerCount, data.RowCount, null);
        Assert.True(warm.Convergence.Converged && cold.Converged);
        for (int i = 0; i < 4; i++)
        {
            var estimate = warm.Estimates[warm.ParameterNames[i]];
            Approx.Relative(cold.Estimates[i], estimate.Value, 1e-7, warm.ParameterNames[i]);
            Approx.Relative(cold.StandardErrors[i], estimate.StandardError, 1e-3, "SE " + warm.ParameterNames[i]);
        }

        Approx.Relative(cold.LogLikelihood, warm.LogLikelihood, 1e-12, "LL");
    }

    [Fact]
    public void Parallel_batch_predictions_equal_one_by_one_and_serial()
    {
        var histories = BgNbdSimulator.Simulate(Truth, 100_000, seed: 13, minT: 1, maxT: 39);
        var models = new IPurchaseModel[]
        {
            new BgNbdModel(Truth),
            new MbgNbdModel(Truth),
            new ParetoNbdModel(new ParetoNbdParameters(0.553, 10.58, 0.606, 11.67)),
        };
        var batch = new double[histories.Length];
        var serial = new double[histories.Length];
        foreach (var model in models)
        {
            model.ConditionalExpectedPurchases(39, histories, batch);
            model.ConditionalExpectedPurchases(39, histories, serial, maxDegreeOfParallelism: 1);
            Assert.Equal(serial, batch);
            for (int i = 0; i < histories.Length; i += 997)
            {
                Assert.Equal(model.ConditionalExpectedPurchases(39, histories[i]), batch[i]);
            }

            model.ProbabilityAlive(histories, batch, maxDegreeOfParallelism: 2);
            model.ProbabilityAlive(histories, serial, maxDegreeOfParallelism: 1);
            Assert.Equal(serial, batch);
        }

        var e = Assert.Throws<ArgumentException>(() => new BgNbdModel(Truth).ProbabilityAlive(histories, new double[histories.Length - 1]));
        Assert.Equal("destination", e.ParamName);
    }

    [Fact]
    public void Cached_batch_expectations_match_one_by_one_across_models_and_horizons()
    {
        // Whole weeks repeat (x, T) pairs, so the per-thread cache serves most customers; switching the model or the horizon
        // between calls on the same threads must never serve a stale value.
        var histories = BgNbdSimulator.Simulate(Truth, 50_000, seed: 14, minT: 1, maxT: 39, wholeUnits: true);
        var batch = new double[histories.Length];
        var models = new IPurchaseModel[]
        {
            new BgNbdModel(Truth), new BgNbdModel(new BgNbdParameters(Truth.R, Truth.Alpha, Truth.A, 2.5)),
            new MbgNbdModel(Truth), new MbgNbdModel(new BgNbdParameters(Truth.R, Truth.Alpha, 0.8, Truth.B)),
        };
        foreach (double t in new[] { 39.0, 10.0 })
        {
            foreach (var model in models)
            {
                model.ConditionalExpectedPurchases(t, histories, batch);
                for (int i = 0; i < histories.Length; i += 101)
                {
                    Assert.Equal(model.ConditionalExpectedPurchases(t, histories[i]), batch[i]);
                }
            }
        }
    }

    [Fact]
    public void Bg_nbd_expectation_is_continuous_where_a_plus_b_plus_x_minus_one_is_zero()
    {
        // c = a + b + x − 1 = 0 at x = 0, a + b = 1: formerly a division by zero; the product c·₂F₁(…; c; z) has a finite limit.
        static double At(double b) => new BgNbdModel(new BgNbdParameters(0.243, 4.414, 0.4, b)).ExpectedPurchases(39);
        double at = At(0.6), below = At(0.6 - 1e-7), above = At(0.6 + 1e-7);
        Assert.True(double.IsFinite(at) && at > 0);
        Approx.Relative((below + above) / 2, at, 1e-9, "E[X(39)] at c = 0");
        var model = new BgNbdModel(new BgNbdParameters(0.243, 4.414, 0.4, 0.6));
        Approx.Relative(at, model.ConditionalExpectedPurchases(39, new PurchaseHistory(0, 0, 0)), 1e-12, "E[Y(39) | 0, 0, 0]");
    }
}
