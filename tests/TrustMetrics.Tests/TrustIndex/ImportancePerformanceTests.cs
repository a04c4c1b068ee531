using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using TrustMetrics.Scales;
using TrustMetrics.TrustIndex;

namespace TrustMetrics.Tests.TrustIndex;

/// <summary>
/// Importance–performance analysis (issue 15 item 4). Point values against R 4.2.2 (Data/ipa.R, printed in Data/ipa.Rout):
/// Johnson's relative weights by eigen() as kda.R, performance = 100·(mean − 1)/6 or the top-two-box share, Martilla &amp;
/// James cut-points. Tolerances are the printing: importance absolute 1e-10 (12 significant digits of values below 1),
/// performance and cut-points relative 1e-9. The bootstrap has no outside reference (R draws other numbers): it is checked by
/// identity with the key-driver bootstrap, by seeded reproducibility and by laws.
/// </summary>
public class ImportancePerformanceTests
{
    private static readonly TrustIndexCalculator Calculator = new();

    /// <summary>drivers.csv (trust-index-scripts): one item per driver on 1–7, outcome trust.</summary>
    private static TrustSurvey DriversSurvey(bool constantExpertise = false)
    {
        var answers = TrustIndexData.Columns(TrustIndexData.Drivers, 0, 5);
        if (constantExpertise)
        {
            for (int r = 0; r < answers.Length / 5; r++)
            {
                answers[(r * 5) + 3] = 5;
            }
        }

        return new TrustSurvey(TrustDrivers.Names, answers, outcome: TrustIndexData.Columns(TrustIndexData.Drivers, 5, 6), outcomeName: "trust");
    }

    private static TrustIndexOptions DriversOptions(int replicates = 0) => new()
    {
        Scale = new RatingScale(1, 7),
        Dimensions = TrustDrivers.Names.Select(n => new TrustDimension(n, [n])).ToArray(),
        BootstrapReplicates = replicates,
    };

    public static TheoryData<DriverPerformance, QuadrantCut, bool, double[], double[], double, double, string[]> RCases() => new()
    {
        // ipa.Rout block 1: performance = mean (0–100), cut = driver means.
        {
            DriverPerformance.Mean, QuadrantCut.DriverMeans, false,
            [0.2000132402, 0.199465173367, 0.225964587041, 0.145063009426, 0.205616607709],
            [58.3333333333, 58.3333333333, 52.7777777778, 73.6111111111, 55.5555555556], 0.195224523549, 59.7222222222,
            ["concentrate here", "concentrate here", "concentrate here", "possible overkill", "concentrate here"]
        },

        // Block 2: top-two box (≥ 6 of 7, %); transparency sits exactly on the cut (33.33…) and counts as high.
        {
            DriverPerformance.TopBox, QuadrantCut.DriverMeans, false,
            [0.2000132402, 0.199465173367, 0.225964587041, 0.145063009426, 0.205616607709],
            [33.3333333333, 25, 25, 58.3333333333, 25], 0.195224523549, 33.3333333333,
            ["keep up the good work", "concentrate here", "concentrate here", "possible overkill", "concentrate here"]
        },

        // Block 3: scale-midpoint cut (50).
        {
            DriverPerformance.Mean, QuadrantCut.ScaleMidpoint, false,
            [0.2000132402, 0.199465173367, 0.225964587041, 0.145063009426, 0.205616607709],
            [58.3333333333, 58.3333333333, 52.7777777778, 73.6111111111, 55.5555555556], 0.195224523549, 50,
            ["keep up the good work", "keep up the good work", "keep up the good work", "possible overkill", "keep up the good work"]
        },

        // Block 4: expertise constant (5): importance 0, the other weights from the four varying drivers (R: rw(X[, -4], y));
        // transparency and consistency sit exactly on the performance cut (58.33…) and count as high.
        {
            DriverPerformance.Mean, QuadrantCut.DriverMeans, true,
            [0.24687714943, 0.232019030995, 0.250695000312, 0, 0.243570571991],
            [58.3333333333, 58.3333333333, 52.7777777778, 66.6666666667, 55.5555555556], 0.194632350546, 58.3333333333,
            ["keep up the good work", "keep up the good work", "concentrate here", "possible overkill", "concentrate here"]
        },
    };

