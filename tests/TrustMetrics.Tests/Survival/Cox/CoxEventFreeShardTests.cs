using TrustMetrics.Survival;
using static TrustMetrics.Tests.Survival.Cox.CoxReferenceData;

namespace TrustMetrics.Tests.Survival.Cox;

/// <summary>
/// A shard holding only censored customers is accepted (its rows still belong to the other shards' risk sets) and the sharded fit
/// equals the pooled fit; the "at least one event" rule applies to the fit (pooled data) and to the proportional-hazards test.
/// Reference: the pooled fit, itself equal to R survival 3.5-3 coxph on rossi (CoxReferenceTests); agreement to 1e-10 as issue 13 asks.
/// </summary>
public sealed class CoxEventFreeShardTests
{
    private static CoxData Subset(Dictionary<string, double[]> t, int[] rows) =>
        CoxData.Create(RossiTerms, RossiTerms.Select(n => rows.Select(i => t[n][i]).ToArray()).ToArray(), rows.Select(i => t["week"][i]).ToArray(),
            rows.Select(i => t["arrest"][i] == 1).ToArray());

    [Theory]
    [InlineData(CoxTies.Efron)]
    [InlineData(CoxTies.Breslow)]
    public void A_shard_without_events_gives_the_pooled_fit(CoxTies ties)
    {
        var t = RossiTable;
        int n = t["week"].Length;
        // Shard 1: the censored customers among the first half (no event at all); shard 2: the rest of the first half; shard 3: the second half.
        var censoredFirstHalf = Enumerable.Range(0, n / 2).Where(i => t["arrest"][i] == 0).ToArray();
        var eventFirstHalf = Enumerable.Range(0, n / 2).Where(i => t["arrest"][i] == 1).ToArray();
        var secondHalf = Enumerable.Range(n / 2, n - (n / 2)).ToArray();
        var eventFree = Subset(t, censoredFirstHalf);
        Assert.Equal(0, eventFree.EventCount);
        var options = new CoxFitOptions(ties);
        var pooled = new CoxRegression().Fit(Rossi(), options);
        var sharded = CoxShardedRegression.Fit([new CoxShard(eventFree), new CoxShard(Subset(t, eventFirstHalf)), new CoxShard(Subset(t, secondHalf))], options);

        Assert.Equal(pooled.Convergence.Iterations, sharded.Convergence.Iterations);
        Assert.Equal(pooled.RowCount, sharded.RowCount);
        Assert.Equal(pooled.EventCount, sharded.EventCount);
        for (int j = 0; j < pooled.Terms.Count; j++)
        {
            Approx.Relative(pooled.Beta[j], sharded.Beta[j], 1e-10, $"beta {pooled.Terms[j]}");
            Approx.Relative(pooled.Coefficients[j].StandardError, sharded.Coefficients[j].StandardError, 1e-10, $"se {pooled.Terms[j]}");
        }

        Approx.Relative(pooled.LogLikelihood, sharded.LogLikelihood, 1e-12, "loglik");
        Approx.Relative(pooled.NullLogLikelihood, sharded.NullLogLikelihood, 1e-12, "null loglik");
    }

    [Fact]
    public void Data_without_events_is_refused_by_the_fit_not_by_Create()
    {
        var t = RossiTable;
        var censored = Enumerable.Range(0, t["week"].Length).Where(i => t["arrest"][i] == 0).ToArray();
        var data = Subset(t, censored);
        var fitError = Assert.Throws<ArgumentException>(() => new CoxRegression().Fit(data));
        Assert.Contains("at least one event", fitError.Message, StringComparison.Ordinal);
        var shardedError = Assert.Throws<ArgumentException>(() => CoxShardedRegression.Fit([new CoxShard(data), new CoxShard(data)]));
        Assert.Contains("no event", shardedError.Message, StringComparison.Ordinal);
        var fit = new CoxRegression().Fit(Rossi());
        Assert.Throws<ArgumentException>(() => fit.ProportionalHazardsTest(data));
    }
}
