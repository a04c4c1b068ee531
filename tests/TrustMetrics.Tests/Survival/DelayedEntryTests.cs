using TrustMetrics.Survival;

namespace TrustMetrics.Tests.Survival;

/// <summary>
/// Delayed entry (left truncation) against R survival 3.5-3 <c>survfit(Surv(start, stop, event) ~ 1)</c>: every row of the curve,
/// its standard error and all three interval types, and the Nelson–Aalen hazard with ctype 1 and 2, to 1e-9 relative. The R
/// script and its output: Data/delayed-entry.R, delayed-entry.txt and the delayed-entry-*.csv tables it wrote.
/// </summary>
public class DelayedEntryTests
{
    private const double Tolerance = 1e-9;

    private static readonly SurvivalAnalyzer Analyzer = new();

    /// <summary>lifelines' multicenter_aids_cohort.tsv (78 subjects): entry W, exit T, event D (columns 2, 3, 4).</summary>
    internal static SurvivalTally Aids() => SurvivalTally.FromStartStop(RReference.Rows("multicenter_aids_cohort.tsv", '\t')
        .Select(f => (RReference.Number(f[2]), RReference.Number(f[3]), f[4] == "1")));

    /// <summary>The seeded simulation of delayed-entry.R (300 subjects, times rounded to 0.1: tied entries and exits).</summary>
    internal static SurvivalTally Simulated() => SurvivalTally.FromStartStop(RReference.Rows("delayed-entry-simulated.csv")
        .Select(f => (RReference.Number(f[0]), RReference.Number(f[1]), f[2] == "1")));

