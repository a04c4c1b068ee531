using System.Reflection;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using TrustMetrics.Clv;

namespace TrustMetrics.Tests.Clv;

/// <summary>
/// No silent NaN in the CLV family (issue 12 item 2): every public entry point that takes a number, fed NaN, ±∞ or a negative
/// value in one argument at a time (the others valid), either refuses it with an <see cref="ArgumentException"/> (or subclass)
/// naming an argument, or returns a result without NaN. The entries cover the parameter, history and option constructors, the
/// models' predictions and likelihoods, the compression factories, the JSON route, the summarizer and the CLV formulas.
/// </summary>
public class ClvBadInputPropertyTests
{
    private static readonly BgNbdParameters BgNbd = new(0.243, 4.414, 0.793, 2.426);
    private static readonly ParetoNbdParameters Pareto = new(0.553, 10.58, 0.606, 11.67);
    private static readonly BgBbParameters BgBb = new(1.2, 0.75, 0.66, 2.78);
    private static readonly GammaGammaParameters Spend = new(6.25, 3.74, 15.44);
    private static readonly PurchaseHistory Customer = new(2, 30.43, 38.86);

    /// <summary>NaN, ±∞, negative values of several magnitudes and 0 (invalid where a positive number is needed).</summary>
    private static readonly Gen<double> BadDouble = Gen.Elements(double.NaN, double.PositiveInfinity, double.NegativeInfinity, -1.0, -1e-300, -1e300, 0.0);

    private static readonly Gen<long> BadCount = Gen.Elements(-1L, -1000L, long.MinValue);

    /// <summary>An entry point: its name, the number of numeric argument slots, and the call with the bad value in slot k.</summary>
    private sealed record Entry(string Name, int Slots, Func<int, double, object?> Call);

    private static double V(int slot, int k, double bad, double valid) => slot == k ? bad : valid;

    /// <summary>BG/NBD and Gamma–Gamma fitted once on CDNOW (for the CLV interval entry).</summary>
    private static readonly Lazy<(ClvFit<BgNbdModel> Purchases, ClvFit<GammaGammaModel> Spend)> Fits = new(() =>
        (new BgNbdFitter().Fit(CompressedHistories.From(ClvData.CdnowHistories)),
         new GammaGammaFitter().Fit(CompressedSpend.From(ClvData.CdnowSpend.Select(r => (r.X, r.Zbar))))));

