using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using TrustMetrics.Clv;
using TrustMetrics.Funnel;
using TrustMetrics.Nps;
using TrustMetrics.Quantiles;
using TrustMetrics.Reviews;
using TrustMetrics.Scales;
using TrustMetrics.Repurchase;
using TrustMetrics.Sentiment;
using TrustMetrics.Service;

namespace TrustMetrics.Tests.Voc;

/// <summary>FsCheck laws of the voice-of-the-customer family: bounds, permutation invariance, merge = concatenation, monotone percentiles.</summary>
public class VocPropertyTests
{
    private static Gen<double[]> Sample(int maxLength = 200) =>
        from length in Gen.Choose(1, maxLength)
        from values in Gen.Frequency((2, Gen.Choose(0, 20).Select(v => (double)v)), (3, Gen.Choose(-100_000, 100_000).Select(v => v / 7.0))).ArrayOf(length)
        select values;

    [Property]
    public Property Byte_tally_equals_int_tally_on_every_small_scale() =>
        Prop.ForAll((from min in Gen.Choose(0, 3)
                     from points in Gen.Choose(2, 20)
                     from length in Gen.Frequency((2, Gen.Choose(0, 100)), (1, Gen.Choose(0, 20_000)))
                     from values in Gen.Choose(min, min + points - 1).ArrayOf(length)
                     select (Scale: new RatingScale(min, min + points - 1), Values: values)).ToArbitrary(), x =>
        {
            var bytes = x.Values.Select(v => (byte)v).ToArray();
            Assert.Equal(ScaleTally.FromScores(x.Scale, x.Values), ScaleTally.FromScores(x.Scale, bytes));
        });

