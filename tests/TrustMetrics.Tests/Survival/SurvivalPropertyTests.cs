using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using TrustMetrics.Survival;

namespace TrustMetrics.Tests.Survival;

/// <summary>
/// FsCheck laws of survival tallies and curves: mathematical facts about the definitions in ltv-churn.md §9, not reference values.
/// Samples mix heavily tied whole-number times (the counting path), quarter-day times and near-continuous times (the radix path
/// from 2,048 subjects on); one case in five has up to 5,000 subjects so both sort paths and their boundaries are exercised.
/// </summary>
public class SurvivalPropertyTests
{
    private static readonly SurvivalAnalyzer Analyzer = new();

    private static readonly SurvivalIntervalMethod[] Methods = [SurvivalIntervalMethod.LogLog, SurvivalIntervalMethod.Log, SurvivalIntervalMethod.Plain];

    /// <summary>Durations of one of three kinds: whole days 0–20 (many ties), quarter days 0–250, near-continuous 0–1000.</summary>
    private static Gen<double[]> Durations(int length) =>
        from kind in Gen.Choose(0, 2)
        from times in (kind switch
        {
            0 => Gen.Choose(0, 20).Select(i => (double)i),
            1 => Gen.Choose(0, 1000).Select(i => i * 0.25),
            _ => Gen.Choose(0, 1_000_000).Select(i => i / 997.0),
        }).ArrayOf(length)
        select times;

    /// <summary>A sample of subjects: durations with 0/1 flags (censoring rate varies from none to all).</summary>
    private static Gen<Sample> Samples(int minLength = 0) =>
        from length in Gen.Frequency((4, Gen.Choose(minLength, 60)), (1, Gen.Choose(minLength, 5000)))
        from durations in Durations(length)
        from eventShare in Gen.Elements(0, 30, 70, 100)
        from events in Gen.Choose(0, 99).Select(u => u < eventShare ? (byte)1 : (byte)0).ArrayOf(length)
        select new Sample(durations, events);

    private static Gen<Sample> NonEmptySamples() => Samples(1);

    [Property]
    public Property Survival_is_non_increasing_within_0_1_and_inside_its_bounds() =>
        Prop.ForAll(NonEmptySamples().ToArbitrary(), sample =>
        {
            foreach (var method in Methods)
            {
                var km = Analyzer.KaplanMeier(sample.Durations, sample.Events, 0.95, method);
                double previous = 1.0;
                foreach (var row in km.Table)
                {
                    Assert.InRange(row.Survival, 0.0, previous);
                    Assert.InRange(row.Lower, 0.0, row.Survival);
                    Assert.InRange(row.Upper, row.Survival, 1.0);
                    Assert.True(row.StandardError >= 0 && double.IsFinite(row.StandardError), $"SE {row.StandardError}");
                    Assert.False(double.IsNaN(row.LogStandardError));
                    previous = row.Survival;
                }
            }
        });

    [Property]
    public Property Merging_tallies_equals_tallying_the_concatenation() =>
        Prop.ForAll(Gen.Zip(Samples(), Samples()).ToArbitrary(), pair =>
        {
            var (a, b) = pair;
            var left = SurvivalTally.FromDurations(a.Durations, a.Events);
            var right = SurvivalTally.FromDurations(b.Durations, b.Events);
            var whole = SurvivalTally.FromDurations([.. a.Durations, .. b.Durations], [.. a.Events, .. b.Events]);
            Assert.Equal(whole, left + right);
            Assert.Equal(whole, right + left);
            Assert.Equal(left, left + SurvivalTally.Empty);
            Assert.Equal(left, SurvivalTally.Empty + left);
            if (!whole.IsEmpty)
            {
                SameFields.Equal(Analyzer.KaplanMeier(whole).Table, Analyzer.KaplanMeier(left + right).Table);
            }
        });

    [Property]
    public Property Merging_is_associative() =>
        Prop.ForAll((from x in Samples() from y in Samples() from z in Samples() select (x, y, z)).ToArbitrary(), triple =>
        {
            var (a, b, c) = (triple.x.Tally(), triple.y.Tally(), triple.z.Tally());
            Assert.Equal((a + b) + c, a + (b + c));
        });

