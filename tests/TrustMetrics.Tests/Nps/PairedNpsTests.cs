using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using TrustMetrics.Nps;
using TrustMetrics.Statistics;
using Xunit;
using Xunit.Abstractions;

namespace TrustMetrics.Tests.Nps;

/// <summary>Paired two-wave NPS (docs/nps.md §Paired waves): multinomial SE, Wald and score intervals, movement, Bowker, tally laws, coverage.</summary>
public class PairedNpsTests(ITestOutputHelper output)
{
    private static PairedNpsTally Table(params long[] cells) => PairedNpsTally.FromCounts(new long[,]
    {
        { cells[0], cells[1], cells[2] },
        { cells[3], cells[4], cells[5] },
        { cells[6], cells[7], cells[8] },
    });

    // Reference: tests/TrustMetrics.Tests/Nps/Data/paired_nps_reference.py (numpy 1.24.2: Var = c'(diag π − ππ')c/n from the
    // 9×9 covariance matrix; scipy 1.10.1 norm), printed output in paired_nps_reference.out.
    [Theory]
    [InlineData(new long[] { 40, 12, 8, 10, 70, 25, 5, 15, 115 }, 25, 31, 6, 3.54212742101, 6.23983618019, -0.94244217383, 12.9424421738, 0.0902848041292)]
    [InlineData(new long[] { 1, 0, 2, 0, 1, 1, 1, 0, 2 }, 0, 37.5, 37.5, 43.0751523503, 43.0751523503, -46.9257472351, 121.925747235, 0.383988163398)]
    [InlineData(new long[] { 1, 0, 3, 0, 0, 0, 1, 0, 1 }, -33.3333333333, 33.3333333333, 66.6666666667, 60.858061945, 54.4331053952, -52.6129429145, 185.946276248, 0.273321678292)]
    public void Wald_matches_the_multinomial_covariance(long[] cells, double before, double after, double delta, double se, double independent, double lower, double upper, double p)
    {
        var r = PairedNpsComparison.Compare(Table(cells), 0.95, PairedNpsIntervalMethod.Wald);
        Approx.Relative(before, r.Before, 1e-11, "before");
        Approx.Relative(after, r.After, 1e-11, "after");
        Approx.Relative(delta, r.Difference, 1e-11, "delta");
        Approx.Relative(se, r.StandardError, 1e-11, "se");
        Approx.Relative(independent, r.IndependentStandardError, 1e-11, "independent se");
        Approx.IntervalRelative(lower, upper, r.Interval, 1e-10);
        Approx.Relative(p, r.PValue!.Value, 1e-10, "p");
        Assert.Equal("wald", r.Interval.Method);
    }

    // Reference: paired_nps_reference.py — the restricted MLE over the nine cells by scipy 1.10.1 SLSQP (ftol 1e-16), bounds by
    // brentq (xtol 1e-13): an algorithm independent of the library's one-dimensional Lagrange solution; SLSQP's optimum is good to
    // about 1e-9, hence the tolerance 1e-6 points.
    [Theory]
    [InlineData(new long[] { 40, 12, 8, 10, 70, 25, 5, 15, 115 }, -1.050487075, 13.20798176, 0.09340204049)]
    [InlineData(new long[] { 1, 0, 2, 0, 1, 1, 1, 0, 2 }, -58.13872042, 113.4749293, 0.4149755104)]
    [InlineData(new long[] { 0, 0, 0, 0, 0, 0, 0, 0, 5 }, -86.89649296, 86.89649296, 1.0)]
    [InlineData(new long[] { 0, 0, 0, 0, 0, 1, 0, 0, 0 }, -138.0352057, 179.3450686, 0.4795001222)]
    public void Score_interval_matches_the_nine_cell_restricted_mle(long[] cells, double lower, double upper, double p)
    {
        var r = PairedNpsComparison.Compare(Table(cells));
        Approx.IntervalAbsolute(lower, upper, r.Interval, 1e-6);
        Approx.Absolute(p, r.PValue!.Value, 1e-8, "p");
        Assert.Equal("score", r.Interval.Method);
    }

