using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using TrustMetrics.TrustIndex;

namespace TrustMetrics.Tests.TrustIndex;

/// <summary>
/// Issue 12 for the trust index: undefined statistics are null (never 0 or NaN), bad input is refused with an
/// <see cref="ArgumentException"/> naming argument and value, and long work obeys cancellation and the degree of parallelism
/// without changing a single number.
/// </summary>
public class TrustIndexEdgeTests
{
    private static readonly TrustIndexCalculator Calculator = new();

    [Fact]
    public void Corrected_item_total_correlation_is_null_when_the_other_items_sum_to_a_constant()
    {
        // x2 + x3 = 6 in every row, so the rest score of x1 is constant: corr(x1, T − x1) = cov/√(var·0) is 0/0, undefined
        // (closed form; R's cor() returns NA, "the standard deviation is zero"). Before issue 12 this was reported as 0.
        double[] rows = [1, 2, 4, 3, 5, 1, 2, 3, 3, 5, 1, 5, 4, 4, 2];
        var r = Calculator.Reliability(rows, ["x1", "x2", "x3"]);
        Assert.Null(r.Items[0].ItemTotalCorrelation);
        // corr(x1, T) with T = x1 + 6 is exactly 1 (closed form).
        Approx.Absolute(1.0, r.Items[0].RawItemTotalCorrelation!.Value, 1e-12, "raw r of x1");
        // The other items' rest scores vary, so theirs are defined: x3 = 6 − x2, rest of x2 = x1 + x3, corr(x2, x1 + 6 − x2).
        Assert.NotNull(r.Items[1].ItemTotalCorrelation);
        Assert.NotNull(r.Items[2].ItemTotalCorrelation);
    }

    [Fact]
    public void A_rest_score_constant_only_up_to_rounding_is_still_constant()
    {
        // 0.1 + 0.6, 0.2 + 0.5, 0.3 + 0.4 are all 0.7 mathematically but differ in the last bit in binary: still undefined, not noise.
        double[] rows = [1, 0.1, 0.6, 2, 0.2, 0.5, 4, 0.3, 0.4];
        var r = Calculator.Reliability(rows, ["x1", "x2", "x3"]);
        Assert.Null(r.Items[0].ItemTotalCorrelation);
        Assert.All(r.Items, i => Assert.True(i.ItemTotalCorrelation is null or (>= -1 and <= 1)));
    }

    [Fact]
    public void Undefined_statistics_are_null()
    {
        // Segment "b" never answers dimension d2: its d2 mean and score are undefined (null), not NaN.
        double n = double.NaN;
        var survey = new TrustSurvey(["a", "b"], [1, 2, 3, 4, 5, n, 4, n], ["a", "a", "b", "b"]);
        var result = Calculator.Calculate(survey, new TrustIndexOptions { Dimensions = [new("d1", ["a"]), new("d2", ["b"])], BootstrapReplicates = 20 });
        var d2 = result.Segments.Single(s => s.Segment == "b").Dimensions[1];
        Assert.Equal(0, d2.Count);
        Assert.Null(d2.MeanScore);
        Assert.Null(d2.Score);
        Assert.Contains(result.Warnings, w => w.Contains("nobody has a score on 'd2'", StringComparison.Ordinal));

        // R² = 0 exactly (x = 1..4 and y = 1, 0, 0, 1 are orthogonal after centring): a share of R² is 0/0, null.
        var kda = Calculator.KeyDrivers([1, 2, 3, 4], ["x"], [1, 0, 0, 1], bootstrapReplicates: 0);
        Assert.Equal(0.0, kda.RSquared.Value);
        Assert.Null(kda.Drivers[0].ShapleyPercent);
        Assert.Null(kda.Drivers[0].RelativeWeightPercent);

        // Without segments there are no ranks: the average rank shift is undefined.
        var sensitivity = Calculator.Sensitivity(new TrustSurvey(["a", "b"], [1, 2, 3, 4, 5, 1]), 50,
            new TrustIndexOptions { Dimensions = [new("d1", ["a"]), new("d2", ["b"])] });
        Assert.Null(sensitivity.MeanAverageRankShift);
        Assert.Null(sensitivity.MedianAverageRankShift);
        Assert.Null(sensitivity.AverageRankShiftP95);
    }