    [Property]
    public Property Permuting_the_subjects_changes_nothing() =>
        Prop.ForAll(NonEmptySamples().SelectMany(s => Gen.Shuffle(Enumerable.Range(0, s.Durations.Length).ToArray()), (s, order) => (s, order))
            .ToArbitrary(), pair =>
        {
            var (sample, order) = pair;
            double[] durations = order.Select(i => sample.Durations[i]).ToArray();
            byte[] events = order.Select(i => sample.Events[i]).ToArray();
            Assert.Equal(sample.Tally(), SurvivalTally.FromDurations(durations, events));
            var original = Analyzer.KaplanMeier(sample.Durations, sample.Events);
            var permuted = Analyzer.KaplanMeier(durations, events);
            SameFields.Equal(original.Table, permuted.Table);
            SameFields.Equal(original.Median, permuted.Median);
        });

    [Property]
    public Property Without_censoring_the_curve_is_the_empirical_survival_function() =>
        Prop.ForAll(NonEmptySamples().ToArbitrary(), sample =>
        {
            byte[] allEvents = Enumerable.Repeat((byte)1, sample.Durations.Length).ToArray();
            var km = Analyzer.KaplanMeier(sample.Durations, allEvents);
            double[] sorted = [.. sample.Durations.Order()];
            double n = sorted.Length;
            foreach (var row in km.Table)
            {
                // #(T > t)/n at each time, and just before it #(T ≥ t)/n.
                int atOrBelow = UpperBound(sorted, row.Time);
                Approx.Absolute((n - atOrBelow) / n, row.Survival, 1e-12, $"S({row.Time})");
                Approx.Absolute(row.AtRisk / n, km.SurvivalAt(Math.BitDecrement(row.Time)), 1e-12, $"S just before {row.Time}");
            }
        });

    [Property]
    public Property FromDurations_equals_a_naive_dictionary_tally_on_both_sort_paths() =>
        Prop.ForAll(Samples().ToArbitrary(), sample =>
        {
            var naive = sample.Durations.Zip(sample.Events)
                .GroupBy(p => p.First)
                .OrderBy(g => g.Key)
                .ToArray();
            var tally = sample.Tally();
            Assert.Equal(naive.Select(g => g.Key).ToArray(), tally.Times.ToArray());
            Assert.Equal(naive.Select(g => (long)g.Count(p => p.Second == 1)).ToArray(), tally.Events.ToArray());
            Assert.Equal(naive.Select(g => (long)g.Count(p => p.Second == 0)).ToArray(), tally.Censored.ToArray());
            Assert.Equal(sample.Durations.Length, tally.Count);
            Assert.Equal(tally, SurvivalTally.FromDurations(sample.Durations.Zip(sample.Events, (d, e) => (d, e == 1))));
            Assert.Equal(tally, SurvivalTally.FromCounts(tally.Times, tally.Events, tally.Censored));
        });

    [Property]
    public Property Restricted_mean_lies_within_0_and_the_horizon_and_grows_with_it() =>
        Prop.ForAll(NonEmptySamples().ToArbitrary(), Gen.Choose(0, 1200).ToArbitrary(), (sample, h) =>
        {
            var km = Analyzer.KaplanMeier(sample.Durations, sample.Events);
            double tau = h * 0.5;
            var rmst = km.RestrictedMean(tau);
            Assert.InRange(rmst.Value, 0.0, tau);
            // One more unit of horizon adds between 0 and 1 (Ŝ ∈ [0, 1]), up to rounding of sums of ~5,000 rectangles.
            Assert.InRange(km.RestrictedMean(tau + 1).Value, rmst.Value - 1e-9, rmst.Value + 1 + 1e-9);
            Assert.True(rmst.StandardError >= 0 && double.IsFinite(rmst.StandardError));
            Assert.InRange(rmst.Interval.Lower, 0.0, rmst.Value);
            Assert.InRange(rmst.Interval.Upper, rmst.Value, tau);
        });