    [Theory]
    // Only detractors and promoters in both waves: Δ = 2·(n_DP − n_PD)/n and the score interval is twice Tango's (1998)
    // interval for a difference of paired proportions. Reference: /work/shared/reference/survey-metrics.md §1.4, Tango score
    // column, counts (D, Pa, P) = (n_PD, n_DD + n_PP, n_DP): (1,2,3) → [−0.3110737846, 0.7539566636], (0,0,20) → [0.6777496839, 1]
    // (brendan-r/NPS "iterative", re-solved with scipy brentq).
    [InlineData(new long[] { 1, 0, 3, 0, 0, 0, 1, 0, 1 }, -0.3110737846, 0.7539566636)]
    [InlineData(new long[] { 0, 0, 20, 0, 0, 0, 0, 0, 0 }, 0.6777496839, 1.0)]
    public void Two_category_tables_give_twice_tangos_paired_interval(long[] cells, double lower, double upper)
    {
        var r = PairedNpsComparison.Compare(Table(cells));
        Approx.IntervalAbsolute(200 * lower, 200 * upper, r.Interval, 2e-6);
    }

    [Fact]
    public void Score_test_on_two_categories_is_mcnemar()
    {
        // R 4.2.2: mcnemar.test(matrix(c(1,3,1,1),2,2,byrow=TRUE), correct = FALSE) → X² = 1, p = 0.317310507862914
        // (paired_nps_bowker.out); the score test at Δ₀ = 0 equals McNemar's (b − c)²/(b + c).
        var r = PairedNpsComparison.Compare(Table(1, 0, 3, 0, 0, 0, 1, 0, 1));
        Approx.Relative(0.317310507862914, r.PValue!.Value, 1e-12, "p");
    }

    // Reference: R 4.2.2 stats::mcnemar.test on the 3 × 3 table (Bowker's test), paired_nps_bowker.R / .out.
    [Theory]
    [InlineData(new long[] { 40, 12, 8, 10, 70, 25, 5, 15, 115 }, 3.37412587412587, 3, 0.337458236258856)]
    [InlineData(new long[] { 3, 9, 4, 2, 5, 11, 1, 6, 20 }, 7.72513368983957, 3, 0.0520474152413033)]
    public void Bowker_matches_r_mcnemar_test(long[] cells, double statistic, int df, double p)
    {
        var s = PairedNpsComparison.Compare(Table(cells)).Symmetry!;
        Approx.Relative(statistic, s.Statistic, 1e-13, "statistic");
        Assert.Equal(df, s.DegreesOfFreedom);
        Approx.Relative(p, s.PValue, 1e-12, "p");
    }

    [Fact]
    public void Bowker_drops_empty_pairs()
    {
        // R returns NaN here (paired_nps_bowker.out, T2). Closed form with the empty pair (detractor, passive) dropped:
        // (2 − 1)²/3 + (1 − 0)²/1 = 4/3 on df = 2, p = exp(−χ²/2) = exp(−2/3).
        var s = PairedNpsComparison.Compare(Table(1, 0, 2, 0, 1, 1, 1, 0, 2)).Symmetry!;
        Approx.Relative(4.0 / 3.0, s.Statistic, 1e-15, "statistic");
        Assert.Equal(2, s.DegreesOfFreedom);
        Approx.Relative(Math.Exp(-2.0 / 3.0), s.PValue, 1e-12, "p");
    }

