using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using TrustMetrics.Scales;
using TrustMetrics.TrustIndex;

namespace TrustMetrics.Tests.TrustIndex;

/// <summary>
/// FsCheck laws of issue 5 — facts about the definitions in docs/trust-index.md, not reference values: the index stays in
/// [0, 100]; equal items give alpha 1 (or undefined with a reason when constant); permuting respondents changes nothing,
/// bootstrap intervals included; raising one answer never lowers the arithmetic index; Shapley values and relative weights
/// each sum to R².
/// </summary>
public class TrustIndexPropertyTests
{
    private static readonly TrustIndexCalculator Calculator = new();

    /// <summary>A random survey: 1–4 dimensions of 1–4 items, 4–60 respondents, 1–5 or 1–7 answers, 0–10% blanks, 0–3 segments.</summary>
    private static Gen<Case> Cases() =>
        from dimensions in Gen.Choose(1, 4)
        from itemsPer in Gen.Choose(1, 4)
        from n in Gen.Choose(4, 60)
        from max in Gen.Elements(5, 7)
        from blankPercent in Gen.Elements(0, 0, 5, 10)
        from segmentCount in Gen.Choose(0, 3)
        from cells in Gen.Choose(0, 99).ArrayOf(n * dimensions * itemsPer * 2)
        from normalization in Gen.Elements(Enum.GetValues<TrustNormalization>())
        from weighting in Gen.Elements(TrustWeighting.Equal, TrustWeighting.Pca, TrustWeighting.BenefitOfTheDoubt)
        from aggregation in Gen.Elements(Enum.GetValues<TrustAggregation>())
        select Build(dimensions, itemsPer, n, max, blankPercent, segmentCount, cells, normalization, weighting, aggregation);

    private static Case Build(int p, int itemsPer, int n, int max, int blankPercent, int segmentCount, int[] cells,
        TrustNormalization normalization, TrustWeighting weighting, TrustAggregation aggregation)
    {
        int k = p * itemsPer;
        var names = Enumerable.Range(0, k).Select(i => "i" + i).ToArray();
        var values = new double[n * k];
        for (int c = 0; c < values.Length; c++)
        {
            values[c] = cells[2 * c] < blankPercent ? double.NaN : 1 + (cells[(2 * c) + 1] % max);
        }

        var segments = segmentCount == 0 ? null : Enumerable.Range(0, n).Select(r => "s" + (r % segmentCount)).ToArray();
        var dimensions = Enumerable.Range(0, p).Select(j => new TrustDimension("d" + j, names.Skip(j * itemsPer).Take(itemsPer).ToArray())).ToArray();
        var options = new TrustIndexOptions
        {
            Scale = new RatingScale(1, max),
            Dimensions = dimensions,
            Normalization = normalization,
            Target = normalization == TrustNormalization.DistanceToTarget ? max - 1 : null,
            Weighting = weighting == TrustWeighting.BenefitOfTheDoubt && segmentCount < 2 ? TrustWeighting.Equal : weighting,
            Aggregation = aggregation,
            BootstrapReplicates = 50,
            Seed = cells.Length,
        };
        var outcome = Enumerable.Range(0, n).Select(r => (double)(cells[r] % 11)).ToArray();
        return new Case(names, values, segments, outcome, options);
    }

    /// <summary>Runs the calculator; data-undefined choices (PCA weights of a constant dimension) are not the law's business.</summary>
    private static TrustIndexResult? TryCalculate(Case c, bool withOutcome = false)
    {
        try
        {
            return Calculator.Calculate(new TrustSurvey(c.Names, c.Values, c.Segments, withOutcome ? c.Outcome : default), c.Options);
        }
        catch (ArgumentException e) when (e.Message.Contains("PCA weights", StringComparison.Ordinal) || e.Message.Contains("no dimension score", StringComparison.Ordinal)
            || e.Message.Contains("Key-driver", StringComparison.Ordinal))
        {
            return null;
        }
    }