    private static readonly Entry[] DoubleEntries =
    [
        new("BgNbdParameters", 4, (k, v) => new BgNbdParameters(V(0, k, v, 0.2), V(1, k, v, 4), V(2, k, v, 0.8), V(3, k, v, 2.4))),
        new("ParetoNbdParameters", 4, (k, v) => new ParetoNbdParameters(V(0, k, v, 0.5), V(1, k, v, 10), V(2, k, v, 0.6), V(3, k, v, 11))),
        new("BgBbParameters", 4, (k, v) => new BgBbParameters(V(0, k, v, 1.2), V(1, k, v, 0.75), V(2, k, v, 0.66), V(3, k, v, 2.8))),
        new("GammaGammaParameters", 3, (k, v) => new GammaGammaParameters(V(0, k, v, 6), V(1, k, v, 3.7), V(2, k, v, 15))),
        new("PurchaseHistory", 2, (k, v) => new PurchaseHistory(2, V(0, k, v, 3), V(1, k, v, 5))),
        new("ClvFitOptions", 3, (k, v) => new ClvFitOptions(V(0, k, v, 0), 1000, V(1, k, v, 1e-7), V(2, k, v, 0.95))),
        new("BgNbdModel.ExpectedPurchases", 1, (k, v) => new BgNbdModel(BgNbd).ExpectedPurchases(V(0, k, v, 39))),
        new("BgNbdModel.ConditionalExpectedPurchases", 1, (k, v) => new BgNbdModel(BgNbd).ConditionalExpectedPurchases(V(0, k, v, 39), Customer)),
        new("BgNbdModel.ConditionalExpectedPurchases(batch)", 1, (k, v) => Batch(d => new BgNbdModel(BgNbd).ConditionalExpectedPurchases(V(0, k, v, 39), [Customer], d))),
        new("BgNbdModel.ProbabilityOfPurchases", 1, (k, v) => new BgNbdModel(BgNbd).ProbabilityOfPurchases(V(0, k, v, 39), 2)),
        new("MbgNbdModel.ExpectedPurchases", 1, (k, v) => new MbgNbdModel(BgNbd).ExpectedPurchases(V(0, k, v, 39))),
        new("MbgNbdModel.ConditionalExpectedPurchases", 1, (k, v) => new MbgNbdModel(BgNbd).ConditionalExpectedPurchases(V(0, k, v, 39), Customer)),
        new("MbgNbdModel.ConditionalExpectedPurchases(batch)", 1, (k, v) => Batch(d => new MbgNbdModel(BgNbd).ConditionalExpectedPurchases(V(0, k, v, 39), [Customer], d))),
        new("MbgNbdModel.ProbabilityOfPurchases", 1, (k, v) => new MbgNbdModel(BgNbd).ProbabilityOfPurchases(V(0, k, v, 39), 2)),
        new("ParetoNbdModel.ExpectedPurchases", 1, (k, v) => new ParetoNbdModel(Pareto).ExpectedPurchases(V(0, k, v, 39))),
        new("ParetoNbdModel.ConditionalExpectedPurchases", 1, (k, v) => new ParetoNbdModel(Pareto).ConditionalExpectedPurchases(V(0, k, v, 39), Customer)),
        new("ParetoNbdModel.ConditionalExpectedPurchases(batch)", 1, (k, v) => Batch(d => new ParetoNbdModel(Pareto).ConditionalExpectedPurchases(V(0, k, v, 39), [Customer], d))),
        new("ParetoNbdModel.ProbabilityOfPurchases", 1, (k, v) => new ParetoNbdModel(Pareto).ProbabilityOfPurchases(V(0, k, v, 39), 2)),
        new("ParetoNbdModel.ConditionalProbabilityOfPurchases", 1, (k, v) => new ParetoNbdModel(Pareto).ConditionalProbabilityOfPurchases(V(0, k, v, 39), 1, Customer)),
        new("GammaGammaModel.ConditionalExpectedAverageSpend", 1, (k, v) => new GammaGammaModel(Spend).ConditionalExpectedAverageSpend(3, V(0, k, v, 20))),
        new("GammaGammaModel.LogLikelihood", 1, (k, v) => new GammaGammaModel(Spend).LogLikelihood(3, V(0, k, v, 20))),
        new("CompressedSpend.From", 1, (k, v) => CompressedSpend.From([(2L, 10.0), (3L, V(0, k, v, 12))]).MonetaryValue.ToArray()),
        new("CompressedHistories.FromJson", 2, (k, v) => CompressedHistories.FromJson(
            $$"""{"version":1,"frequency":[2],"recency":[{{Json(V(0, k, v, 3))}}],"t":[{{Json(V(1, k, v, 5))}}],"counts":[1]}""").T.ToArray()),
        new("PredictionIntervalCalculator.ComputeValue", 4, (k, v) => ValueBounds(new PredictionIntervalCalculator().ComputeValue(Fits.Value.Purchases, Fits.Value.Spend, [Customer],
            [V(0, k, v, 22.35)], 12, V(1, k, v, 0.01), V(2, k, v, 4.345), V(3, k, v, 1.0)))),
        new("CustomerLifetimeValue.Simple", 4, (k, v) => CustomerLifetimeValue.Simple(V(0, k, v, 100), V(1, k, v, 0.3), V(2, k, v, 0.8), V(3, k, v, 0.1))),
        new("CustomerLifetimeValue.FiniteHorizon", 4, (k, v) => CustomerLifetimeValue.FiniteHorizon(V(0, k, v, 100), V(1, k, v, 0.3), V(2, k, v, 0.8), V(3, k, v, 0.1), 12)),
        new("CustomerLifetimeValue.Discounted", 3, (k, v) => CustomerLifetimeValue.Discounted(new BgNbdModel(BgNbd), Customer, V(0, k, v, 20), 12, V(1, k, v, 0.01), V(2, k, v, 4.345))),
        new("TransactionSummarizer", 1, (k, v) => new TransactionSummarizer<int>(new DateTime(2025, 1, 1), ClvTimeUnit.Day, V(0, k, v, 7))),
        new("TransactionSummarizer.Add", 1, (k, v) => Summaries(V(0, k, v, 15))),
    ];

