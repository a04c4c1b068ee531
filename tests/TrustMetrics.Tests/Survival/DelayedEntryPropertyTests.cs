using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using TrustMetrics.Survival;

namespace TrustMetrics.Tests.Survival;

/// <summary>FsCheck laws of tallies with delayed entry (definitions in docs/survival.md, "Delayed entry").</summary>
public class DelayedEntryPropertyTests
{
    private static readonly SurvivalAnalyzer Analyzer = new();

    /// <summary>Rows (start, stop, event) with whole or quarter times 0–30: heavy ties among entries and exits, stop &gt; start.</summary>
    private static Gen<(double Start, double Stop, bool Event)[]> Rows(int minLength = 0) =>
        (from start in Gen.Frequency((2, Gen.Constant(0)), (3, Gen.Choose(0, 80)))
         from length in Gen.Choose(1, 40)
         from quarter in Gen.Elements(true, false)
         from churned in Gen.Elements(true, false)
         let scale = quarter ? 0.25 : 1.0
         select (start * scale, (start + length) * scale, churned)).ArrayOf().Where(a => a.Length >= minLength);

    private static SurvivalTally Tally((double Start, double Stop, bool Event)[] rows) => SurvivalTally.FromStartStop(rows);

    [Property]
    public Property Entry_times_all_zero_give_the_right_censored_curve() =>
        Prop.ForAll(Rows(1).ToArbitrary(), rows =>
        {
            var fromZero = rows.Select(r => (0.0, r.Stop, r.Event)).ToArray();
            var delayed = Analyzer.KaplanMeier(SurvivalTally.FromStartStop(fromZero));
            var plain = Analyzer.KaplanMeier(SurvivalTally.FromDurations(rows.Select(r => (r.Stop, r.Event))));
            SameFields.Equal(plain.Table, delayed.Table);
            SameFields.Equal(plain.Median, delayed.Median);
            SameFields.Equal(Analyzer.NelsonAalen(plain.Tally).Table, Analyzer.NelsonAalen(delayed.Tally).Table);
        });

    [Property]
    public Property Row_order_changes_nothing() =>
        Prop.ForAll(Rows(1).SelectMany(r => Gen.Shuffle(r), (r, s) => (r, s)).ToArbitrary(), pair =>
        {
            var (rows, shuffled) = pair;
            Assert.Equal(Tally(rows), Tally(shuffled));
            SameFields.Equal(Analyzer.KaplanMeier(Tally(rows)).Table, Analyzer.KaplanMeier(Tally(shuffled)).Table);
        });

    [Property]
    public Property Merging_equals_tallying_the_concatenation_with_or_without_entries() =>
        Prop.ForAll((from x in Rows() from y in Rows() from flag in Gen.Elements(true, false) select (x, y, flag)).ToArbitrary(), triple =>
        {
            var (a, b, secondRightCensored) = triple;
            var left = Tally(a);
            var right = secondRightCensored ? SurvivalTally.FromDurations(b.Select(r => (r.Stop, r.Event))) : Tally(b);
            // A right-censored subject is at risk from the origin: the same as entering at −∞, i.e. before any time here.
            var whole = secondRightCensored
                ? left + SurvivalTally.FromDurations(b.Select(r => (r.Stop, r.Event)))
                : Tally([.. a, .. b]);
            Assert.Equal(whole, left + right);
            Assert.Equal(whole, right + left);
            Assert.Equal(left, SurvivalTally.FromJson(left.ToJson()));
            Assert.Equal(whole, SurvivalTally.FromJson(whole.ToJson()));
            if (!secondRightCensored)
            {
                Assert.Equal((Tally(a) + Tally(b)).AtRisk(), Tally([.. a, .. b]).AtRisk());
            }

            if (!whole.IsEmpty)
            {
                var km = Analyzer.KaplanMeier(whole);
                Assert.All(km.Table, p => Assert.True(p.AtRisk >= p.Events + p.Censored && p.Survival is >= 0 and <= 1));
            }
        });

    [Property]
    public Property Right_censored_rows_merged_in_equal_the_naive_risk_set() =>
        Prop.ForAll(Gen.Zip(Rows(1), Rows()).ToArbitrary(), pair =>
        {
            var (late, origin) = pair;
            var tally = Tally(late) + SurvivalTally.FromDurations(origin.Select(r => (r.Stop, r.Event)));
            var times = tally.Times.ToArray();
            var atRisk = tally.AtRisk();
            for (int i = 0; i < times.Length; i++)
            {
                long naive = late.Count(r => r.Start < times[i] && times[i] <= r.Stop) + origin.Count(r => times[i] <= r.Stop);
                Assert.Equal(naive, atRisk[i]);
            }
        });

    [Property]
    public Property Non_finite_or_negative_starts_and_stops_are_refused() =>
        Prop.ForAll(Gen.Elements(double.NaN, double.PositiveInfinity, double.NegativeInfinity, -1.0, -1e-300).ToArbitrary(),
            Gen.Elements(true, false).ToArbitrary(), (bad, inStart) =>
        {
            double[] starts = inStart ? [0.0, bad] : [0.0, 1.0];
            double[] stops = inStart ? [1.0, 2.0] : [1.0, bad];
            var error = Assert.ThrowsAny<ArgumentException>(() => SurvivalTally.FromStartStop(starts, stops, [1, 0]));
            Assert.Equal(inStart ? "starts" : "stops", error.ParamName);
            Assert.ThrowsAny<ArgumentException>(() => SurvivalTally.FromCounts([1.0], [1], [0], [bad], [1]));
            Assert.ThrowsAny<ArgumentException>(() => Analyzer.CompareRestrictedMeans(
                Analyzer.KaplanMeier(SurvivalTally.FromDurations([1.0], [1])), Analyzer.KaplanMeier(SurvivalTally.FromDurations([2.0], [1])), bad));
            if (!double.IsNaN(bad) && bad < 0)
            {
                Assert.ThrowsAny<ArgumentException>(() => new LogRankWeights(bad, 0));
            }
            else
            {
                Assert.ThrowsAny<ArgumentException>(() => new LogRankWeights(0, bad));
            }
        });
}