    [Property]
    public Property Cumulative_hazard_is_non_decreasing_and_the_tie_variants_agree_without_ties() =>
        Prop.ForAll(NonEmptySamples().ToArbitrary(), sample =>
        {
            var tally = sample.Tally();
            var corrected = Analyzer.NelsonAalen(tally);
            var discrete = Analyzer.NelsonAalen(tally, ties: NelsonAalenTies.Discrete);
            double previous = 0;
            for (int i = 0; i < corrected.Table.Count; i++)
            {
                var c = corrected.Table[i];
                var d = discrete.Table[i];
                Assert.True(c.CumulativeHazard >= previous && c.Lower <= c.CumulativeHazard && c.CumulativeHazard <= c.Upper);
                Assert.True(c.CumulativeHazard >= d.CumulativeHazard - 1e-12, "tie correction can only add hazard");
                previous = c.CumulativeHazard;
            }

            if (tally.Events.ToArray().All(e => e <= 1))
            {
                Assert.Equal(corrected.Table.Select(r => r.CumulativeHazard), discrete.Table.Select(r => r.CumulativeHazard));
            }
        });

    [Property]
    public Property Log_rank_statistic_is_a_valid_chi_square_with_observed_equal_to_expected_in_total() =>
        Prop.ForAll(Gen.Zip(NonEmptySamples(), NonEmptySamples()).ToArbitrary(), pair =>
        {
            var a = pair.Item1.Tally();
            var b = pair.Item2.Tally();
            // Defined when some event time has both groups at risk and someone left after it (V > 0); the undefined cases are
            // discarded (FsCheck counts them) and their error is checked in the bad-input tests.
            bool defined = HasInformativeEventTime(a, b);
            return Prop.When(defined, () =>
            {
                var groups = new[] { KeyValuePair.Create("a", a), KeyValuePair.Create("b", b) };
                var test = Analyzer.LogRank(groups);
                Assert.True(test.ChiSquare >= 0 && double.IsFinite(test.ChiSquare));
                Assert.InRange(test.PValue, 0.0, 1.0);
                double observed = test.Groups.Sum(g => (double)g.Observed), expected = test.Groups.Sum(g => g.Expected);
                Approx.Absolute(observed, expected, 1e-9 * Math.Max(1, observed), "ΣO = ΣE"); // counts: 1e-9 relative, absolute below 1
                Approx.Absolute(test.ChiSquare, Analyzer.LogRank(groups.Reverse()).ChiSquare, 1e-9 * Math.Max(1, test.ChiSquare), "χ² with the groups swapped");
            });
        });

    /// <summary>True when at some time with an event both groups have subjects at risk and not everyone at risk has the event.</summary>
    private static bool HasInformativeEventTime(SurvivalTally a, SurvivalTally b)
    {
        foreach (double t in a.Times.ToArray().Concat(b.Times.ToArray()).Distinct())
        {
            long na = AtRisk(a, t), nb = AtRisk(b, t), d = EventsAt(a, t) + EventsAt(b, t);
            if (d > 0 && na > 0 && nb > 0 && na + nb > d)
            {
                return true;
            }
        }

        return false;

        static long AtRisk(SurvivalTally tally, double t)
        {
            long n = 0;
            for (int i = 0; i < tally.Times.Length; i++)
            {
                n += tally.Times[i] >= t ? tally.Events[i] + tally.Censored[i] : 0;
            }

            return n;
        }

        static long EventsAt(SurvivalTally tally, double t)
        {
            int i = tally.Times.BinarySearch(t);
            return i >= 0 ? tally.Events[i] : 0;
        }
    }

    private static int UpperBound(double[] sorted, double value)
    {
        int i = Array.BinarySearch(sorted, value);
        if (i < 0)
        {
            return ~i;
        }

        while (i < sorted.Length && sorted[i] == value)
        {
            i++;
        }

        return i;
    }

    /// <summary>A generated sample of subjects.</summary>
    public sealed record Sample(double[] Durations, byte[] Events)
    {
        public SurvivalTally Tally() => SurvivalTally.FromDurations(Durations, Events);

        public override string ToString() => $"n = {Durations.Length}: [{string.Join(", ", Durations.Take(20).Zip(Events, (d, e) => $"{d}{(e == 1 ? "" : "+")}"))}{(Durations.Length > 20 ? ", …" : "")}]";
    }
}