    [Theory]
    [MemberData(nameof(RCases))]
    public void Drivers_csv_matches_ipa_R(DriverPerformance performance, QuadrantCut cut, bool constantExpertise, double[] importance, double[] perf,
        double cutImportance, double cutPerformance, string[] quadrants)
    {
        var result = Calculator.ImportancePerformance(DriversSurvey(constantExpertise), DriversOptions(), performance, cut);
        Assert.Equal(12, result.Count);
        Assert.Equal("trust", result.Outcome);
        Approx.Absolute(cutImportance, result.CutImportance, Approx.ClosedForm, "cut importance");
        Approx.Relative(cutPerformance, result.CutPerformance, Approx.Printed, "cut performance");
        for (int j = 0; j < 5; j++)
        {
            var d = result.Drivers[j];
            Assert.Equal(TrustDrivers.Names[j], d.Name);
            Approx.Absolute(importance[j], d.Importance.Value, Approx.ClosedForm, d.Name + " importance");
            Approx.Relative(perf[j], d.Performance.Value, Approx.Printed, d.Name + " performance");
            Assert.Equal(quadrants[j], ImportancePerformanceResult.Label(d.Quadrant));
            Assert.Null(d.Stability); // no replicates
            Assert.Equal("none", d.Importance.Interval.Method);
        }

        Approx.Absolute(result.RSquared, result.Drivers.Sum(d => d.Importance.Value), 1e-12, "Σ importance = R²");
    }

    [Fact]
    public void Importance_is_the_key_driver_relative_weight_with_the_same_bootstrap_interval()
    {
        // Same data, seed and replicates: the point value is KeyDriverAnalysis's, bit for bit, and so is every replicate (same
        // canonical row order, same block streams), hence the interval.
        var survey = SyntheticSurvey(300, seed: 11);
        var options = new TrustIndexOptions { BootstrapReplicates = 200, Seed = 5 };
        var kda = Calculator.Calculate(survey, options).KeyDrivers!;
        var ipa = Calculator.ImportancePerformance(survey, options);
        Assert.Equal(0, kda.SkippedReplicates);
        Assert.Equal(0, ipa.SkippedReplicates);
        Assert.Equal(kda.Count, ipa.Count);
        Assert.Equal(kda.RSquared.Value, ipa.RSquared);
        for (int j = 0; j < 5; j++)
        {
            Assert.Equal(kda.Drivers[j].RelativeWeight.Value, ipa.Drivers[j].Importance.Value);
            Assert.Equal(kda.Drivers[j].RelativeWeight.Interval, ipa.Drivers[j].Importance.Interval);
            Assert.Equal(kda.Drivers[j].RelativeWeight.StandardError, ipa.Drivers[j].Importance.StandardError);
        }
    }

    [Fact]
    public void Performance_mean_is_the_dimension_score_when_every_row_is_complete()
    {
        // Theoretical-bounds dimension score = 100·(mean − 1)/4 on the same respondents (closed form; summation order differs).
        var survey = SyntheticSurvey(200, seed: 3);
        var index = Calculator.Calculate(survey, new TrustIndexOptions { BootstrapReplicates = 0 });
        var ipa = Calculator.ImportancePerformance(survey, new TrustIndexOptions { BootstrapReplicates = 0 });
        for (int j = 0; j < 5; j++)
        {
            Approx.Absolute(index.Dimensions[j].Score!.Value, ipa.Drivers[j].Performance.Value, 1e-10, index.Dimensions[j].Name);
        }
    }