    [Fact]
    public void No_change_at_all_is_defined_everywhere()
    {
        // Everyone on the diagonal: Δ = 0, SE = 0 (closed form), Wald interval [0, 0] and Wald p null (0/0), score p = 1
        // (the score is 0), no symmetry test (no pair moved), score interval non-degenerate.
        var tally = Table(5, 0, 0, 0, 7, 0, 0, 0, 9);
        var wald = PairedNpsComparison.Compare(tally, 0.95, PairedNpsIntervalMethod.Wald);
        Assert.Equal(0.0, wald.Difference);
        Assert.Equal(0.0, wald.StandardError);
        Assert.Equal(0.0, wald.Interval.Lower);
        Assert.Equal(0.0, wald.Interval.Upper);
        Assert.Null(wald.PValue);
        Assert.Null(wald.Symmetry);
        var score = PairedNpsComparison.Compare(tally);
        Assert.Equal(1.0, score.PValue);
        Assert.True(score.Interval.Lower < 0 && score.Interval.Upper > 0);
        Assert.True(score.IndependentStandardError > 0);
    }

    [Fact]
    public void One_respondent_all_in_one_cell()
    {
        // n = 1, detractor → promoter: Δ = 200 (the maximum), SE 0, Wald [200, 200] with null p; the score interval is [L, 200].
        var tally = Table(0, 0, 1, 0, 0, 0, 0, 0, 0);
        var wald = PairedNpsComparison.Compare(tally, 0.95, PairedNpsIntervalMethod.Wald);
        Assert.Equal(200.0, wald.Difference);
        Assert.Equal(200.0, wald.Interval.Lower);
        Assert.Null(wald.PValue);
        var score = PairedNpsComparison.Compare(tally);
        Assert.Equal(200.0, score.Interval.Upper);
        Assert.InRange(score.Interval.Lower, -200.0, 199.0);
        Assert.InRange(score.PValue!.Value, 0.0, 1.0);
    }

    [Fact]
    public void Movement_and_net_flows_add_up()
    {
        var r = PairedNpsComparison.Compare(Table(40, 12, 8, 10, 70, 25, 5, 15, 115));
        Assert.Equal(9, r.Movement.Count);
        Assert.Equal(NpsCategory.Detractor, r.Movement[2].From);
        Assert.Equal(NpsCategory.Promoter, r.Movement[2].To);
        Assert.Equal(8, r.Movement[2].Count);
        Approx.Relative(8.0 / 300, r.Movement[2].Share, 1e-15, "share");
        Assert.Equal(33, r.PromotersGained);
        Assert.Equal(20, r.PromotersLost);
        Assert.Equal(15, r.DetractorsGained);
        Assert.Equal(20, r.DetractorsLost);
        // Closed form: n·Δ = (gained − lost promoters) − (gained − lost detractors) = 13 − (−5) = 18 → Δ = 6 points.
        Approx.Relative(100.0 * ((r.PromotersGained - r.PromotersLost) - (r.DetractorsGained - r.DetractorsLost)) / 300, r.Difference, 1e-13, "identity");
        Assert.Equal(new NpsTally(60, 105, 135), r.Tally.Before);
        Assert.Equal(new NpsTally(55, 97, 148), r.Tally.After);
    }

    [Fact]
    public void Scores_tally_like_the_table()
    {
        int[] before = [0, 6, 7, 8, 9, 10, 3, 10];
        int[] after = [9, 6, 10, 2, 9, 7, 8, 10];
        var tally = PairedNpsTally.FromScores(before, after);
        var added = PairedNpsTally.Empty;
        for (int i = 0; i < before.Length; i++)
        {
            added = added.Add(before[i], after[i]);
        }

        Assert.Equal(tally, added);
        Assert.Equal(Table(1, 1, 1, 1, 0, 1, 0, 1, 2), tally);
        Assert.Equal(2, tally[NpsCategory.Promoter, NpsCategory.Promoter]);
    }

