using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using TrustMetrics.Statistics;
using TrustMetrics.Survival;
using static TrustMetrics.Tests.Survival.Cox.CoxReferenceData;

namespace TrustMetrics.Tests.Survival.Cox;

/// <summary>The sharded fit equals the pooled fit (issue 13: to 1e-10), the sums' JSON round trip, and the partial-likelihood laws.</summary>
public sealed class CoxShardedTests
{
    /// <summary>A shard reached through JSON only, as a remote one would be.</summary>
    private sealed class JsonShard(CoxData data) : ICoxShard
    {
        private readonly CoxShard inner = new(data);

        public IReadOnlyList<string> Terms => inner.Terms;

        public CoxRiskSetSums RiskSetSums(IReadOnlyList<double> beta, IReadOnlyList<double> center) =>
            CoxRiskSetSums.FromJson(inner.RiskSetSums(beta, center).ToJson());
    }

    private static CoxData Subset(Dictionary<string, double[]> t, string[] terms, string stop, string ev, int[] rows, string? start = null, string? strata = null) =>
        CoxData.Create(terms, terms.Select(n => rows.Select(i => t[n][i]).ToArray()).ToArray(), rows.Select(i => t[stop][i]).ToArray(),
            rows.Select(i => t[ev][i] == 1).ToArray(), start: start is null ? null : rows.Select(i => t[start][i]).ToArray(),
            strata: strata is null ? null : rows.Select(i => (int)t[strata][i]).ToArray());

    private static void AssertSame(CoxFit pooled, CoxFit sharded)
    {
        Assert.Equal(pooled.Convergence.Iterations, sharded.Convergence.Iterations);
        for (int j = 0; j < pooled.Terms.Count; j++)
        {
            Approx.Relative(pooled.Beta[j], sharded.Beta[j], 1e-10, $"beta {pooled.Terms[j]}");
            Approx.Relative(pooled.Coefficients[j].StandardError, sharded.Coefficients[j].StandardError, 1e-10, $"se {pooled.Terms[j]}");
        }

        Approx.Relative(pooled.LogLikelihood, sharded.LogLikelihood, 1e-12, "loglik");
        Approx.Relative(pooled.NullLogLikelihood, sharded.NullLogLikelihood, 1e-12, "null loglik");
        Approx.Relative(pooled.ScoreTest.Statistic, sharded.ScoreTest.Statistic, 1e-10, "score test");
    }

    [Theory]
    [InlineData(CoxTies.Efron)]
    [InlineData(CoxTies.Breslow)]
    public void Three_shards_equal_the_pooled_fit(CoxTies ties)
    {
        var options = new CoxFitOptions(ties);
        var t = RossiTable;
        int n = t["week"].Length;
        var shards = Enumerable.Range(0, 3)
            .Select(k => (ICoxShard)new JsonShard(Subset(t, RossiTerms, "week", "arrest", Enumerable.Range(0, n).Where(i => i % 3 == k).ToArray()))).ToArray();
        AssertSame(new CoxRegression().Fit(Rossi(), options), CoxShardedRegression.Fit(shards, options));
    }

    [Fact]
    public void Three_shards_equal_the_pooled_fit_with_delayed_entry_and_strata()
    {
        var a = Table("multicenter_aids_cohort.tsv", '\t');
        int n = a["T"].Length;
        var shards = Enumerable.Range(0, 3)
            .Select(k => (ICoxShard)new CoxShard(Subset(a, ["AIDSY"], "T", "D", Enumerable.Range(0, n).Where(i => i * 7 % 3 == k).ToArray(), start: "W"))).ToArray();
        AssertSame(new CoxRegression().Fit(Aids()), CoxShardedRegression.Fit(shards));

        var l = LungComplete();
        int m = l["time"].Length;
        string[] terms = ["age", "ph.ecog", "ph.karno", "wt.loss"];
        var lungShards = Enumerable.Range(0, 3)
            .Select(k => (ICoxShard)new CoxShard(Subset(l, terms, "time", "status", Enumerable.Range(0, m).Where(i => i % 3 == k).ToArray(), strata: "sex"))).ToArray();
        AssertSame(new CoxRegression().Fit(Lung(terms, strataBySex: true)), CoxShardedRegression.Fit(lungShards));
    }