    public static TheoryData<string, string> Cases() => new()
    {
        { "aids", "log-log" }, { "aids", "log" }, { "aids", "plain" },
        { "simulated", "log-log" }, { "simulated", "log" }, { "simulated", "plain" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Kaplan_Meier_with_delayed_entry_equals_R_survfit_row_by_row(string data, string conf)
    {
        var tally = data == "aids" ? Aids() : Simulated();
        var method = conf switch { "log" => SurvivalIntervalMethod.Log, "plain" => SurvivalIntervalMethod.Plain, _ => SurvivalIntervalMethod.LogLog };
        var km = Analyzer.KaplanMeier(tally, 0.95, method);
        var expected = RReference.Table($"delayed-entry-{data}-{conf}.csv");
        Assert.Equal(expected.Count, km.Table.Count); // R reports the distinct exit times only; entry times add no row
        for (int i = 0; i < expected.Count; i++)
        {
            var r = expected[i];
            var row = km.Table[i];
            string at = $"{data} {conf} row {i} (t = {row.Time})";
            Assert.Equal(r["time"], row.Time);
            Assert.Equal((long)r["n_risk"], row.AtRisk);
            Assert.Equal((long)r["n_event"], row.Events);
            Assert.Equal((long)r["n_censor"], row.Censored);
            Approx.Relative(r["surv"], row.Survival, Tolerance, at + " Ŝ");
            Approx.Relative(r["std_err"], row.LogStandardError, Tolerance, at + " σ̂ (R std.err)");
            if (!double.IsNaN(r["lower"])) // R: NA for log-log where Ŝ = 1 (the library gives (1, 1))
            {
                Approx.Relative(r["lower"], row.Lower, Tolerance, at + " lower");
                Approx.Relative(r["upper"], row.Upper, Tolerance, at + " upper");
            }
            else
            {
                Assert.Equal((1.0, 1.0), (row.Lower, row.Upper));
            }
        }
    }

    [Theory]
    [InlineData("aids")]
    [InlineData("simulated")]
    public void Nelson_Aalen_with_delayed_entry_equals_R_survfit_ctype_1_and_2_hazards_and_ctype_2_errors(string data)
    {
        var tally = data == "aids" ? Aids() : Simulated();
        var discrete = Analyzer.NelsonAalen(tally, 0.95, NelsonAalenTies.Discrete);
        var fleming = Analyzer.NelsonAalen(tally, 0.95, NelsonAalenTies.FlemingHarrington);
        var expected = RReference.Table($"delayed-entry-{data}-na.csv");
        Assert.Equal(expected.Count, discrete.Table.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            var r = expected[i];
            Assert.Equal((long)r["n_risk"], discrete.Table[i].AtRisk);
            Approx.Relative(r["cumhaz1"], discrete.Table[i].CumulativeHazard, Tolerance, $"row {i} H ctype 1");
            // Not compared: R's ctype-1 std.chaz is the Poisson form √Σd/n², the library's Discrete variance the binomial form
            // Σ(n − d)d/n³ of lifelines (docs/survival.md, Nelson–Aalen); they differ by design, with or without delayed entry.
            Approx.Relative(r["cumhaz2"], fleming.Table[i].CumulativeHazard, Tolerance, $"row {i} H ctype 2");
            Approx.Relative(r["std_chaz2"], fleming.Table[i].StandardError, Tolerance, $"row {i} SE ctype 2");
        }
    }

    [Fact]
    public void Median_and_restricted_mean_with_delayed_entry_equal_R()
    {
        // delayed-entry.txt: summary(survfit(..., conf.type = "log-log"), rmean = 5)$table.
        var aids = Analyzer.KaplanMeier(Aids());
        Assert.Equal(3.062, aids.Median.Time);
        Assert.Equal(1.951, aids.Median.Lower);
        Assert.Null(aids.Median.Upper);
        var rmst = aids.RestrictedMean(5);
        Approx.Relative(3.2679085445556426, rmst.Value, Tolerance, "aids RMST(5)");
        Approx.Relative(0.24677066696021557, rmst.StandardError, Tolerance, "aids SE RMST(5)");

        var simulated = Analyzer.KaplanMeier(Simulated());
        Assert.Equal(6.3, simulated.Median.Time);
        Assert.Equal(5.1, simulated.Median.Lower);
        Assert.Equal(7.3, simulated.Median.Upper);
        rmst = simulated.RestrictedMean(5);
        Approx.Relative(4.0173886867779887, rmst.Value, Tolerance, "simulated RMST(5)");
        Approx.Relative(0.12803593171135658, rmst.StandardError, Tolerance, "simulated SE RMST(5)");
    }

    [Fact]
    public void Lifelines_left_truncation_vectors_hold()
    {
        // ltv-churn.md §9 (lifelines test_left_truncation_against_Cole_and_Hudgens): at risk 42, 44, 11 at t = 0.269, 0.791, 4.688;
        // Ŝ(0.791) = 0.954004329004329 (R-here).
        var km = Analyzer.KaplanMeier(Aids());
        Assert.Equal(42, km.Table.Single(p => p.Time == 0.269).AtRisk);
        Assert.Equal(44, km.Table.Single(p => p.Time == 0.791).AtRisk);
        Assert.Equal(11, km.Table.Single(p => p.Time == 4.688).AtRisk);
        Approx.Relative(0.954004329004329, km.SurvivalAt(0.791), 1e-12, "Ŝ(0.791)");

        // §9 LL-test test_late_entry_with_almost_tied_entry_and_death_against_R: entry (1.9, 0, 0, 0, 0), T (2, 10, 5, 4, 3), all events:
        // Ŝ on the timeline 0, 2, 3, 4, 5, 10 = 1, 0.8, 0.6, 0.4, 0.2, 0 (1 before 2).
        var tied = Analyzer.KaplanMeier(SurvivalTally.FromStartStop([1.9, 0, 0, 0, 0], [2.0, 10, 5, 4, 3], [1, 1, 1, 1, 1]));
        Assert.Equal([0.8, 0.6, 0.4, 0.2, 0.0], tied.Table.Select(p => Math.Round(p.Survival, 12)).ToArray());
    }

    [Fact]
    public void The_state_has_version_2_and_version_1_documents_are_still_read()
    {
        var tally = SurvivalTally.FromStartStop([0.0, 1, 2.5], [3.0, 4, 5], [1, 0, 1]);
        string json = tally.ToJson();
        Assert.Equal("""{"version":2,"times":[3,4,5],"events":[1,0,1],"censored":[0,1,0],"entryTimes":[0,1,2.5],"entered":[1,1,1]}""", json);
        Assert.Equal(tally, SurvivalTally.FromJson(json));

        var old = SurvivalTally.FromJson("""{"version":1,"times":[1,2.5],"events":[1,0],"censored":[0,2]}""");
        Assert.Equal(SurvivalTally.FromCounts([1.0, 2.5], [1, 0], [0, 2]), old);
        Assert.False(old.HasDelayedEntry);

        var v1WithEntries = Assert.Throws<ArgumentException>(() =>
            SurvivalTally.FromJson("""{"version":1,"times":[3],"events":[1],"censored":[0],"entryTimes":[1],"entered":[1]}"""));
        Assert.Contains("EntryTimes", v1WithEntries.Message, StringComparison.Ordinal);
        var v2Missing = Assert.Throws<ArgumentException>(() => SurvivalTally.FromJson("""{"version":2,"times":[3],"events":[1],"censored":[0]}"""));
        Assert.Contains("EntryTimes is null", v2Missing.Message, StringComparison.Ordinal);
        var impossible = Assert.Throws<ArgumentException>(() =>
            SurvivalTally.FromJson("""{"version":2,"times":[3],"events":[1],"censored":[0],"entryTimes":[3],"entered":[1]}"""));
        Assert.Contains("only 0 are at risk", impossible.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => SurvivalTally.FromJson("""{"version":3,"times":[],"events":[],"censored":[],"entryTimes":[],"entered":[]}"""));
    }

    [Fact]
    public void Counts_with_entries_build_the_same_tally_and_impossible_counts_are_refused()
    {
        var rows = SurvivalTally.FromStartStop([0.0, 1, 1, 2], [3.0, 4, 2, 5], [true, false, true, true]);
        var counts = SurvivalTally.FromCounts([5.0, 3, 4, 2], [1, 1, 0, 1], [0, 0, 1, 0], [1.0, 0, 2, 1], [1, 1, 1, 1]);
        Assert.Equal(rows, counts);
        Assert.Equal(4, counts.DelayedEntryCount);
        Assert.Equal("n = 4, events = 3, censored = 1, distinct times = 4, delayed entries = 4", counts.ToString());

        var tooMany = Assert.Throws<ArgumentException>(() => SurvivalTally.FromCounts([3.0], [1], [0], [1.0], [2]));
        Assert.Equal("entered", tooMany.ParamName);
        var late = Assert.Throws<ArgumentException>(() => SurvivalTally.FromCounts([3.0], [1], [0], [3.0], [1]));
        Assert.Contains("only 0 are at risk", late.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_start_and_stop_values_are_refused_naming_the_row()
    {
        var stopBeforeStart = Assert.Throws<ArgumentOutOfRangeException>(() => SurvivalTally.FromStartStop([0.0, 2], [1.0, 2], [1, 1]));
        Assert.Equal("stops", stopBeforeStart.ParamName);
        Assert.Contains("stops[1] = 2", stopBeforeStart.Message, StringComparison.Ordinal);
        var negative = Assert.Throws<ArgumentOutOfRangeException>(() => SurvivalTally.FromStartStop([-1.0], [1.0], [1]));
        Assert.Equal("starts", negative.ParamName);
        var nan = Assert.Throws<ArgumentOutOfRangeException>(() => SurvivalTally.FromStartStop([(double.NaN, 1.0, true)]));
        Assert.Contains("subjects[0].Start = NaN", nan.Message, StringComparison.Ordinal);
        var infinite = Assert.Throws<ArgumentOutOfRangeException>(() => SurvivalTally.FromStartStop([(0.0, double.PositiveInfinity, true)]));
        Assert.Contains("subjects[0].Stop = Infinity", infinite.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => SurvivalTally.FromStartStop([0.0], [1.0, 2], [1, 1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => SurvivalTally.FromStartStop([0.0], [1.0], [2]));
    }
}