    [Fact]
    public void Invalid_input_is_refused_with_the_argument_named()
    {
        Assert.Equal("counts", Assert.Throws<ArgumentOutOfRangeException>(() => Table(1, 0, 0, 0, -2, 0, 0, 0, 0)).ParamName);
        Assert.Throws<ArgumentException>(() => PairedNpsTally.FromCounts(new long[2, 3]));
        Assert.Equal("after", Assert.Throws<ArgumentException>(() => PairedNpsTally.FromScores([1, 2], [3])).ParamName);
        Assert.Equal("after", Assert.Throws<ArgumentOutOfRangeException>(() => PairedNpsTally.FromScores([1, 2], [3, 11])).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => PairedNpsTally.Empty.Add(-1, 5));
        Assert.Equal("tally", Assert.Throws<ArgumentException>(() => PairedNpsComparison.Compare(PairedNpsTally.Empty)).ParamName);
        Assert.ThrowsAny<ArgumentException>(() => PairedNpsComparison.Compare(Table(1, 1, 1, 1, 1, 1, 1, 1, 1), double.NaN));
        Assert.ThrowsAny<ArgumentException>(() => PairedNpsComparison.Compare(Table(1, 1, 1, 1, 1, 1, 1, 1, 1), 0.95, (PairedNpsIntervalMethod)7));
        Assert.ThrowsAny<ArgumentException>(() => PairedNpsTally.FromJson("""{"version":1,"counts":[1,2,3]}"""));
        Assert.ThrowsAny<ArgumentException>(() => PairedNpsTally.FromJson("""{"version":1,"counts":[1,2,3,4,5,6,7,8,-9]}"""));
        Assert.ThrowsAny<ArgumentException>(() => PairedNpsTally.FromJson("""{"version":2,"counts":[1,2,3,4,5,6,7,8,9]}"""));
        Assert.ThrowsAny<ArgumentException>(() => PairedNpsTally.FromJson("""{"version":1}"""));
    }

    [Fact]
    public void Json_state_is_the_nine_counts()
    {
        var t = Table(1, 2, 3, 4, 5, 6, 7, 8, 9);
        Assert.Equal("""{"version":1,"counts":[1,2,3,4,5,6,7,8,9]}""", t.ToJson());
        Assert.Equal(t, PairedNpsTally.FromJson(t.ToJson()));
    }

    private static Arbitrary<long[]> Cells => Gen.Choose(0, 40).Select(c => (long)c).ArrayOf(9).ToArbitrary();

    [Property]
    public Property Merge_is_the_tally_of_the_union_and_json_round_trips() =>
        Prop.ForAll(Cells, Cells, (a, b) =>
        {
            var merged = Table(a).Merge(Table(b));
            var union = Table([.. a.Zip(b, (x, y) => x + y)]);
            return merged == union && PairedNpsTally.FromJson(merged.ToJson()) == merged && merged.GetHashCode() == union.GetHashCode();
        });

    [Property]
    public Property Intervals_contain_the_estimate_stay_in_range_and_are_never_nan() =>
        Prop.ForAll(Cells, Gen.Elements(0.5, 0.8, 0.9, 0.95, 0.99).ToArbitrary(), (cells, level) =>
        {
            var tally = Table(cells);
            return Prop.When(tally.Count > 0, () =>
            {
                foreach (var method in new[] { PairedNpsIntervalMethod.Score, PairedNpsIntervalMethod.Wald })
                {
                    var r = PairedNpsComparison.Compare(tally, level, method);
                    double[] numbers = [r.Before, r.After, r.Difference, r.StandardError, r.IndependentStandardError, r.Interval.Lower, r.Interval.Upper, r.PValue ?? 0.5];
                    if (numbers.Any(x => !double.IsFinite(x)) || !r.Interval.Contains(r.Difference) || r.Interval.Lower < -200 || r.Interval.Upper > 200
                        || r.PValue is < 0 or > 1 || r.Symmetry is { } s && !(s.PValue is >= 0 and <= 1))
                    {
                        return false;
                    }
                }

                return true;
            });
        });