    [Property(MaxTest = 150)]
    public Property Index_dimensions_and_bounds_stay_within_0_100() =>
        Prop.ForAll(Cases().ToArbitrary(), c =>
        {
            if (TryCalculate(c) is not { } result)
            {
                return;
            }

            foreach (var estimate in new[] { result.Index }.Concat(result.Segments.Select(s => s.Index))
                .Concat(result.Dimensions.Concat(result.Segments.SelectMany(s => s.Dimensions)).Where(d => d.Count > 0).Select(d => d.Score)))
            {
                Assert.InRange(estimate.Value, 0, 100);
                Assert.InRange(estimate.Interval.Lower, 0, 100);
                Assert.InRange(estimate.Interval.Upper, 0, 100);
            }

            Assert.Equal(1.0, result.Dimensions.Sum(d => d.Weight), 9);
        });

    [Property(MaxTest = 100)]
    public Property Permuting_respondents_changes_nothing() =>
        Prop.ForAll(Cases().ToArbitrary(), Gen.Choose(0, int.MaxValue).ToArbitrary(), (c, shuffleSeed) =>
        {
            if (TryCalculate(c, withOutcome: true) is not { } original)
            {
                return;
            }

            int n = c.Outcome.Length, k = c.Names.Length;
            var order = Enumerable.Range(0, n).ToArray();
            new Random(shuffleSeed).Shuffle(order);
            var values = new double[c.Values.Length];
            for (int r = 0; r < n; r++)
            {
                Array.Copy(c.Values, order[r] * k, values, r * k, k);
            }

            var permuted = c with
            {
                Values = values,
                Segments = c.Segments is null ? null : order.Select(r => c.Segments[r]).ToArray(),
                Outcome = order.Select(r => c.Outcome[r]).ToArray(),
            };
            var result = TryCalculate(permuted, withOutcome: true)!;
            Same(original.Index, result.Index);
            for (int j = 0; j < original.Dimensions.Count; j++)
            {
                Same(original.Dimensions[j].Score, result.Dimensions[j].Score);
                Assert.Equal(original.Dimensions[j].Reliability.CronbachAlpha ?? -9, result.Dimensions[j].Reliability.CronbachAlpha ?? -9, 9);
                Assert.Equal(original.Dimensions[j].Reliability.StandardizedAlpha ?? -9, result.Dimensions[j].Reliability.StandardizedAlpha ?? -9, 9);
            }

            for (int u = 0; u < original.Segments.Count; u++)
            {
                Same(original.Segments[u].Index, result.Segments[u].Index);
            }

            if (original.KeyDrivers is { } kda)
            {
                Same(kda.RSquared, result.KeyDrivers!.RSquared);
                for (int j = 0; j < kda.Drivers.Count; j++)
                {
                    Same(kda.Drivers[j].Shapley, result.KeyDrivers.Drivers[j].Shapley);
                    Same(kda.Drivers[j].RelativeWeight, result.KeyDrivers.Drivers[j].RelativeWeight);
                }
            }
        });

    [Property(MaxTest = 150)]
    public Property Raising_one_answer_never_lowers_the_arithmetic_index() =>
        Prop.ForAll(Cases().ToArbitrary(), Gen.Choose(0, int.MaxValue).ToArbitrary(), (c, pick) =>
        {
            // Fixed (data-independent) yardstick and weights: theoretical bounds or a target, equal weights, arithmetic mean.
            var options = c.Options with
            {
                Normalization = c.Options.Normalization == TrustNormalization.DistanceToTarget ? TrustNormalization.DistanceToTarget : TrustNormalization.TheoreticalBounds,
                Weighting = TrustWeighting.Equal,
                Aggregation = TrustAggregation.Arithmetic,
                BootstrapReplicates = 0,
            };
            var answered = Enumerable.Range(0, c.Values.Length).Where(i => !double.IsNaN(c.Values[i]) && c.Values[i] < options.Scale.Max).ToArray();
            if (answered.Length == 0 || TryCalculate(c with { Options = options }) is not { } before)
            {
                return;
            }

            var raised = (double[])c.Values.Clone();
            raised[answered[pick % answered.Length]] += 1;
            var after = TryCalculate(c with { Values = raised, Options = options })!;
            Assert.True(after.Index.Value >= before.Index.Value - 1e-12, $"{before.Index.Value} → {after.Index.Value}");
            for (int u = 0; u < before.Segments.Count; u++)
            {
                Assert.True(after.Segments[u].Index.Value >= before.Segments[u].Index.Value - 1e-12);
            }
        });

