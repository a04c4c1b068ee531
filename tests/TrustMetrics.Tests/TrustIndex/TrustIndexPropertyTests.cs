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
        catch (ArgumentException e) when (e.Message.Contains("PCA weights", StringComparison.Ordinal) || e.Message.Contains("none of the", StringComparison.Ordinal)
            || e.Message.Contains("Key-driver", StringComparison.Ordinal))
        {
            return null;
        }
    }

    [Property(MaxTest = 150, MaxRejected = 150)]
    public Property Index_dimensions_and_bounds_stay_within_0_100() =>
        Prop.ForAll(Cases().ToArbitrary(), c =>
        {
            var result = TryCalculate(c);
            return new Action(() =>
            {
                var dimensions = result!.Dimensions.Concat(result.Segments.SelectMany(s => s.Dimensions)).ToList();
                Assert.All(dimensions, d => Assert.Equal(d.Count == 0, d.Score is null));
                foreach (var estimate in new[] { result.Index }.Concat(result.Segments.Select(s => s.Index)).Concat(dimensions.Where(d => d.Score is not null).Select(d => d.Score!.Value)))
                {
                    Assert.InRange(estimate.Value, 0, 100);
                    if (estimate.Interval.Method != "none") // "none": too few valid resamples, interval (−∞, +∞)
                    {
                        Assert.InRange(estimate.Interval.Lower, 0, 100);
                        Assert.InRange(estimate.Interval.Upper, 0, 100);
                    }
                }

                // Weights are rescaled to sum to 1 (closed form); 1e-12 absolute covers the rounding of a sum of ≤ 4 terms.
                Approx.Absolute(1.0, result.Dimensions.Sum(d => d.Weight), 1e-12, "Σ weights");
            }).When(result is not null);
        });

    /// <summary>
    /// The law behind the flaky test of issue 12: permuting respondents changes nothing. Summation order changes the last bits
    /// (values 4e-14 apart were seen), so values are compared with a stated tolerance, never through rounded text:
    /// <see cref="PermutationTolerance"/> absolute on 0–100 scores and on coefficients in [−1, 1].
    /// </summary>
    [Property(MaxTest = 100, MaxRejected = 100)]
    public Property Permuting_respondents_changes_nothing() =>
        Prop.ForAll(Cases().ToArbitrary(), Gen.Choose(0, int.MaxValue).ToArbitrary(), (c, shuffleSeed) => PermutationLaw(c, shuffleSeed));

    /// <summary>
    /// The same law over 50 independent FsCheck seeds in one process (100 cases each), as the "50 runs in a row"; set
    /// TRUSTMETRICS_PERMUTATION_SEEDS to change the number of seeds (default 3, to keep the suite fast).
    /// </summary>
    [Fact]
    public void Permutation_law_holds_over_many_seeds()
    {
        int seeds = int.TryParse(Environment.GetEnvironmentVariable("TRUSTMETRICS_PERMUTATION_SEEDS"), out int n) ? n : 3;
        for (int seed = 0; seed < seeds; seed++)
        {
            var config = Config.QuickThrowOnFailure.WithMaxTest(100).WithMaxRejected(100).WithReplay((ulong)(1_000_003 * (seed + 1)), (ulong)((2 * seed) + 1));
            Check.One(config, Prop.ForAll(Cases().ToArbitrary(), Gen.Choose(0, int.MaxValue).ToArbitrary(), (c, shuffleSeed) => PermutationLaw(c, shuffleSeed)));
        }
    }

    /// <summary>Absolute tolerance of the permutation law: far above summation-order rounding (~1e-13), far below any real change.</summary>
    private const double PermutationTolerance = 1e-9;

    private static Property PermutationLaw(Case c, int shuffleSeed)
    {
        var original = TryCalculate(c, withOutcome: true);
        return new Action(() =>
        {
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
            Same(original!.Index, result.Index);
            for (int j = 0; j < original.Dimensions.Count; j++)
            {
                Same(original.Dimensions[j].Score, result.Dimensions[j].Score);
                Same(original.Dimensions[j].Reliability.CronbachAlpha, result.Dimensions[j].Reliability.CronbachAlpha, "alpha");
                Same(original.Dimensions[j].Reliability.StandardizedAlpha, result.Dimensions[j].Reliability.StandardizedAlpha, "standardised alpha");
                for (int i = 0; i < original.Dimensions[j].Reliability.Items.Count; i++)
                {
                    Same(original.Dimensions[j].Reliability.Items[i].ItemTotalCorrelation, result.Dimensions[j].Reliability.Items[i].ItemTotalCorrelation, "r.drop");
                }
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
        }).When(original is not null);
    }

    [Property(MaxTest = 150, MaxRejected = 150)]
    public Property Raising_one_answer_never_lowers_the_arithmetic_index() =>
        Prop.ForAll(Cases().ToArbitrary(), Gen.Choose(0, int.MaxValue).ToArbitrary(), (c, pick) =>
        {
            // Fixed (data-independent) yardstick and weights: theoretical bounds or a target, equal weights, arithmetic mean.
            var options = new TrustIndexOptions(c.Options)
            {
                Normalization = c.Options.Normalization == TrustNormalization.DistanceToTarget ? TrustNormalization.DistanceToTarget : TrustNormalization.TheoreticalBounds,
                Weighting = TrustWeighting.Equal,
                Aggregation = TrustAggregation.Arithmetic,
                BootstrapReplicates = 0,
            };
            var answered = Enumerable.Range(0, c.Values.Length).Where(i => !double.IsNaN(c.Values[i]) && c.Values[i] < options.Scale.Max).ToArray();
            var before = answered.Length == 0 ? null : TryCalculate(c with { Options = options });
            return new Action(() =>
            {
                var raised = (double[])c.Values.Clone();
                raised[answered[pick % answered.Length]] += 1;
                var after = TryCalculate(c with { Values = raised, Options = options })!;
                Assert.True(after.Index.Value >= before!.Index.Value - 1e-12, $"{before.Index.Value} → {after.Index.Value}");
                for (int u = 0; u < before.Segments.Count; u++)
                {
                    Assert.True(after.Segments[u].Index.Value >= before.Segments[u].Index.Value - 1e-12);
                }
            }).When(before is not null);
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
                // α = α_std = 1 for equal non-constant items (closed form: Σ s_i² = s_T²/k).
                Approx.Absolute(1.0, result.CronbachAlpha!.Value, 1e-12, "alpha");
                Approx.Absolute(1.0, result.StandardizedAlpha!.Value, 1e-12, "standardised alpha");
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
            // Efficiency of both decompositions (Johnson 2000; Shapley 1953): they sum to R² exactly, up to rounding.
            Approx.Absolute(r2, result.Drivers.Sum(d => d.Shapley.Value), 1e-10, "Σ Shapley");
            Approx.Absolute(r2, result.Drivers.Sum(d => d.RelativeWeight.Value), 1e-10, "Σ relative weights");
            Assert.All(result.Drivers, d => Assert.True(d.Shapley.Value >= -1e-12 && d.RelativeWeight.Value >= -1e-12));
        });

    private static void Same(Estimation.Estimate? expected, Estimation.Estimate? actual)
    {
        Assert.Equal(expected is null, actual is null);
        if (expected is not { } e || actual is not { } a)
        {
            return;
        }

        Approx.Absolute(e.Value, a.Value, PermutationTolerance, "value");
        Assert.Equal(e.Interval.Method, a.Interval.Method);
        if (e.Interval.Method != "none")
        {
            Approx.Absolute(e.Interval.Lower, a.Interval.Lower, PermutationTolerance, "lower bound");
            Approx.Absolute(e.Interval.Upper, a.Interval.Upper, PermutationTolerance, "upper bound");
        }
    }

    private static void Same(double? expected, double? actual, string what)
    {
        Assert.Equal(expected is null, actual is null);
        if (expected is { } e)
        {
            Approx.Absolute(e, actual!.Value, PermutationTolerance, what);
        }
    }

    internal sealed record Case(string[] Names, double[] Values, string[]? Segments, double[] Outcome, TrustIndexOptions Options);
}