    [Property]
    public Property Non_finite_or_negative_inputs_are_refused() =>
        Prop.ForAll(Gen.Elements(double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.5, 0.0, 1.0, 1.5).ToArbitrary(),
            Gen.Choose(-5, -1).ToArbitrary(), (level, negative) =>
            {
                bool levelRefused = Throws(() => PairedNpsComparison.Compare(Table(1, 1, 1, 1, 1, 1, 1, 1, 1), level));
                bool countRefused = Throws(() => Table(1, 1, 1, 1, negative, 1, 1, 1, 1));
                bool scoreRefused = Throws(() => PairedNpsTally.FromScores([negative], [5]));
                return levelRefused && countRefused && scoreRefused;
            });

    private static bool Throws(Action action)
    {
        try
        {
            action();
            return false;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }

    /// <summary>
    /// Coverage of the 95 % intervals by simulation: <paramref name="replicates"/> multinomial samples of <paramref name="n"/>
    /// respondents from fixed 3 × 3 cell probabilities, seeded Xoshiro256**. Returns the coverage of the paired score interval,
    /// the paired Wald interval, and the Wald interval built on the independent-samples SE (the wrong formula for a panel).
    /// </summary>
    internal static (double Score, double Wald, double Independent) Coverage(double[] cells, int n, int replicates, int seed)
    {
        double truth = 0;
        for (int k = 0; k < 9; k++)
        {
            truth += 100 * cells[k] * ((k % 3) - (k / 3));
        }

        var rng = RandomNumbers.Create(seed);
        double z = 1.959963984540054; // Φ⁻¹(0.975)
        int score = 0, wald = 0, independent = 0;
        var counts = new long[9];
        for (int rep = 0; rep < replicates; rep++)
        {
            Draws.Multinomial(rng, cells, n, counts);

            var tally = Table(counts);
            var s = PairedNpsComparison.Compare(tally);
            var w = PairedNpsComparison.Compare(tally, 0.95, PairedNpsIntervalMethod.Wald);
            score += s.Interval.Contains(truth) ? 1 : 0;
            wald += w.Interval.Contains(truth) ? 1 : 0;
            independent += Math.Abs(w.Difference - truth) <= z * w.IndependentStandardError ? 1 : 0;
        }

        return ((double)score / replicates, (double)wald / replicates, (double)independent / replicates);
    }

    /// <summary>
    /// Scenarios: a panel with strong within-person stability (NPS 28 → 36, corr(s₁, s₂) ≈ 0.6) and a near-ceiling panel
    /// (NPS 79 → 82, mostly promoters staying promoters). Cells row-major, wave-1 detractor/passive/promoter × wave 2.
    /// </summary>
    internal static readonly double[][] Scenarios =
    [
        [0.12, 0.05, 0.02, 0.04, 0.22, 0.08, 0.01, 0.06, 0.40],
        [0.02, 0.00, 0.02, 0.00, 0.05, 0.06, 0.01, 0.04, 0.80],
    ];

    // Simulation with seed 20261206 + scenario (small rerun of the large run quoted in docs/nps.md §Paired waves, produced by
    // scripts/paired-nps-coverage.sh with TM_PAIRED_COVERAGE_REPS=100000).
    [Fact]
    public void Score_interval_covers_about_95_percent_where_the_independent_formula_over_covers()
    {
        int reps = int.TryParse(Environment.GetEnvironmentVariable("TM_PAIRED_COVERAGE_REPS"), out int r) ? r : 2000;
        int[] sizes = reps > 2000 ? [30, 100, 535, 2000] : [100];
        for (int s = 0; s < Scenarios.Length; s++)
        {
            foreach (int n in sizes)
            {
                var (score, wald, independent) = Coverage(Scenarios[s], n, reps, 20261206 + s);
                output.WriteLine($"scenario {s}, n = {n}: coverage score {score:F4}, paired wald {wald:F4}, independent-samples wald {independent:F4} ({reps} replicates)");
                if (reps <= 2000)
                {
                    Assert.InRange(score, 0.93, 0.97);
                    Assert.True(independent > 0.98, $"the independent-samples formula should over-cover here; got {independent:F4}");
                }
            }
        }
    }
}
