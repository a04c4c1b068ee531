using TrustMetrics.Survival;

namespace TrustMetrics.Tests.Survival;

/// <summary>
/// Fleming–Harrington G(ρ, γ), stratified and pairwise log-rank tests against R survival 3.5-3 (Data/log-rank.R and its output
/// log-rank.txt): survdiff(rho = ρ) for γ = 0; for γ &gt; 0 the explicit R function fh() of that script (Fleming &amp; Harrington 1991,
/// §7.3), itself checked against survdiff for γ = 0; pairs by survdiff on each pair's subset and p.adjust(method = "holm").
/// </summary>
public class WeightedLogRankTests
{
    private const double Tolerance = 1e-9;

    private static readonly SurvivalAnalyzer Analyzer = new();

    private static readonly Lazy<(string Plan, string Channel, double Time, bool Event)[]> SimulatedRows = new(() =>
        RReference.Rows("log-rank-simulated.csv").Select(f => (f[0], f[1], RReference.Number(f[2]), f[3] == "1")).ToArray());

    /// <summary>Plans a, b, c of the seeded simulation of log-rank.R (240 customers, whole-day times).</summary>
    private static List<KeyValuePair<string, SurvivalTally>> Plans() => SimulatedRows.Value.GroupBy(r => r.Plan).OrderBy(g => g.Key, StringComparer.Ordinal)
        .Select(g => KeyValuePair.Create(g.Key, SurvivalTally.FromDurations(g.Select(r => (r.Time, r.Event))))).ToList();

    private static List<(string Stratum, string Group, SurvivalTally Tally)> PlanByChannel() => SimulatedRows.Value
        .GroupBy(r => (r.Channel, r.Plan)).OrderBy(g => g.Key.Plan, StringComparer.Ordinal)
        .Select(g => (g.Key.Channel, g.Key.Plan, SurvivalTally.FromDurations(g.Select(r => (r.Time, r.Event))))).ToList();

    [Theory]
    // log-rank.txt, "survdiff plan rho = ρ": chisq, p, obs − exp per plan (a, b, c).
    [InlineData(0.0, 0.0, 12.76440205728847, 0.001691396045463924, -3.1923330609738159, 18.306128370716891, -15.113795309743082)]
    [InlineData(1.0, 0.0, 21.761986087863434, 1.881242421443779e-05, 0.42952806929014997, 15.566710403223929, -15.99623847251409)]
    [InlineData(0.5, 0.0, 17.903711634342098, 0.00012949661486938985, -0.89392800658551153, 16.97825146037308, -16.084323453787562)]
    // log-rank.txt, "fh plan rho = ρ gamma = γ" (explicit R, γ > 0).
    [InlineData(0.0, 1.0, 2.6455009975814896, 0.26640155618684741, -3.6218611302639645, 2.7394179674929569, 0.88244316277100665)]
    [InlineData(1.0, 1.0, 6.1026611447202272, 0.047295951819413727, -1.2794368641004741, 2.462215393974855, -1.1827785298743816)]
    [InlineData(0.5, 2.0, 2.2424321503888702, 0.32588325501820975, -1.3277583476193733, 0.56962851890750632, 0.7581298287118664)]
    public void Fleming_Harrington_weights_equal_R(double rho, double gamma, double chiSquare, double p, double scoreA, double scoreB, double scoreC)
    {
        var test = Analyzer.LogRank(Plans(), new LogRankWeights(rho, gamma));
        Assert.Equal(2, test.DegreesOfFreedom);
        Approx.Relative(chiSquare, test.ChiSquare, Tolerance, "χ²");
        Approx.Relative(p, test.PValue, Tolerance, "p");
        Approx.Relative(scoreA, test.Groups[0].Score, Tolerance, "U a");
        Approx.Relative(scoreB, test.Groups[1].Score, Tolerance, "U b");
        Approx.Relative(scoreC, test.Groups[2].Score, Tolerance, "U c");
        Assert.Equal(new LogRankWeights(rho, gamma), test.Weights);
    }

    [Fact]
    public void Weighted_variance_diagonal_equals_R_survdiff()
    {
        // log-rank.txt "survdiff plan rho = 1": var diag.
        var test = Analyzer.LogRank(Plans(), LogRankWeights.FlemingHarrington(1, 0));
        Approx.Relative(16.68854104968359, test.Groups[0].Variance, Tolerance, "V a");
        Approx.Relative(14.36094146381371, test.Groups[1].Variance, Tolerance, "V b");
        Approx.Relative(16.993356777865618, test.Groups[2].Variance, Tolerance, "V c");
        Assert.Equal("Fleming–Harrington G(1, 0) χ² = 21.762 (df 2), p = 1.88E-05", test.ToString());
    }

    [Fact]
    public void Six_regimes_weighted_equal_R()
    {
        // log-rank.txt: dd regime survdiff(rho = 1) 203.84438834566856; fh(rho = 0, gamma = 1) 334.43739816618699 (df 5).
        var regimes = SurvivalData.Regimes.GroupBy(s => s.Group).Select(g => KeyValuePair.Create(g.Key, SurvivalData.Tally(g))).ToList();
        Approx.Relative(203.84438834566856, Analyzer.LogRank(regimes, new LogRankWeights(1, 0)).ChiSquare, Tolerance, "G(1, 0)");
        var late = Analyzer.LogRank(regimes, new LogRankWeights(0, 1));
        Approx.Relative(334.43739816618699, late.ChiSquare, Tolerance, "G(0, 1)");
        Approx.Relative(3.9176232321454859e-70, late.PValue, 1e-8, "p G(0, 1)");
    }

