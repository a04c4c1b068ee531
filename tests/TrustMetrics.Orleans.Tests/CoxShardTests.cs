using TrustMetrics.Survival;

namespace TrustMetrics.Orleans.Tests;

/// <summary>
/// The distributed Cox fit of issue 13 item 4: rows spread over three <see cref="ICoxShardGrain"/>s, fitted by the
/// <see cref="ICoxFitGrain"/> coordinator, must equal the in-process fit of all rows (<see cref="CoxRegression"/>, itself checked
/// against R survival 3.5-3 in the core tests) to 1e-10 relative — the merged risk-set sums are the pooled sums, so only rounding
/// in the order of summation can differ. Data are seeded simulations with heavy ties, strata and weights.
/// </summary>
public sealed class CoxShardTests(SingleSiloCluster fixture) : IClassFixture<SingleSiloCluster>
{
    private static readonly string[] Terms = ["tenure", "premium", "tickets"];

    private IGrainFactory Grains => fixture.Cluster.Client;

    [Theory]
    [InlineData(CoxTies.Efron, false)]
    [InlineData(CoxTies.Breslow, false)]
    [InlineData(CoxTies.Efron, true)]
    public async Task Three_shards_fit_exactly_as_the_pooled_rows(CoxTies ties, bool countingProcess)
    {
        var rows = Simulate(seed: countingProcess ? 17 : 11, customers: 300, countingProcess);
        string model = $"cox-{ties}-{countingProcess}";
        var keys = new[] { $"{model}/0", $"{model}/1", $"{model}/2" };
        for (int s = 0; s < 3; s++)
        {
            var shardRows = rows.Where((_, i) => i % 3 == s).ToArray();
            Assert.Equal(new IngestResult(shardRows.Length, 0), await Grains.GetGrain<ICoxShardGrain>(keys[s]).AddObservations(Terms, shardRows));
        }

        var options = new CoxFitOptions(ties);
        var sharded = await Grains.GetGrain<ICoxFitGrain>(model).Fit(keys, options);
        var pooled = new CoxRegression().Fit(ToData(rows), options);

        Assert.True(sharded.Convergence.Converged);
        Assert.Equal(pooled.RowCount, sharded.RowCount);
        Assert.Equal(pooled.EventCount, sharded.EventCount);
        Assert.Equal(pooled.Convergence.Iterations, sharded.Convergence.Iterations);
        Relative(pooled.LogLikelihood, sharded.LogLikelihood);
        Relative(pooled.NullLogLikelihood, sharded.NullLogLikelihood);
        Relative(pooled.ScoreTest.Statistic, sharded.ScoreTest.Statistic);
        for (int j = 0; j < Terms.Length; j++)
        {
            Relative(pooled.Coefficients[j].Coefficient, sharded.Coefficients[j].Coefficient);
            Relative(pooled.Coefficients[j].StandardError, sharded.Coefficients[j].StandardError);
            for (int k = 0; k < Terms.Length; k++)
            {
                Relative(pooled.Covariance(j, k), sharded.Covariance(j, k));
            }
        }
    }

    [Fact]
    public async Task A_resent_batch_adds_nothing_and_bad_batches_store_nothing()
    {
        var rows = Simulate(seed: 5, customers: 40, countingProcess: false);
        var shard = Grains.GetGrain<ICoxShardGrain>("cox-idem/0");
        Assert.Equal(new IngestResult(40, 0), await shard.AddObservations(Terms, rows));
        Assert.Equal(new IngestResult(0, 40), await shard.AddObservations(Terms, rows));

        var otherTerms = await Assert.ThrowsAnyAsync<ArgumentException>(() => shard.AddObservations(["tenure", "plan", "tickets"], [rows[0] with { EventId = "new-1" }]));
        Assert.Contains("terms", otherTerms.Message, StringComparison.Ordinal);

        var withStart = await Assert.ThrowsAnyAsync<ArgumentException>(() => shard.AddObservations(Terms, [rows[0] with { EventId = "new-2", Start = 0.5 }]));
        Assert.Contains("new-2", withStart.Message, StringComparison.Ordinal);

        var nan = await Assert.ThrowsAnyAsync<ArgumentException>(() => shard.AddObservations(Terms,
            [rows[0] with { EventId = "new-3" }, rows[1] with { EventId = "new-4", Covariates = [1, double.NaN, 0] }]));
        Assert.Contains("NaN", nan.Message, StringComparison.Ordinal);

        Assert.Equal(40, await shard.GetRowCount()); // none of the refused batches was kept
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Grains.GetGrain<ICoxFitGrain>("cox-idem").Fit(["cox-idem/0", "cox-idem/empty"]));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Grains.GetGrain<ICoxFitGrain>("cox-idem").Fit(["cox-idem/0", "cox-idem/0"]));
    }

    /// <summary>1e-10 relative (plus 1e-15 absolute, for a covariance entry that is zero up to rounding).</summary>
    private static void Relative(double expected, double actual) =>
        Assert.True(Math.Abs(actual - expected) <= (1e-10 * Math.Abs(expected)) + 1e-15, $"expected {expected:R}, got {actual:R}");

    /// <summary>
    /// Customers with hazard exp(0.4·tenure − 0.8·premium + 0.3·tickets), times rounded up to whole months (heavy ties), about a quarter
    /// censored, two strata and weights 1 or 2. With <paramref name="countingProcess"/> each customer's follow-up is split at half its
    /// time into two (start, stop] rows and the ticket count changes at the split (a time-varying covariate).
    /// </summary>
    private static CoxObservation[] Simulate(int seed, int customers, bool countingProcess)
    {
        var random = new Random(seed);
        var rows = new List<CoxObservation>();
        for (int i = 0; i < customers; i++)
        {
            double tenure = (random.NextDouble() * 4) - 2, premium = random.Next(2), tickets = random.Next(4);
            double rate = 0.08 * Math.Exp((0.4 * tenure) - (0.8 * premium) + (0.3 * tickets));
            double time = Math.Ceiling(-Math.Log(1 - random.NextDouble()) / rate);
            double censor = Math.Ceiling(random.NextDouble() * 40);
            bool churned = time <= censor;
            double stop = Math.Min(time, censor);
            int stratum = random.Next(2);
            double weight = 1 + random.Next(2);
            if (countingProcess && stop >= 2)
            {
                double split = Math.Floor(stop / 2);
                rows.Add(new CoxObservation($"c{i}a", split, false, [tenure, premium, tickets], 0, weight, stratum));
                rows.Add(new CoxObservation($"c{i}b", stop, churned, [tenure, premium, tickets + 1], split, weight, stratum));
            }
            else
            {
                rows.Add(new CoxObservation($"c{i}", stop, churned, [tenure, premium, tickets], countingProcess ? 0 : null, weight, stratum));
            }
        }

        return [.. rows];
    }

    private static CoxData ToData(IReadOnlyList<CoxObservation> rows)
    {
        var columns = Enumerable.Range(0, Terms.Length).Select(j => rows.Select(r => r.Covariates[j]).ToArray()).ToArray();
        double[]? start = rows[0].Start is null ? null : [.. rows.Select(r => r.Start!.Value)];
        return CoxData.Create(Terms, columns, [.. rows.Select(r => r.Stop)], [.. rows.Select(r => r.Event)], start,
            [.. rows.Select(r => r.Weight)], strata: [.. rows.Select(r => r.Stratum)]);
    }
}