    [Fact]
    public void Bootstrap_is_seeded_reproducible_and_independent_of_threads()
    {
        var survey = SyntheticSurvey(120, seed: 2);
        var options = new TrustIndexOptions { BootstrapReplicates = 300, Seed = 9 };
        var a = Calculator.ImportancePerformance(survey, options, DriverPerformance.TopBox, maxDegreeOfParallelism: 1);
        var b = Calculator.ImportancePerformance(survey, options, DriverPerformance.TopBox);
        var c = Calculator.ImportancePerformance(survey, new TrustIndexOptions(options) { Seed = 10 }, DriverPerformance.TopBox);
        Assert.Equal(a.Drivers.Select(d => (d.Importance.Interval, d.Performance.Interval, d.Stability)), b.Drivers.Select(d => (d.Importance.Interval, d.Performance.Interval, d.Stability)));
        Assert.NotEqual(a.Drivers.Select(d => d.Performance.Interval), c.Drivers.Select(d => d.Performance.Interval));
        foreach (var d in a.Drivers)
        {
            Assert.Equal("bootstrap-percentile", d.Performance.Interval.Method);
            Assert.True(d.Importance.Interval.Contains(d.Importance.Value), d.ToString());
            Assert.True(d.Performance.Interval.Contains(d.Performance.Value), d.ToString());
            Assert.InRange(d.Stability!.Value, 0, 1);
        }
    }

    [Fact]
    public void Stability_is_high_for_a_clear_driver_and_near_even_for_a_tie()
    {
        // Closed-form expectation: a driver far from both cut-points keeps its quadrant in (almost) every replicate.
        var survey = SyntheticSurvey(400, seed: 4);
        var result = Calculator.ImportancePerformance(survey, new TrustIndexOptions { BootstrapReplicates = 200 });
        var clearest = result.Drivers.MaxBy(d => Math.Abs(d.Performance.Value - result.CutPerformance) / d.Performance.StandardError
            + Math.Abs(d.Importance.Value - result.CutImportance) / d.Importance.StandardError)!;
        Assert.True(clearest.Stability > 0.9, clearest.ToString());
    }