    [Fact]
    public void Stratified_test_equals_R_survdiff_with_strata()
    {
        // log-rank.txt: survdiff(Surv(time, event) ~ plan + strata(channel)) χ² 17.859566302466895, p 0.00013238672931649279;
        // fh() scores −1.2566484918804044, 20.181484171334553, −18.924835679454141; rho = 1: 23.162067315610027;
        // fh(rho = 0, gamma = 1) stratified: 5.8754743133134379.
        var test = Analyzer.StratifiedLogRank(PlanByChannel());
        Assert.Equal(2, test.StrataCount);
        Assert.Equal(["a", "b", "c"], test.Groups.Select(g => g.Group).ToArray());
        Approx.Relative(17.859566302466895, test.ChiSquare, Tolerance, "χ²");
        Approx.Relative(0.00013238672931649279, test.PValue, Tolerance, "p");
        Approx.Relative(-1.2566484918804044, test.Groups[0].Score, Tolerance, "U a");
        Approx.Relative(20.181484171334553, test.Groups[1].Score, Tolerance, "U b");
        Approx.Relative(-18.924835679454141, test.Groups[2].Score, Tolerance, "U c");
        Assert.Equal(240, test.Groups.Sum(g => g.Count));
        Approx.Relative(23.162067315610027, Analyzer.StratifiedLogRank(PlanByChannel(), new LogRankWeights(1, 0)).ChiSquare, Tolerance, "rho 1");
        Approx.Relative(5.8754743133134379, Analyzer.StratifiedLogRank(PlanByChannel(), new LogRankWeights(0, 1)).ChiSquare, Tolerance, "G(0, 1)");
        Assert.Contains("2 strata", test.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void One_stratum_is_the_unstratified_test()
    {
        var single = Analyzer.StratifiedLogRank(Plans().Select(p => ("all", p.Key, p.Value)));
        Assert.Equal(Analyzer.LogRank(Plans()).ChiSquare, single.ChiSquare);
    }

    [Theory]
    // log-rank.txt "pairwise rho = ρ": pairs a-b, a-c, b-c: chisq, p, holm.
    [InlineData(0.0, new[] { 4.7132283932109047, 1.3056213160726322, 12.649806139737848 },
        new[] { 0.029931391854676172, 0.25318897284389807, 0.00037560462354214514 },
        new[] { 0.059862783709352343, 0.25318897284389807, 0.0011268138706264355 })]
    [InlineData(1.0, new[] { 4.6572988789002077, 5.6896250928498064, 23.531676419650513 },
        new[] { 0.030921799881166265, 0.017065500088663851, 1.2287404272117057e-06 },
        new[] { 0.034131000177327703, 0.034131000177327703, 3.6862212816351171e-06 })]
    public void Pairwise_tests_with_Holm_equal_R(double rho, double[] chiSquares, double[] pValues, double[] holm)
    {
        var pairwise = Analyzer.PairwiseLogRank(Plans(), new LogRankWeights(rho, 0));
        Assert.Equal([("a", "b"), ("a", "c"), ("b", "c")], pairwise.Pairs.Select(p => (p.First, p.Second)).ToArray());
        for (int i = 0; i < 3; i++)
        {
            Approx.Relative(chiSquares[i], pairwise.Pairs[i].ChiSquare, Tolerance, $"χ² pair {i}");
            Approx.Relative(pValues[i], pairwise.Pairs[i].PValue, Tolerance, $"p pair {i}");
            Approx.Relative(holm[i], pairwise.Pairs[i].AdjustedPValue, Tolerance, $"Holm p pair {i}");
        }

        Assert.Equal("holm", pairwise.Adjustment);
    }

    [Fact]
    public void No_event_while_two_groups_were_at_risk_gives_chi_square_0_and_p_1()
    {
        // R: survdiff(Surv(c(1, 2, 3, 4), c(0, 0, 0, 0)) ~ c(1, 1, 2, 2)) gives Chisq = 0 (on −1 df, p NA); here df 0, p 1.
        var test = Analyzer.LogRank(new Dictionary<string, SurvivalTally>
        {
            ["1"] = SurvivalTally.FromDurations([1.0, 2], [0, 0]),
            ["2"] = SurvivalTally.FromDurations([3.0, 4], [0, 0]),
        });
        Assert.Equal((0.0, 0, 1.0), (test.ChiSquare, test.DegreesOfFreedom, test.PValue));
        Assert.False(test.IsSignificant());
    }

    [Fact]
    public void Bad_weights_and_cells_are_refused()
    {
        Assert.Equal("rho", Assert.Throws<ArgumentOutOfRangeException>(() => new LogRankWeights(double.NaN, 0)).ParamName);
        Assert.Equal("gamma", Assert.Throws<ArgumentOutOfRangeException>(() => LogRankWeights.FlemingHarrington(0, -1)).ParamName);
        Assert.Equal("log-rank", LogRankWeights.LogRank.ToString());
        Assert.True(new LogRankWeights(0, 0) == LogRankWeights.LogRank);
        var some = SurvivalTally.FromDurations([1.0, 2, 3], [1, 0, 1]);
        var repeated = Assert.Throws<ArgumentException>(() => Analyzer.StratifiedLogRank([("s", "a", some), ("s", "a", some), ("s", "b", some)]));
        Assert.Contains("more than once in stratum 's'", repeated.Message, StringComparison.Ordinal);
        var empty = Assert.Throws<ArgumentException>(() => Analyzer.StratifiedLogRank([("s", "a", some), ("t", "b", SurvivalTally.Empty)]));
        Assert.Equal("cells", empty.ParamName);
        Assert.Throws<ArgumentException>(() => Analyzer.PairwiseLogRank(new Dictionary<string, SurvivalTally> { ["a"] = some }));
        Assert.Throws<ArgumentNullException>(() => Analyzer.LogRank(Plans(), null!));
    }
}