    [Fact]
    public void Sums_round_trip_through_json_and_refuse_a_bad_state()
    {
        var sums = new CoxShard(Rossi()).RiskSetSums(new double[7], new double[7]);
        var back = CoxRiskSetSums.FromJson(sums.ToJson());
        Assert.Equal(sums.ToJson(), back.ToJson());
        Assert.Throws<ArgumentException>(() => CoxRiskSetSums.FromJson(sums.ToJson().Replace("\"version\":1", "\"version\":9", StringComparison.Ordinal)));
        var other = new CoxShard(Rossi()).RiskSetSums(Enumerable.Repeat(0.1, 7).ToArray(), new double[7]);
        Assert.Throws<ArgumentException>(() => sums.Merge(other));
    }

    private static (double[] Stop, bool[] Event, double[] X) Sample(int seed, int n)
    {
        var rng = new Random(seed);
        var stop = Enumerable.Range(0, n).Select(_ => (double)rng.Next(1, 8)).ToArray(); // heavy ties
        var ev = Enumerable.Range(0, n).Select(_ => rng.NextDouble() < 0.7).ToArray();
        ev[0] = true;
        var x = Enumerable.Range(0, n).Select(_ => rng.NextDouble() * 2 - 1).ToArray();
        return (stop, ev, x);
    }

    private static double LogLik(double[] stop, bool[] ev, double[] x, double beta, CoxTies ties, double[]? start = null) =>
        new CoxEngine(CoxData.Create(["x"], [x], stop, ev, start: start), ties).Evaluate([beta], ParallelWork.Serial).LogLikelihood;

    [Property(MaxTest = 50)]
    public Property Partial_likelihood_ignores_row_order_and_time_shifts_and_a_row_entering_after_the_last_event(int seed, bool efron)
    {
        var ties = efron ? CoxTies.Efron : CoxTies.Breslow;
        var (stop, ev, x) = Sample(seed, 15);
        double beta = 0.7;
        double ll = LogLik(stop, ev, x, beta, ties);
        var perm = Enumerable.Range(0, stop.Length).OrderBy(i => (i * 7919 + seed) % 15).ToArray();
        double permuted = LogLik(perm.Select(i => stop[i]).ToArray(), perm.Select(i => ev[i]).ToArray(), perm.Select(i => x[i]).ToArray(), beta, ties);
        double shifted = LogLik(stop.Select(s => s + 100.0).ToArray(), ev, x, beta, ties);
        // A censored row whose interval (500, 1000] starts after the last event time is in no risk set; the other rows start at 0.
        double late = LogLik([.. stop, 1000.0], [.. ev, false], [.. x, 0.3], beta, ties, [.. stop.Select(_ => 0.0), 500.0]);
        bool Same(double a) => Math.Abs(a - ll) <= 1e-12 * Math.Abs(ll);
        return (Same(permuted) && Same(shifted) && Same(late)).ToProperty();
    }

    [Property(MaxTest = 30)]
    public Property Merged_shard_sums_give_the_pooled_evaluation(int seed, bool efron)
    {
        var ties = efron ? CoxTies.Efron : CoxTies.Breslow;
        var (stop, ev, x) = Sample(seed, 20);
        var data = CoxData.Create(["x"], [x], stop, ev);
        var pooled = new CoxEngine(data, ties).Evaluate([0.4], ParallelWork.Serial);
        var center = data.Center;
        CoxRiskSetSums? merged = null;
        for (int k = 0; k < 3; k++)
        {
            var rows = Enumerable.Range(0, 20).Where(i => i % 3 == k).ToArray();
            var part = new CoxShard(CoxData.Create(["x"], [rows.Select(i => x[i]).ToArray()], rows.Select(i => stop[i]).ToArray(), rows.Select(i => ev[i]).ToArray()))
                .RiskSetSums([0.4], center);
            merged = merged is null ? part : merged.Merge(part);
        }

        var e = merged!.Evaluate(efron);
        return (Math.Abs(e.LogLikelihood - pooled.LogLikelihood) <= 1e-10 * Math.Abs(pooled.LogLikelihood)
            && Math.Abs(e.U[0] - pooled.U[0]) <= 1e-9 * (1 + Math.Abs(pooled.U[0]))
            && Math.Abs(e.I[0] - pooled.I[0]) <= 1e-10 * Math.Abs(pooled.I[0])).ToProperty();
    }
}