    [Fact]
    public void Parallel_and_serial_bootstraps_give_identical_results()
    {
        // 2,000 respondents × 5 drivers × 400 replicates crosses the parallel threshold; draws come in fixed seeded blocks.
        var (survey, options) = Large();
        var serial = Calculator.Calculate(survey, options, maxDegreeOfParallelism: 1);
        var parallel = Calculator.Calculate(survey, options);
        var two = Calculator.Calculate(survey, options, maxDegreeOfParallelism: 2);
        foreach (var other in new[] { parallel, two })
        {
            Assert.Equal(serial.Index, other.Index);
            Assert.Equal(serial.Dimensions.Select(d => d.Score), other.Dimensions.Select(d => d.Score));
            Assert.Equal(serial.Segments.Select(s => s.Index), other.Segments.Select(s => s.Index));
            Assert.Equal(serial.KeyDrivers!.Drivers.Select(d => d.Shapley), other.KeyDrivers!.Drivers.Select(d => d.Shapley));
        }

        var breakdown1 = Calculator.CompareTrustPeriods(survey, survey, options, maxDegreeOfParallelism: 1);
        var breakdownN = Calculator.CompareTrustPeriods(survey, survey, options);
        SameFields.Equal(breakdown1.Changes.Select(c => c.Test).ToList(), breakdownN.Changes.Select(c => c.Test).ToList(), "period tests");
    }