    [Property]
    public Property Byte_tally_names_the_first_off_scale_byte() =>
        Prop.ForAll(Gen.Zip(Gen.Choose(0, 5000), Gen.Choose(6, 255)).ToArbitrary(), x =>
        {
            var bytes = Enumerable.Repeat((byte)3, 5001).ToArray();
            bytes[x.Item1] = (byte)x.Item2;
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => ScaleTally.FromScores(RatingScale.FivePoint, bytes));
            Assert.Contains($"scores[{x.Item1}] = {x.Item2}", error.Message);
        });

    [Property]
    public Property Percentiles_are_monotone_in_p_and_within_the_sample_for_every_type() =>
        Prop.ForAll((from s in Sample() from a in Gen.Choose(0, 1000) from b in Gen.Choose(0, 1000) select (s, a, b)).ToArbitrary(), x =>
        {
            var (values, a, b) = x;
            double p1 = Math.Min(a, b) / 1000.0, p2 = Math.Max(a, b) / 1000.0;
            var sorted = values.Order().ToArray();
            for (int type = 1; type <= 9; type++)
            {
                double q1 = SampleQuantiles.FromSorted(sorted, p1, (QuantileType)type), q2 = SampleQuantiles.FromSorted(sorted, p2, (QuantileType)type);
                Assert.True(q1 <= q2, $"type {type}: Q({p1}) = {q1} > Q({p2}) = {q2}");
                Assert.InRange(q1, sorted[0], sorted[^1]);
            }
        });

    [Property]
    public Property Percentiles_do_not_depend_on_input_order() =>
        Prop.ForAll(Sample().SelectMany(s => Gen.Shuffle(s), (s, shuffled) => (s, shuffled)).ToArbitrary(), x =>
            Assert.Equal(SampleQuantiles.Compute(x.s, [0.1, 0.5, 0.9, 0.95]), SampleQuantiles.Compute(x.shuffled, [0.1, 0.5, 0.9, 0.95])));

    [Property]
    public Property Sentiment_tallies_merge_by_concatenation() =>
        Prop.ForAll(Gen.Zip(Gen.Elements(SentimentLabel.Negative, SentimentLabel.Neutral, SentimentLabel.Positive).ArrayOf(),
            Gen.Elements(SentimentLabel.Negative, SentimentLabel.Neutral, SentimentLabel.Positive).ArrayOf()).ToArbitrary(), x =>
        {
            SentimentLabel[] both = [.. x.Item1, .. x.Item2];
            Assert.Equal(SentimentTally.FromLabels(both), SentimentTally.FromLabels(x.Item1).Merge(SentimentTally.FromLabels(x.Item2)));
        });

    [Property]
    public Property Net_sentiment_equals_nps_of_the_same_counts_for_every_method() =>
        Prop.ForAll((from d in Gen.Choose(0, 300) from n in Gen.Choose(0, 300) from p in Gen.Choose(0, 300) select (Item1: d, Item2: n, Item3: p)).ToArbitrary(), t =>
        new Action(() =>
        {
            foreach (var method in new[] { NpsIntervalMethod.Score, NpsIntervalMethod.AdjustedWald, NpsIntervalMethod.Wald })
            {
                var sentiment = new SentimentCalculator().Calculate(new SentimentTally(t.Item1, t.Item2, t.Item3), 0.95, method);
                var nps = new NpsCalculator().Calculate(new NpsTally(t.Item1, t.Item2, t.Item3), 0.95, method);
                Assert.Equal(nps.Score, sentiment.Score);
                Assert.InRange(sentiment.Score.Interval.Lower, -100, sentiment.Score.Value + 1e-9);
            }
        }).When(t.Item1 + t.Item2 + t.Item3 > 0));

    [Property]
    public Property Funnel_tallies_merge_by_concatenation() =>
        Prop.ForAll(Gen.Zip(Gen.Choose(0, 3).ArrayOf(), Gen.Choose(0, 3).ArrayOf()).ToArbitrary(), x =>
        {
            string[] stages = ["a", "b", "c", "d"];
            int[] both = [.. x.Item1, .. x.Item2];
            var merged = FunnelTally.FromFurthestStages(stages, x.Item1) + FunnelTally.FromFurthestStages(stages, x.Item2);
            Assert.Equal(FunnelTally.FromFurthestStages(stages, both).FurthestCounts.ToArray(), merged.FurthestCounts.ToArray());
        });

    [Property]
    public Property Funnel_conversions_are_shares_with_ordered_intervals() =>
        Prop.ForAll(Gen.Choose(0, 3).ArrayOf().ToArbitrary(), furthest =>
        new Action(() =>
        {
            var result = new FunnelCalculator().Calculate(FunnelTally.FromFurthestStages(["a", "b", "c", "d"], furthest));
            double previous = 1.0;
            foreach (var stage in result.Stages)
            {
                Assert.InRange(stage.CumulativeConversion.Value, 0, previous);
                Assert.InRange(stage.CumulativeConversion.Value, stage.CumulativeConversion.Interval.Lower, stage.CumulativeConversion.Interval.Upper);
                previous = stage.CumulativeConversion.Value;
            }
        }).When(furthest.Length > 0));

    [Property]
    public Property Sketch_merge_equals_concatenation_in_count_and_extremes_and_keeps_the_bound() =>
        Prop.ForAll((from a in Gen.Choose(0, 6000) from b in Gen.Choose(1, 6000) from seed in Gen.Choose(0, 1000) select (Item1: a, Item2: b, Item3: seed)).ToArbitrary(), x =>
        {
            var values = KllSketchTests.Data(x.Item1 + x.Item2, x.Item3, "lognormal");
            var left = new KllSketch(50, (ulong)x.Item3);
            var right = new KllSketch(50, (ulong)x.Item3 + 1);
            left.AddRange(values.AsSpan(0, x.Item1));
            right.AddRange(values.AsSpan(x.Item1));
            left.Merge(right);
            Array.Sort(values);
            Assert.Equal(values.Length, left.Count);
            Assert.Equal(values[0], left.Min);
            Assert.Equal(values[^1], left.Max);
            // k = 50: bound 0.061 at 99% per run; twice it leaves no room for chance failures across 100 cases.
            Assert.True(KllSketchTests.MaxRankError(left, values) <= 2 * left.RankErrorBound);
        });

    [Property]
    public Property Rating_aggregates_respect_their_bounds() =>
        Prop.ForAll(Gen.Choose(0, 200).ArrayOf(5).ToArbitrary(), counts =>
        new Action(() =>
        {
            var tally = ScaleTally.FromCounts(RatingScale.FivePoint, counts.Select(c => (long)c).ToArray());
            var prior = new RatingPrior(3.0, 10);
            var result = new RatingCalculator().Calculate(tally, prior);
            Assert.InRange(result.BayesianAverage, Math.Min(result.Mean.Value, 3.0) - 1e-12, Math.Max(result.Mean.Value, 3.0) + 1e-12);
            Assert.InRange(result.WilsonLowerBound, 0.0, result.PositiveShare.Value + 1e-12);
            Assert.InRange(result.Mean.Interval.Lower, 1.0, 5.0);
            Assert.InRange(result.Mean.Interval.Upper, 1.0, 5.0);
            Assert.InRange(result.DirichletScore, 1.0 - 5.0, 5.0);
            Assert.True(result.DirichletScore <= RatingAggregation.DirichletScore(tally.Counts, 1, 0.0) + 1e-12);
        }).When(counts.Sum() > 0));

    [Property]
    public Property Ranking_does_not_depend_on_item_order() =>
        Prop.ForAll(Gen.Choose(0, 30).ArrayOf(5).Where(c => c.Sum() > 0).ArrayOf().Where(a => a.Length > 0)
            .SelectMany(a => Gen.Shuffle(Enumerable.Range(0, a.Length).ToArray()), (a, order) => (a, order)).ToArbitrary(), x =>
        {
            var items = x.a.Select((c, i) => KeyValuePair.Create(i, ScaleTally.FromCounts(RatingScale.FivePoint, c.Select(v => (long)v).ToArray()))).ToList();
            var shuffled = x.order.Select(i => items[i]).ToList();
            var calculator = new RatingCalculator();
            var one = calculator.Rank(items).ToDictionary(r => r.Key, r => r.Value.BayesianAverage);
            var two = calculator.Rank(shuffled).ToDictionary(r => r.Key, r => r.Value.BayesianAverage);
            Assert.Equal(one.OrderBy(p => p.Key), two.OrderBy(p => p.Key));
        });

    /// <summary>NaN, ±∞ and negative numbers (tiny to huge): what every public entry must refuse or survive without a NaN.</summary>
    private static Gen<double> BadDouble() =>
        Gen.OneOf(Gen.Elements(double.NaN, double.PositiveInfinity, double.NegativeInfinity, -double.Epsilon, double.MinValue),
            Gen.Choose(1, 1_000_000).Select(v => -v / 1000.0));

    private static Gen<long> BadCount() => Gen.OneOf(Gen.Elements(-1L, long.MinValue), Gen.Choose(1, 1_000_000).Select(v => -(long)v));

    /// <summary>
    /// The call either throws an <see cref="ArgumentException"/> (or subclass) or returns a result none of whose public numbers
    /// (searched three levels deep) is NaN. Any other exception type fails the property.
    /// </summary>
    private static bool RefusedOrNaNFree(Func<object?> call)
    {
        object? result;
        try
        {
            result = call();
        }
        catch (ArgumentException)
        {
            return true;
        }

        return !HasNaN(result, 0);
    }

    private static bool HasNaN(object? value, int depth) => value switch
    {
        null => false,
        double d => double.IsNaN(d),
        string or DateTime or TimeSpan or DateOnly => false,
        System.Collections.IEnumerable items when depth < 3 => items.Cast<object?>().Take(50).Any(v => HasNaN(v, depth + 1)),
        _ when depth < 3 && !value.GetType().IsPrimitive && !value.GetType().IsEnum =>
            value.GetType().GetProperties().Where(p => p.GetIndexParameters().Length == 0 && !p.PropertyType.IsByRefLike)
                .Any(p => HasNaN(p.GetValue(value), depth + 1)),
        _ => false,
    };

    [Property]
    public Property Service_entries_refuse_nan_infinite_and_negative_values() =>
        Prop.ForAll((from bad in BadDouble() from entry in Gen.Choose(0, 3) from hours in Gen.Choose(1, 1000) select (bad, entry, hours)).ToArbitrary(), x =>
        {
            var (bad, entry, hours) = x;
            var opened = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            SupportTicket[] tickets = [new(opened, opened.AddHours(1), opened.AddHours(hours)), new(opened.AddHours(2))];
            var calculator = new ServiceMetricsCalculator();
            Func<object?> call = entry switch
            {
                0 => () => calculator.Calculate(tickets, new ServiceMetricsSettings { ConfidenceLevel = bad }),
                1 => () => calculator.CalculateApproximate(tickets, new ServiceMetricsSettings { Percentiles = [0.5, bad] }),
                2 => () => new ServiceMetricsSettings { ResolutionTarget = double.IsFinite(bad) ? TimeSpan.FromHours(Math.Max(bad, -1e6)) : TimeSpan.Zero },
                _ => () => calculator.Calculate(tickets).TimeToResolution!.Percentile(bad),
            };
            Assert.True(RefusedOrNaNFree(call), $"entry {entry} with {bad}");
        });

    [Property]
    public Property Rating_entries_refuse_nan_infinite_and_negative_values() =>
        Prop.ForAll((from bad in BadDouble() from negative in BadCount() from entry in Gen.Choose(0, 11) select (bad, negative, entry)).ToArbitrary(), x =>
        {
            var (bad, negative, entry) = x;
            var calculator = new RatingCalculator();
            var tally = ScaleTally.FromCounts(RatingScale.FivePoint, [3, 1, 4, 10, 12]);
            Func<object?> call = entry switch
            {
                0 => () => new RatingPrior(bad, 10),
                1 => () => new RatingPrior(3.5, bad),
                2 => () => RatingAggregation.BayesianAverage(bad, 10, new RatingPrior(3.5, 10)),
                3 => () => RatingAggregation.BayesianAverage(4.0, negative, new RatingPrior(3.5, 10)),
                4 => () => RatingAggregation.WilsonLowerBound(negative, 10, 0.95) + RatingAggregation.WilsonLowerBound(3, 10, bad),
                5 => () => RatingAggregation.BetaPosteriorMean(3, negative, 1, 1) + RatingAggregation.BetaPosteriorMean(3, 4, bad, 1),
                6 => () => RatingAggregation.BetaPosteriorQuantile(3, 4, bad) + RatingAggregation.BetaPosteriorQuantile(3, 4, 0.5, 1, bad),
                7 => () => RatingAggregation.DirichletScore([3, negative, 4], 1, 1.64) + RatingAggregation.DirichletScore([3, 1, 4], 1, bad),
                8 => () => calculator.Calculate(tally, null, bad),
                9 => () => calculator.Compare(tally, tally, bad),
                10 => () => calculator.Rank([KeyValuePair.Create("a", tally)], RatingRankKey.BayesianAverage, null, bad),
                _ => () => calculator.Calculate(tally, new RatingPrior(bad, 1)),
            };
            Assert.True(RefusedOrNaNFree(call), $"entry {entry} with {bad}, {negative}");
        });

    [Property]
    public Property Funnel_entries_refuse_nan_infinite_and_negative_values() =>
        Prop.ForAll((from bad in BadDouble() from negative in BadCount() from entry in Gen.Choose(0, 4) select (bad, negative, entry)).ToArbitrary(), x =>
        {
            var (bad, negative, entry) = x;
            var calculator = new FunnelCalculator();
            var tally = FunnelTally.FromReached(["visit", "cart", "buy"], [100, 30, 5]);
            Func<object?> call = entry switch
            {
                0 => () => FunnelTally.FromReached(["visit", "cart", "buy"], [100, negative, 0]),
                1 => () => calculator.Calculate(tally, bad),
                2 => () => calculator.Compare(tally, tally, bad),
                3 => () => tally.Add((int)Math.Max(negative, int.MinValue)),
                _ => () => tally.Reached((int)Math.Max(negative, int.MinValue)),
            };
            Assert.True(RefusedOrNaNFree(call), $"entry {entry} with {bad}, {negative}");
        });

    [Property]
    public Property Sentiment_entries_refuse_nan_infinite_and_negative_values() =>
        Prop.ForAll((from bad in BadDouble() from negative in BadCount() from entry in Gen.Choose(0, 4) select (bad, negative, entry)).ToArbitrary(), x =>
        {
            var (bad, negative, entry) = x;
            var calculator = new SentimentCalculator();
            var tally = new SentimentTally(20, 100, 80);
            Func<object?> call = entry switch
            {
                0 => () => new SentimentTally(negative, 1, 1),
                1 => () => new SentimentTally(1, negative, 1),
                2 => () => new SentimentTally(1, 1, negative),
                3 => () => calculator.Calculate(tally, bad),
                _ => () => calculator.Compare(tally, tally, bad),
            };
            Assert.True(RefusedOrNaNFree(call), $"entry {entry} with {bad}, {negative}");
        });

    [Property]
    public Property Repurchase_entry_refuses_nan_infinite_and_negative_levels() =>
        Prop.ForAll(BadDouble().ToArbitrary(), bad =>
        {
            var purchases = new TransactionSummarizer<string>(new DateTime(2024, 6, 30));
            purchases.Add("a", new DateTime(2024, 1, 1));
            purchases.Add("a", new DateTime(2024, 3, 1));
            Assert.True(RefusedOrNaNFree(() => new RepurchaseCalculator().Calculate(purchases, ClvTimeUnit.Month, bad)), $"level {bad}");
        });

    [Property]
    public Property Tallies_round_trip_through_json() =>
        Prop.ForAll(Gen.Zip(Gen.Choose(0, 3).ArrayOf(), Gen.Elements(SentimentLabel.Negative, SentimentLabel.Neutral, SentimentLabel.Positive).ArrayOf()).ToArbitrary(), x =>
        {
            var funnel = FunnelTally.FromFurthestStages(["visit", "cart", "checkout", "buy"], x.Item1);
            Assert.Equal(funnel, FunnelTally.FromJson(funnel.ToJson()));
            var sentiment = SentimentTally.FromLabels(x.Item2);
            Assert.Equal(sentiment, SentimentTally.FromJson(sentiment.ToJson()));
        });
}
