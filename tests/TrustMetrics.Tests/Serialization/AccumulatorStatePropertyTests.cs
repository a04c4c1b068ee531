using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using TrustMetrics.Churn;
using TrustMetrics.Funnel;
using TrustMetrics.Nps;
using TrustMetrics.Scales;
using TrustMetrics.Sentiment;
using TrustMetrics.Survival;

namespace TrustMetrics.Tests.Serialization;

/// <summary>
/// FsCheck laws of every accumulator's serialisable state (issue 8): JSON round trip is the identity; merge is associative and
/// commutative with the empty tally as identity; the tally of a concatenation equals the merge of the tallies. Data lists hold at
/// most 300 items so the 100 default cases of each property stay fast. Laws are facts about counting, not reference values.
/// </summary>
public class AccumulatorStatePropertyTests
{
    private static Gen<T[]> ListOf<T>(Gen<T> item) =>
        from length in Gen.Frequency((1, Gen.Choose(0, 3)), (4, Gen.Choose(0, 300)))
        from items in item.ArrayOf(length)
        select items;

    private static Gen<(T[] Xs, T[] Ys, T[] Zs)> Three<T>(Gen<T> item) =>
        Gen.Zip(Gen.Zip(ListOf(item), ListOf(item)), ListOf(item)).Select(t => (t.Item1.Item1, t.Item1.Item2, t.Item2));

    [Property]
    public Property Nps_tally_state_laws() =>
        Prop.ForAll(Three(Gen.Choose(0, 10)).ToArbitrary(), d => MergeLaws.Hold(d.Xs, d.Ys, d.Zs,
            s => NpsTally.FromScores(s), NpsTally.Empty, (a, b) => a + b, t => t.ToState(), NpsTally.FromState));

    /// <summary>Weights are multiples of ¼ up to 10, so every Σw and Σw² is exact in binary floating point and the laws hold exactly (with arbitrary weights they hold to rounding).</summary>
    [Property]
    public Property Weighted_nps_tally_state_laws() =>
        Prop.ForAll(Three(Gen.Zip(Gen.Choose(0, 10), Gen.Choose(0, 40).Select(k => k / 4.0))).ToArbitrary(), d => MergeLaws.Hold(d.Xs, d.Ys, d.Zs,
            r => WeightedNpsTally.FromScores(r.Select(p => (p.Item1, p.Item2))), WeightedNpsTally.Empty, (a, b) => a.Merge(b),
            t => t.ToState(), WeightedNpsTally.FromState));

    [Property]
    public Property Sentiment_tally_state_laws() =>
        Prop.ForAll(Three(Gen.Elements(SentimentLabel.Negative, SentimentLabel.Neutral, SentimentLabel.Positive)).ToArbitrary(), d =>
            MergeLaws.Hold(d.Xs, d.Ys, d.Zs, l => SentimentTally.FromLabels(l), SentimentTally.Empty, (a, b) => a + b,
                t => t.ToState(), SentimentTally.FromState));

    /// <summary>CSAT, CES and star ratings share <see cref="ScaleTally"/>; scales from 2 to 11 points, anywhere in −5..15.</summary>
    [Property]
    public Property Scale_tally_state_laws() =>
        Prop.ForAll((from min in Gen.Choose(-5, 5)
                     from points in Gen.Choose(2, 11)
                     from data in Three(Gen.Choose(min, min + points - 1))
                     select (Scale: new RatingScale(min, min + points - 1), data)).ToArbitrary(), input =>
            MergeLaws.Hold(input.data.Xs, input.data.Ys, input.data.Zs, s => ScaleTally.FromScores(input.Scale, s),
                ScaleTally.Empty(input.Scale), (a, b) => a.Merge(b), t => t.ToState(), ScaleTally.FromState));

    [Property]
    public Property Funnel_tally_state_laws()
    {
        string[] stages = ["visit", "sign-up", "trial", "paid"];
        return Prop.ForAll(Three(Gen.Choose(0, 3)).ToArbitrary(), d => MergeLaws.Hold(d.Xs, d.Ys, d.Zs,
            f => FunnelTally.FromFurthestStages(stages, f), FunnelTally.Empty(stages), (a, b) => a + b, t => t.ToState(), FunnelTally.FromState));
    }

    /// <summary>Whole-number times (the counting path) and eighths up to 400 (the radix path), a quarter censored.</summary>
    [Property]
    public Property Survival_tally_state_laws() =>
        Prop.ForAll(Three(Gen.Zip(
                Gen.Frequency((1, Gen.Choose(0, 30).Select(t => (double)t)), (1, Gen.Choose(0, 3200).Select(t => t / 8.0))),
                Gen.Frequency((3, Gen.Constant(true)), (1, Gen.Constant(false))))).ToArbitrary(), d =>
            MergeLaws.Hold(d.Xs, d.Ys, d.Zs, s => SurvivalTally.FromDurations(s.Select(p => (p.Item1, p.Item2))), SurvivalTally.Empty,
                (a, b) => a + b, t => t.ToState(), SurvivalTally.FromState));

    /// <summary>Customer records around 2024 by day, week, month, quarter and year, with or without an explicit as-of date.</summary>
    [Property]
    public Property Churn_tally_state_laws()
    {
        var origin = new DateOnly(2023, 11, 20);
        var customer = from startOffset in Gen.Choose(0, 700)
                       from kind in Gen.Choose(0, 9)
                       from length in Gen.Choose(0, 400)
                       let start = origin.AddDays(startOffset)
                       select new CustomerSpan(start, kind < 3 ? null : start.AddDays(length));
        var input = from period in Gen.Elements(ChurnPeriod.Day, ChurnPeriod.Week, ChurnPeriod.Month, ChurnPeriod.Quarter, ChurnPeriod.Year)
                    from asOf in Gen.Frequency((2, Gen.Constant<DateOnly?>(null)), (1, Gen.Choose(0, 1200).Select(x => (DateOnly?)origin.AddDays(x))))
                    from data in Three(customer)
                    select (period, asOf, data);
        return Prop.ForAll(input.ToArbitrary(), i => MergeLaws.Hold(i.data.Xs, i.data.Ys, i.data.Zs,
            c => ChurnTally.FromCustomers(c, i.period, i.asOf), ChurnTally.Empty(i.period, i.asOf), (a, b) => a + b,
            t => t.ToState(), ChurnTally.FromState));
    }
}