    [Fact]
    public void Long_work_obeys_cancellation_and_refuses_a_bad_degree_of_parallelism()
    {
        var (survey, options) = Large();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => Calculator.Calculate(survey, options, cancellationToken: cancelled.Token));
        Assert.ThrowsAny<OperationCanceledException>(() => Calculator.Sensitivity(survey, 100, options, cancelled.Token));
        Assert.ThrowsAny<OperationCanceledException>(() => Calculator.CompareTrustPeriods(survey, survey, options, cancellationToken: cancelled.Token));
        Assert.ThrowsAny<OperationCanceledException>(() =>
            Calculator.KeyDrivers([1, 2, 3, 4, 5, 2], ["x"], [1, 3, 2, 5, 4, 4], bootstrapReplicates: 100, cancellationToken: cancelled.Token));
        Assert.Equal("maxDegreeOfParallelism", Assert.Throws<ArgumentOutOfRangeException>(() => Calculator.Calculate(survey, options, maxDegreeOfParallelism: 0)).ParamName);
        Assert.Equal("maxDegreeOfParallelism", Assert.Throws<ArgumentOutOfRangeException>(() =>
            Calculator.KeyDrivers([1, 2, 3, 4, 5, 2], ["x"], [1, 3, 2, 5, 4, 4], maxDegreeOfParallelism: -1)).ParamName);
    }

    [Fact]
    public void Inputs_refuse_bad_values_when_they_are_built()
    {
        Assert.Equal("TrustIndexOptions.MinimumAnsweredShare", Assert.Throws<ArgumentOutOfRangeException>(() => new TrustIndexOptions { MinimumAnsweredShare = double.NaN }).ParamName);
        Assert.Equal("TrustIndexOptions.WeightPerturbation", Assert.Throws<ArgumentOutOfRangeException>(() => new TrustIndexOptions { WeightPerturbation = double.PositiveInfinity }).ParamName);
        Assert.Equal("TrustIndexOptions.Target", Assert.Throws<ArgumentOutOfRangeException>(() => new TrustIndexOptions { Target = double.NaN }).ParamName);
        Assert.Equal("TrustIndexOptions.AlphaWarningThreshold", Assert.Throws<ArgumentOutOfRangeException>(() => new TrustIndexOptions { AlphaWarningThreshold = double.NegativeInfinity }).ParamName);
        Assert.Equal("TrustIndexOptions.SensitivityReplicates", Assert.Throws<ArgumentOutOfRangeException>(() => new TrustIndexOptions { SensitivityReplicates = -1 }).ParamName);
        Assert.Equal("TrustIndexOptions.Scale", Assert.Throws<ArgumentOutOfRangeException>(() => new TrustIndexOptions { Scale = default }).ParamName);
        Assert.Equal("TrustIndexOptions.Weighting", Assert.Throws<ArgumentOutOfRangeException>(() => new TrustIndexOptions { Weighting = (TrustWeighting)9 }).ParamName);
        var weight = Assert.Throws<ArgumentOutOfRangeException>(() => new TrustIndexOptions { Weights = new Dictionary<string, double> { ["d"] = -1 } });
        Assert.Contains("Weights['d']", weight.Message);
        Assert.Contains("-1", weight.Message);
        Assert.Contains("items[1]", Assert.Throws<ArgumentException>(() => new TrustDimension("d", ["a", "a"])).Message);
        Assert.Throws<ArgumentException>(() => new TrustDimension(" ", ["a"]));
        Assert.Contains("Dimensions[1]", Assert.Throws<ArgumentException>(() => new TrustIndexOptions { Dimensions = [new("d", ["a"]), new("d", ["b"])] }).Message);

        // The copy keeps every choice and changes only what the initializer sets.
        var options = new TrustIndexOptions { Seed = 5, BootstrapReplicates = 0, Target = 4, Normalization = TrustNormalization.DistanceToTarget };
        var copy = new TrustIndexOptions(options) { Seed = 6 };
        Assert.Equal((0, 4.0, TrustNormalization.DistanceToTarget, 6), (copy.BootstrapReplicates, copy.Target!.Value, copy.Normalization, copy.Seed));
    }

    /// <summary>A bad value: NaN, ±∞, −1 or a huge negative number.</summary>
    private static Gen<double> BadValues() => Gen.Elements(double.NaN, double.PositiveInfinity, double.NegativeInfinity, -1.0, -1e300);

    /// <summary>
    /// Every public entry of the family fed one bad value (NaN, ±∞, negative) in one numeric argument: it refuses with an
    /// <see cref="ArgumentException"/> (or subclass), or — where the value is legal (NaN is "not answered" in a survey, a negative
    /// answer on no scale for reliability) — returns a result without NaN.
    /// </summary>
    [Property(MaxTest = 300)]
    public Property Bad_numbers_are_refused_or_give_NaN_free_results() =>
        Prop.ForAll(Gen.Choose(0, Entries.Length - 1).ToArbitrary(), BadValues().ToArbitrary(), Gen.Choose(0, 11).ToArbitrary(), (entry, bad, cell) =>
        {
            object? result;
            try
            {
                result = Entries[entry](bad, cell);
            }
            catch (ArgumentException)
            {
                return;
            }

            Assert.False(HasNaN(result, 0), $"entry {entry} with {bad} at {cell} returned a NaN");
        });

    private static readonly Func<double, int, object?>[] Entries =
    [
        (bad, cell) => new TrustSurvey(["a", "b"], With([1, 2, 3, 4, 5, 1, 2, 2, 4, 4, 3, 5], cell, bad)),
        (bad, cell) => Calculator.Calculate(new TrustSurvey(["a", "b"], With([1, 2, 3, 4, 5, 1, 2, 2, 4, 4, 3, 5], cell, bad), ["x", "y", "x", "y", "x", "y"]), Two()),
        (bad, cell) => Calculator.Calculate(new TrustSurvey(["a", "b"], [1, 2, 3, 4, 5, 1, 2, 2, 4, 4, 3, 5], null, With([1, 2, 3, 4, 5, 6], cell % 6, bad)), Two()),
        (bad, cell) => Calculator.Reliability(With([1, 2, 3, 4, 5, 1, 2, 2, 4, 4, 3, 5], cell, bad), ["a", "b"]),
        (bad, _) => Calculator.Reliability([1, 2, 3, 4, 5, 1, 2, 2, 4, 4, 3, 5], ["a", "b"], bad),
        (bad, cell) => Calculator.KeyDrivers(With([1, 2, 3, 4, 5, 1, 2, 2, 4, 4, 3, 5], cell, bad), ["a", "b"], [1, 3, 2, 5, 4, 4], bootstrapReplicates: 20),
        (bad, cell) => Calculator.KeyDrivers([1, 2, 3, 4, 5, 1, 2, 2, 4, 4, 3, 5], ["a", "b"], With([1, 3, 2, 5, 4, 4], cell % 6, bad), bootstrapReplicates: 20),
        (bad, _) => Calculator.KeyDrivers([1, 2, 3, 4, 5, 1, 2, 2, 4, 4, 3, 5], ["a", "b"], [1, 3, 2, 5, 4, 4], bootstrapReplicates: 20, confidenceLevel: bad),
        (bad, _) => Calculator.KeyDrivers([1, 2, 3, 4, 5, 1, 2, 2, 4, 4, 3, 5], ["a", "b"], [1, 3, 2, 5, 4, 4], bootstrapReplicates: Negative(bad)),
        (bad, _) => Calculator.Sensitivity(new TrustSurvey(["a", "b"], [1, 2, 3, 4, 5, 1]), Negative(bad), Two()),
        (bad, _) => new TrustIndexOptions { MinimumAnsweredShare = bad },
        (bad, _) => new TrustIndexOptions { Target = bad },
        (bad, _) => new TrustIndexOptions { ConfidenceLevel = bad },
        (bad, _) => new TrustIndexOptions { AlphaWarningThreshold = bad },
        (bad, _) => new TrustIndexOptions { WeightPerturbation = bad },
        (bad, _) => new TrustIndexOptions { Weights = new Dictionary<string, double> { ["d1"] = 1, ["d2"] = bad } },
        (bad, _) => BehaviouralSignal.Nps(bad),
        (bad, _) => BehaviouralSignal.Csat(bad),
        (bad, _) => BehaviouralSignal.Retention(bad),
        (bad, _) => BehaviouralSignal.Churn(bad),
        (bad, _) => BehaviouralSignal.Churn(0.1, bad),
        (bad, _) => BehaviouralSignal.ComplaintResolution(bad),
        (bad, _) => BehaviouralSignal.ReviewRating(bad),
        (bad, _) => BehaviouralSignal.ReviewRating(3, bad),
        (bad, _) => BehaviouralSignal.ReviewRating(3, 1, bad),
        (bad, _) => BehaviouralSignal.NetSentiment(Negative(bad), 3),
        (bad, _) => BehaviouralSignal.Pillar([BehaviouralSignal.Nps(10), BehaviouralSignal.Csat(0.5)], [1, bad]),
        (bad, _) => Calculator.Calculate(new TrustSurvey(["a", "b"], [1, 2, 3, 4, 5, 1]), new TrustIndexOptions(Two()) { BootstrapReplicates = Math.Max(0, Negative(bad) + 1) }),
    ];

    /// <summary>The bad value as a negative integer (−1 for NaN, saturating for the infinities).</summary>
    private static int Negative(double bad) => double.IsNaN(bad) ? -1 : (int)Math.Clamp(bad, int.MinValue, -1);

    private static TrustIndexOptions Two() => new() { Dimensions = [new("d1", ["a"]), new("d2", ["b"])], BootstrapReplicates = 20 };

    private static double[] With(double[] values, int index, double bad)
    {
        values[index % values.Length] = bad;
        return values;
    }

    /// <summary>True when a public double (or double?) anywhere in the result is NaN.</summary>
    private static bool HasNaN(object? value, int depth)
    {
        if (value is null || depth > 6)
        {
            return false;
        }

        if (value is double d)
        {
            return double.IsNaN(d);
        }

        var type = value.GetType();
        if (type.IsPrimitive || type.IsEnum || value is string)
        {
            return false;
        }

        if (value is System.Collections.IEnumerable items)
        {
            return items.Cast<object?>().Any(i => HasNaN(i, depth + 1));
        }

        return type.Namespace?.StartsWith("TrustMetrics", StringComparison.Ordinal) == true
            && type.GetProperties().Where(p => p.GetIndexParameters().Length == 0 && !p.PropertyType.IsByRefLike).Any(p => HasNaN(p.GetValue(value), depth + 1));
    }

    private static (TrustSurvey Survey, TrustIndexOptions Options) Large()
    {
        var random = new Random(12);
        int n = 2000;
        var names = TrustDrivers.Default(1).SelectMany(d => d.Items).ToArray();
        var values = new double[n * names.Length];
        var outcome = new double[n];
        for (int r = 0; r < n; r++)
        {
            double z = random.NextDouble();
            for (int i = 0; i < names.Length; i++)
            {
                values[(r * names.Length) + i] = Math.Clamp(Math.Round(1 + (4 * z) + random.NextDouble() - 0.5), 1, 5);
            }

            outcome[r] = (10 * z) + random.NextDouble();
        }

        var segments = Enumerable.Range(0, n).Select(r => "s" + (r % 3)).ToArray();
        return (new TrustSurvey(names, values, segments, outcome, "nps"), new TrustIndexOptions { Dimensions = TrustDrivers.Default(1), BootstrapReplicates = 400 });
    }
}