    [Fact]
    public void Smallest_sample_and_constant_driver_give_finite_results()
    {
        // n = p + 2 = 7 respondents; one driver constant; many resamples are degenerate and are counted, never NaN.
        var names = new[] { "a", "b", "c" };
        double[] answers = [1, 3, 2, 2, 3, 4, 3, 3, 1, 4, 3, 5, 5, 3, 4, 2, 3, 3, 4, 3, 5];
        var options = new TrustIndexOptions { Dimensions = names.Select(n => new TrustDimension(n, [n])).ToArray(), BootstrapReplicates = 100 };
        var survey = new TrustSurvey(names, answers, outcome: [1, 4, 3, 6, 9, 2, 7], outcomeName: "y");
        var small = new TrustSurvey(names, answers.AsSpan(0, 12), outcome: [1, 4, 3, 6], outcomeName: "y");
        var result = Calculator.ImportancePerformance(survey, options);
        Assert.Equal(0, result.Drivers[1].Importance.Value); // b is constant (3)
        foreach (var d in result.Drivers)
        {
            Assert.True(double.IsFinite(d.Importance.Value) && double.IsFinite(d.Performance.Value), d.ToString());
            Assert.False(double.IsNaN(d.Importance.Interval.Lower) || double.IsNaN(d.Performance.Interval.Upper), d.ToString());
            Assert.InRange(d.Stability!.Value, 0, 1);
        }

        Assert.Contains("needs at least 5 complete responses", Assert.Throws<ArgumentException>(() => Calculator.ImportancePerformance(small, options)).Message);
        Assert.Contains("needs an outcome", Assert.Throws<ArgumentException>(() =>
            Calculator.ImportancePerformance(new TrustSurvey(names, answers), options)).Message);
        Assert.Contains("does not vary", Assert.Throws<ArgumentException>(() =>
            Calculator.ImportancePerformance(new TrustSurvey(names, answers, outcome: [2, 2, 2, 2, 2, 2, 2]), options)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Calculator.ImportancePerformance(survey, options, (DriverPerformance)7));
        Assert.Throws<ArgumentOutOfRangeException>(() => Calculator.ImportancePerformance(survey, options, cut: (QuadrantCut)(-1)));
    }

    /// <summary>Random small surveys: 2–4 one-item drivers on 1–5, 6–40 respondents, 0–10 % blanks, outcome 0–10.</summary>
    private static Gen<(TrustSurvey Survey, TrustIndexOptions Options)> Cases() =>
        from p in Gen.Choose(2, 4)
        from n in Gen.Choose(6, 40)
        from blank in Gen.Elements(0, 0, 5, 10)
        from cells in Gen.Choose(0, 99).ArrayOf(n * (p + 1) * 2)
        select Build(p, n, blank, cells);

    private static (TrustSurvey, TrustIndexOptions) Build(int p, int n, int blank, int[] cells)
    {
        var names = Enumerable.Range(0, p).Select(j => "d" + j).ToArray();
        var answers = new double[n * p];
        for (int c = 0; c < answers.Length; c++)
        {
            answers[c] = cells[2 * c] < blank ? double.NaN : 1 + (cells[(2 * c) + 1] % 5);
        }

        var outcome = Enumerable.Range(0, n).Select(r => (double)(cells[answers.Length * 2 + r] % 11)).ToArray();
        var options = new TrustIndexOptions { Dimensions = names.Select(d => new TrustDimension(d, [d])).ToArray(), BootstrapReplicates = 40, Seed = cells.Length };
        return (new TrustSurvey(names, answers, outcome: outcome), options);
    }

    private static ImportancePerformanceResult? TryRun(TrustSurvey survey, TrustIndexOptions options, DriverPerformance performance = DriverPerformance.Mean)
    {
        try
        {
            return Calculator.ImportancePerformance(survey, options, performance);
        }
        catch (ArgumentException e) when (e.Message.Contains("Importance–performance", StringComparison.Ordinal))
        {
            return null; // too few complete rows, constant outcome, collinear drivers: refused with the reason
        }
    }

    [Property(MaxTest = 100, MaxRejected = 100)]
    public Property Results_are_finite_and_stability_in_0_1() =>
        Prop.ForAll(Cases().ToArbitrary(), c =>
        {
            var result = TryRun(c.Survey, c.Options);
            return new Action(() =>
            {
                Assert.True(double.IsFinite(result!.CutImportance) && double.IsFinite(result.CutPerformance) && double.IsFinite(result.RSquared));
                foreach (var d in result.Drivers)
                {
                    Assert.True(d.Importance.Value >= 0 && double.IsFinite(d.Importance.Value), d.ToString());
                    Assert.InRange(d.Performance.Value, 0, 100);
                    Assert.False(double.IsNaN(d.Importance.Interval.Lower) || double.IsNaN(d.Importance.Interval.Upper) || double.IsNaN(d.Performance.Interval.Lower)
                        || double.IsNaN(d.Performance.Interval.Upper) || double.IsNaN(d.Importance.StandardError) || double.IsNaN(d.Performance.StandardError), d.ToString());
                    Assert.Equal(result.SkippedReplicates == result.Replicates, d.Stability is null);
                    if (d.Stability is { } s)
                    {
                        Assert.InRange(s, 0, 1);
                    }
                }
            }).When(result is not null);
        });

    /// <summary>Permuting respondents changes nothing, intervals and stability included (rows are put in canonical order first).</summary>
    [Property(MaxTest = 60, MaxRejected = 60)]
    public Property Permuting_respondents_changes_nothing() =>
        Prop.ForAll(Cases().ToArbitrary(), Gen.Choose(0, int.MaxValue).ToArbitrary(), (c, shuffle) =>
        {
            var original = TryRun(c.Survey, c.Options, DriverPerformance.TopBox);
            return new Action(() =>
            {
                int n = c.Survey.RespondentCount, k = c.Survey.ItemNames.Count;
                var order = Enumerable.Range(0, n).ToArray();
                new Random(shuffle).Shuffle(order);
                var answers = new double[n * k];
                for (int r = 0; r < n; r++)
                {
                    c.Survey.Responses.Slice(order[r] * k, k).CopyTo(answers.AsSpan(r * k, k));
                }

                var permuted = Calculator.ImportancePerformance(new TrustSurvey(c.Survey.ItemNames, answers, outcome: order.Select(r => c.Survey.Outcome[r]).ToArray()),
                    c.Options, DriverPerformance.TopBox);
                for (int j = 0; j < original!.Drivers.Count; j++)
                {
                    var (a, b) = (original.Drivers[j], permuted.Drivers[j]);
                    // 1e-9 absolute: far above summation-order rounding, far below a real change (as TrustIndexPropertyTests).
                    Approx.Absolute(a.Importance.Value, b.Importance.Value, 1e-9, "importance");
                    Approx.Absolute(a.Performance.Value, b.Performance.Value, 1e-9, "performance");
                    Assert.Equal(a.Quadrant, b.Quadrant);
                    Assert.Equal(a.Stability, b.Stability);
                    Assert.Equal(a.Performance.Interval, b.Performance.Interval);
                }
            }).When(original is not null);
        });

    /// <summary>
    /// Every bad value in every position (exhaustive, so no case depends on a random draw): a NaN answer is a blank; ±∞, huge and
    /// negative (off-scale) answers are refused with an ArgumentException. The outcome is on no fixed scale, so a finite outcome
    /// (negative or huge) may pass — then every reported number must be NaN-free — and only ±∞ must be refused.
    /// </summary>
    [Fact]
    public void Non_finite_or_negative_input_is_refused_or_gives_a_NaN_free_result()
    {
        var survey = SyntheticSurvey(20, seed: 1);
        foreach (double bad in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity, -1.0, -1e300, 1e300 })
        {
            for (int cell = 0; cell <= 20; cell++)
            {
                var answers = survey.Responses.ToArray();
                var outcome = survey.Outcome.ToArray();
                bool inOutcome = cell == 20;
                if (inOutcome)
                {
                    outcome[3] = bad;
                }
                else
                {
                    answers[cell] = bad;
                }

                bool mayPass = double.IsNaN(bad) || (inOutcome && double.IsFinite(bad));
                try
                {
                    var result = Calculator.ImportancePerformance(new TrustSurvey(survey.ItemNames, answers, outcome: outcome), new TrustIndexOptions { BootstrapReplicates = 20 });
                    Assert.True(mayPass, $"{bad} in cell {cell} must be refused");
                    Assert.All(result.Drivers, d => Assert.False(!double.IsFinite(d.Importance.Value) || !double.IsFinite(d.Performance.Value) || d.Stability is double.NaN,
                        $"{bad} in cell {cell} gave a non-finite value"));
                }
                catch (ArgumentException)
                {
                    Assert.False(double.IsNaN(bad), $"a NaN (blank) in cell {cell} was refused");
                }
            }
        }
    }

    /// <summary>Five drivers × 3 items on 1–5 driven by one latent trait with driver-specific strength; outcome 0–10.</summary>
    internal static TrustSurvey SyntheticSurvey(int respondents, int seed)
    {
        var random = new Random(seed);
        var items = TrustDrivers.Default().SelectMany(d => d.Items).ToArray();
        double[] loading = [1.4, 0.9, 1.1, 0.5, 1.2];
        double[] level = [3.6, 3.0, 3.2, 3.9, 2.8];
        var answers = new double[respondents * items.Length];
        var outcome = new double[respondents];
        for (int r = 0; r < respondents; r++)
        {
            double z = (random.NextDouble() * 2) - 1;
            for (int i = 0; i < items.Length; i++)
            {
                answers[(r * items.Length) + i] = Math.Clamp(Math.Round(level[i / 3] + (loading[i / 3] * z) + (random.NextDouble() * 1.6) - 0.8), 1, 5);
            }

            outcome[r] = Math.Clamp(Math.Round(6.5 + (3 * z) + (random.NextDouble() * 3) - 1.5), 0, 10);
        }

        return new TrustSurvey(items, answers, outcome: outcome, outcomeName: "nps");
    }
}