    private static readonly Entry[] CountEntries =
    [
        new("PurchaseHistory(frequency)", 1, (k, n) => new PurchaseHistory((long)V(0, k, n, 2), 0, 5)),
        new("BgNbdModel.ProbabilityOfPurchases(n)", 1, (k, n) => new BgNbdModel(BgNbd).ProbabilityOfPurchases(10, (long)V(0, k, n, 2))),
        new("ParetoNbdModel.ConditionalProbabilityOfPurchases(n)", 1, (k, n) => new ParetoNbdModel(Pareto).ConditionalProbabilityOfPurchases(10, (long)V(0, k, n, 2), Customer)),
        new("BgBbModel.ExpectedPurchases", 1, (k, n) => new BgBbModel(BgBb).ExpectedPurchases((long)V(0, k, n, 2))),
        new("BgBbModel.ConditionalExpectedPurchases", 1, (k, n) => new BgBbModel(BgBb).ConditionalExpectedPurchases((long)V(0, k, n, 2), new PurchaseHistory(2, 4, 6))),
        new("BgBbModel.ProbabilityAlive", 1, (k, n) => new BgBbModel(BgBb).ProbabilityAlive(new PurchaseHistory(2, 4, 6), (long)V(0, k, n, 2))),
        new("BgBbModel.ProbabilityOfPurchases", 1, (k, n) => new BgBbModel(BgBb).ProbabilityOfPurchases(6, (long)V(0, k, n, 2))),
        new("GammaGammaModel.ConditionalExpectedAverageSpend(frequency)", 1, (k, n) => new GammaGammaModel(Spend).ConditionalExpectedAverageSpend((long)V(0, k, n, 2), 20)),
        new("GammaGammaModel.LogLikelihood(frequency)", 1, (k, n) => new GammaGammaModel(Spend).LogLikelihood((long)V(0, k, n, 2), 20)),
        new("CompressedSpend.From(frequency)", 1, (k, n) => CompressedSpend.From([(2L, 10.0), ((long)V(0, k, n, 2), 5.0)]).MonetaryValue.ToArray()),
        new("CompressedHistories.FromCounts", 1, (k, n) => CompressedHistories.FromCounts([(Customer, 3), (new PurchaseHistory(0, 0, 4), (long)V(0, k, n, 2))]).Counts.ToArray()),
        new("CompressedHistoriesBuilder.Add", 1, (k, n) => AddAndBuild(Customer, (long)V(0, k, n, 2))),
        new("CustomerLifetimeValue.Discounted(months)", 1, (k, n) => CustomerLifetimeValue.Discounted(new BgNbdModel(BgNbd), Customer, 20, (int)Math.Max(V(0, k, n, 2), int.MinValue), 0.01, 4.345)),
        new("BgNbdFitter.Fit(maxDegreeOfParallelism)", 1, (k, n) => new BgNbdFitter().Fit(CompressedHistories.From(ClvData.CdnowHistories), maxDegreeOfParallelism: (int)Math.Max(V(0, k, n, 1), int.MinValue))),
        new("BgNbdModel.ProbabilityAlive(batch, maxDegreeOfParallelism)", 1, (k, n) => Batch(d => new BgNbdModel(BgNbd).ProbabilityAlive([Customer], d, maxDegreeOfParallelism: (int)Math.Max(V(0, k, n, 1), int.MinValue)))),
    ];

    private static double[] ValueBounds(ValueIntervals values) => [.. values.Value, .. values.Lower, .. values.Upper, .. values.ExpectedSpend];

    [Property(MaxTest = 300)]
    public Property Bad_numbers_are_refused_or_give_no_nan() =>
        Prop.ForAll(Gen.Choose(0, DoubleEntries.Length - 1).ToArbitrary(), Gen.Choose(0, 3).ToArbitrary(), BadDouble.ToArbitrary(),
            (entry, slot, value) => Check(DoubleEntries[entry], slot, value));

    [Property(MaxTest = 100)]
    public Property Negative_counts_are_refused_or_give_no_nan() =>
        Prop.ForAll(Gen.Choose(0, CountEntries.Length - 1).ToArbitrary(), BadCount.ToArbitrary(),
            (entry, value) => Check(CountEntries[entry], 0, value));

    [Fact]
    public void Every_entry_accepts_its_valid_arguments()
    {
        // The property is only meaningful if the valid defaults work: slot −1 puts the bad value nowhere.
        foreach (var entry in DoubleEntries.Concat(CountEntries))
        {
            AssertNoNaN(entry.Name, entry.Call(-1, double.NaN));
        }
    }

    private static void Check(Entry entry, int slot, double value)
    {
        int k = slot % entry.Slots;
        object? result;
        try
        {
            result = entry.Call(k, value);
        }
        catch (ArgumentException e)
        {
            Assert.False(string.IsNullOrEmpty(e.ParamName), $"{entry.Name} with {value} in argument {k}: \"{e.Message}\" names no argument");
            return;
        }
        catch (Exception e)
        {
            Assert.Fail($"{entry.Name} with {value} in argument {k}: {e.GetType().Name} escaped ({e.Message}).");
            return;
        }

        AssertNoNaN($"{entry.Name} with {value} in argument {k}", result);
    }

    private static void AssertNoNaN(string what, object? result)
    {
        switch (result)
        {
            case double d:
                Assert.False(double.IsNaN(d), $"{what} returned NaN");
                break;
            case double[] values:
                Assert.DoesNotContain(values, double.IsNaN);
                break;
            case null:
                break;
            default:
                foreach (var property in result.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.PropertyType == typeof(double)))
                {
                    Assert.False(double.IsNaN((double)property.GetValue(result)!), $"{what}: {property.Name} is NaN");
                }

                break;
        }
    }

    private static double[] Batch(Action<double[]> fill)
    {
        var destination = new double[1];
        fill(destination);
        return destination;
    }

    private static string Json(double v) =>
        double.IsFinite(v) ? v.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : $"\"{v.ToString(System.Globalization.CultureInfo.InvariantCulture)}\"";

    private static long[] AddAndBuild(PurchaseHistory history, long count)
    {
        var builder = new CompressedHistoriesBuilder();
        builder.Add(history);
        builder.Add(history, count);
        return builder.Build().Counts.ToArray();
    }

    private static object Summaries(double amount)
    {
        var summarizer = new TransactionSummarizer<int>(new DateTime(2025, 3, 1));
        summarizer.Add(1, new DateTime(2025, 1, 1), 10);
        summarizer.Add(1, new DateTime(2025, 2, 1), amount);
        return summarizer.Summarize().Select(s => s.MonetaryValue).ToArray();
    }
}
