using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using TrustMetrics.Survival;

namespace TrustMetrics.Tests.Survival;

/// <summary>
/// Competing risks against R: Aalen–Johansen cumulative incidence, its standard error and all three interval types equal R survival
/// 3.5-3's multi-state <c>survfit(Surv(time, factor(status)) ~ 1)</c> (pstate, std.err, lower, upper) to 1e-9; Gray's test equals
/// cmprsk 2.2-11 <c>cuminc(...)$Tests</c>. Script and output: Data/competing-risks.R, competing-risks.txt, competing-risks-aj-*.csv.
/// </summary>
public class CompetingRisksTests
{
    private const double Tolerance = 1e-9;

    private static readonly SurvivalAnalyzer Analyzer = new();

    private static readonly Lazy<(string Plan, double Time, string Cause)[]> Rows = new(() =>
        RReference.Rows("competing-risks-simulated.csv").Select(f => (f[0], RReference.Number(f[1]), f.Length > 2 ? f[2] : "")).ToArray());

    private static CompetingRisksTally Tally(Func<string, bool>? plan = null) =>
        CompetingRisksTally.FromRows(Rows.Value.Where(r => plan is null || plan(r.Plan)).Select(r => (r.Time, (string?)r.Cause)));

    private static List<KeyValuePair<string, CompetingRisksTally>> Plans(params string[] plans) =>
        plans.Select(p => KeyValuePair.Create(p, Tally(x => x == p))).ToList();

    [Theory]
    [InlineData("log-log")]
    [InlineData("log")]
    [InlineData("plain")]
    public void Aalen_Johansen_equals_R_multi_state_survfit(string conf)
    {
        var method = conf switch { "log" => SurvivalIntervalMethod.Log, "plain" => SurvivalIntervalMethod.Plain, _ => SurvivalIntervalMethod.LogLog };
        var result = Analyzer.CumulativeIncidence(Tally(), 0.95, method);
        Assert.Equal(["payment", "voluntary"], result.Tally.Causes);
        var expected = RReference.Table($"competing-risks-aj-{conf}.csv");
        foreach (var curve in result.Curves)
        {
            Assert.Equal(expected.Count, curve.Table.Count);
            for (int i = 0; i < expected.Count; i++)
            {
                var r = expected[i];
                var row = curve.Table[i];
                string at = $"{curve.Cause} {conf} t = {row.Time}";
                Assert.Equal(r["time"], row.Time);
                Assert.Equal((long)r["n_risk"], row.AtRisk);
                Approx.Relative(r[curve.Cause], row.Incidence, Tolerance, at + " F");
                Approx.Relative(r[curve.Cause + "_se"], row.StandardError, Tolerance, at + " SE");
                Approx.Relative(r[curve.Cause + "_lower"], row.Lower, Tolerance, at + " lower");
                Approx.Relative(r[curve.Cause + "_upper"], row.Upper, Tolerance, at + " upper");
            }
        }

        // Ŝ(t) + ΣF̂ₖ(t) = 1, and Ŝ is the all-cause Kaplan–Meier curve (R's Pr((s0))).
        var km = Analyzer.KaplanMeier(result.Tally.AllCauses());
        for (int i = 0; i < expected.Count; i++)
        {
            Approx.Relative(expected[i]["stay"], km.Table[i].Survival, Tolerance, "stay");
            Approx.Absolute(1.0, km.Table[i].Survival + result.Curves.Sum(c => c.Table[i].Incidence), 1e-12, "sum of states");
        }
    }

    [Theory]
    // competing-risks.txt: cuminc(time, code, plan, rho = ρ)$Tests.
    [InlineData(0.0, "payment", 11.11470669464971, 0.0038589762637568636)]
    [InlineData(0.0, "voluntary", 9.7933184545894303, 0.0074715020134806798)]
    [InlineData(1.0, "payment", 10.47648781338243, 0.0053095727588556851)]
    [InlineData(1.0, "voluntary", 9.8897219080948293, 0.0071199045891564561)]
    public void Gray_test_across_three_plans_equals_cmprsk(double rho, string cause, double chiSquare, double p)
    {
        var test = Analyzer.GrayTest(Plans("basic", "plus", "pro"), cause, rho);
        Assert.Equal(2, test.DegreesOfFreedom);
        Approx.Relative(chiSquare, test.ChiSquare, Tolerance, "χ²");
        Approx.Relative(p, test.PValue, Tolerance, "p");
        Approx.Absolute(0.0, test.Scores.Sum(), 1e-9, "Σ scores");
    }

    [Fact]
    public void Gray_test_two_groups_and_a_hand_sized_case_equal_cmprsk()
    {
        // competing-risks.txt: cuminc basic vs plus: payment 5.2619405890255013, voluntary 8.5811584112872517.
        Approx.Relative(5.2619405890255013, Analyzer.GrayTest(Plans("basic", "plus"), "payment").ChiSquare, Tolerance, "payment");
        Approx.Relative(8.5811584112872517, Analyzer.GrayTest(Plans("basic", "plus"), "voluntary").ChiSquare, Tolerance, "voluntary");

        // "small": times (1, 2, 2, 3, 4, 5 | 1, 2, 3, 3, 5, 6), codes (1, 2, 1, 0, 1, 2 | 2, 1, 0, 1, 2, 1) for x | y:
        // cause 1 χ² 0.3555271242541948 (p 0.55100091175971255), cause 2 χ² 0.0021616278181517106.
        static CompetingRisksTally Small(double[] t, string?[] c) => CompetingRisksTally.FromCounts(t, c, Enumerable.Repeat(1L, t.Length).ToArray());
        var groups = new Dictionary<string, CompetingRisksTally>
        {
            ["x"] = Small([1, 2, 2, 3, 4, 5], ["1", "2", "1", null, "1", "2"]),
            ["y"] = Small([1, 2, 3, 3, 5, 6], ["2", "1", null, "1", "2", "1"]),
        };
        var one = Analyzer.GrayTest(groups, "1");
        Approx.Relative(0.3555271242541948, one.ChiSquare, Tolerance, "cause 1");
        Approx.Relative(0.55100091175971255, one.PValue, Tolerance, "p cause 1");
        Approx.Relative(0.0021616278181517106, Analyzer.GrayTest(groups, "2").ChiSquare, 1e-8, "cause 2");
        Assert.Equal("Gray's test (cause 1) χ² = 0.356 (df 1), p = 0.551", one.ToString());
    }