    [Property(MaxTest = 200)]
    public Property Equal_items_have_alpha_1_or_undefined_with_a_reason() =>
        Prop.ForAll(Gen.Choose(2, 6).ToArbitrary(), Gen.Choose(2, 40).ToArbitrary(), Gen.Choose(0, 4).ArrayOf(40).ToArbitrary(), (k, n, answers) =>
        {
            var values = new double[n * k];
            for (int r = 0; r < n; r++)
            {
                for (int i = 0; i < k; i++)
                {
                    values[(r * k) + i] = 1 + answers[r];
                }
            }

            var result = Calculator.Reliability(values, Enumerable.Range(0, k).Select(i => "q" + i).ToArray());
            bool constant = answers.Take(n).Distinct().Count() == 1;
            if (constant)
            {
                Assert.Null(result.CronbachAlpha);
                Assert.Null(result.StandardizedAlpha);
                Assert.False(string.IsNullOrEmpty(result.UndefinedReason));
                Assert.False(result.IsBelowThreshold);
            }
            else
            {
                Assert.Equal(1.0, result.CronbachAlpha!.Value, 12);
                Assert.Equal(1.0, result.StandardizedAlpha!.Value, 12);
                Assert.Null(result.UndefinedReason);
            }
        });

    [Property(MaxTest = 150)]
    public Property Shapley_values_and_relative_weights_each_sum_to_R_squared() =>
        Prop.ForAll(Gen.Choose(1, 7).ToArbitrary(), Gen.Choose(0, 1000).ArrayOf(9 * 80).ToArbitrary(), (p, cells) =>
        {
            int n = 80;
            var drivers = new double[n * p];
            var outcome = new double[n];
            for (int r = 0; r < n; r++)
            {
                double common = cells[r] / 100.0;
                for (int j = 0; j < p; j++)
                {
                    drivers[(r * p) + j] = common + (cells[((j + 1) * n) + r] / 250.0);
                }

                outcome[r] = common + (cells[(8 * n) + r] / 300.0);
            }

            var result = Calculator.KeyDrivers(drivers, Enumerable.Range(0, p).Select(j => "x" + j).ToArray(), outcome, bootstrapReplicates: 0);
            double r2 = result.RSquared.Value;
            Assert.InRange(r2, 0, 1 + 1e-12);
            Assert.Equal(r2, result.Drivers.Sum(d => d.Shapley.Value), 10);
            Assert.Equal(r2, result.Drivers.Sum(d => d.RelativeWeight.Value), 10);
            Assert.All(result.Drivers, d => Assert.True(d.Shapley.Value >= -1e-12 && d.RelativeWeight.Value >= -1e-12));
        });

    private static void Same(Estimation.Estimate expected, Estimation.Estimate actual)
    {
        Assert.Equal(expected.Value, actual.Value, 9);
        if (double.IsNaN(expected.Interval.Lower))
        {
            Assert.True(double.IsNaN(actual.Interval.Lower));
            return;
        }

        Assert.Equal(expected.Interval.Lower, actual.Interval.Lower, 9);
        Assert.Equal(expected.Interval.Upper, actual.Interval.Upper, 9);
    }

    internal sealed record Case(string[] Names, double[] Values, string[]? Segments, double[] Outcome, TrustIndexOptions Options);
}