    [Fact]
    public void Tally_json_merge_and_bad_input()
    {
        var tally = CompetingRisksTally.FromRows([(1.0, "voluntary"), (2.0, null), (2.0, "payment"), (3.0, "voluntary")]);
        Assert.Equal("""{"version":1,"causes":["payment","voluntary"],"times":[1,2,3],"censored":[0,1,0],"events":[[0,1,0],[1,0,1]]}""", tally.ToJson());
        Assert.Equal(tally, CompetingRisksTally.FromJson(tally.ToJson()));
        Assert.Equal("n = 4, censored = 1, payment = 1, voluntary = 2, distinct times = 3", tally.ToString());
        Assert.Throws<ArgumentException>(() => CompetingRisksTally.FromJson("""{"version":1,"causes":["b","a"],"times":[1],"censored":[0],"events":[[1],[1]]}"""));
        Assert.Throws<ArgumentException>(() => CompetingRisksTally.FromJson("""{"version":1,"causes":["a"],"times":[1],"censored":[1],"events":[[0]]}"""));
        Assert.Throws<ArgumentException>(() => CompetingRisksTally.FromJson("""{"version":2,"causes":[],"times":[],"censored":[],"events":[]}"""));
        var nan = Assert.Throws<ArgumentOutOfRangeException>(() => CompetingRisksTally.FromRows([(double.NaN, "a")]));
        Assert.Contains("subjects[0].Duration = NaN", nan.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => CompetingRisksTally.FromCounts([1.0], ["a"], [-1]));
        Assert.Throws<ArgumentException>(() => Analyzer.CumulativeIncidence(CompetingRisksTally.Empty));
        Assert.Throws<ArgumentException>(() => Analyzer.GrayTest(Plans("basic", "plus"), "nonexistent"));
        Assert.Throws<ArgumentOutOfRangeException>(() => Analyzer.GrayTest(Plans("basic", "plus"), "payment", double.NaN));
        Assert.Throws<ArgumentException>(() => Analyzer.CumulativeIncidence(tally).Curve("other"));
        Assert.Equal(0.25, Analyzer.CumulativeIncidence(tally).Curve("voluntary").IncidenceAt(1.5));
    }

    private static Gen<(double, string?)[]> Subjects() =>
        (from t in Gen.Choose(0, 15) from c in Gen.Elements<string?>(null, "a", "b", "c") select ((double)t, c)).ArrayOf();

    [Property]
    public Property Merge_equals_the_tally_of_the_concatenation_and_order_does_not_matter() =>
        Prop.ForAll(Gen.Zip(Subjects(), Subjects()).ToArbitrary(), pair =>
        {
            var (a, b) = pair;
            var whole = CompetingRisksTally.FromRows([.. a, .. b]);
            Assert.Equal(whole, CompetingRisksTally.FromRows(a) + CompetingRisksTally.FromRows(b));
            Assert.Equal(whole, CompetingRisksTally.FromRows([.. b, .. a]));
            Assert.Equal(whole, CompetingRisksTally.FromJson(whole.ToJson()));
            if (!whole.IsEmpty)
            {
                var result = Analyzer.CumulativeIncidence(whole);
                var km = Analyzer.KaplanMeier(whole.AllCauses());
                for (int i = 0; i < whole.DistinctTimeCount; i++)
                {
                    Approx.Absolute(1.0, km.Table[i].Survival + result.Curves.Sum(c => c.Table[i].Incidence), 1e-12, "sum of states");
                    Assert.All(result.Curves, c => Assert.True(c.Table[i].Lower <= c.Table[i].Incidence && c.Table[i].Incidence <= c.Table[i].Upper
                        && double.IsFinite(c.Table[i].StandardError)));
                }
            }
        });

    [Property]
    public Property With_a_single_cause_the_incidence_is_one_minus_Kaplan_Meier() =>
        Prop.ForAll(Subjects().Where(s => s.Length > 0).ToArbitrary(), subjects =>
        {
            var one = subjects.Select(s => (s.Item1, s.Item2 is null ? null : "churn")).ToArray();
            var tally = CompetingRisksTally.FromRows(one);
            var km = Analyzer.KaplanMeier(SurvivalTally.FromDurations(one.Select(s => (s.Item1, s.Item2 is not null))));
            if (tally.Causes.Count == 1)
            {
                var curve = Analyzer.CumulativeIncidence(tally).Curves[0];
                for (int i = 0; i < km.Table.Count; i++)
                {
                    Approx.Absolute(1 - km.Table[i].Survival, curve.Table[i].Incidence, 1e-12, "F = 1 − S");
                }
            }
        });
}
