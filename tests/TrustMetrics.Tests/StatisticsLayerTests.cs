using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using TrustMetrics.Estimation;
using TrustMetrics.Quantiles;
using TrustMetrics.Statistics;

namespace TrustMetrics.Tests;

/// <summary>
/// The statistics layer and the public Estimation/Quantiles surface: Holm against R <c>p.adjust(p, "holm")</c>
/// (Data/holm-reference.R → Data/holm-reference.txt, R 4.2.2), validation of intervals and estimates, no silent NaN and no MathNet
/// exception from the mean intervals, the KLL sketch as an accumulator, and the bad-input property of both namespaces.
/// </summary>
public class StatisticsLayerTests
{
    [Fact]
    public void Holm_matches_R_p_adjust()
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Data", "holm-reference.txt"));
        int cases = 0;
        for (int i = 0; i + 1 < lines.Length; i += 2)
        {
            if (!lines[i].StartsWith("p =", StringComparison.Ordinal))
            {
                break;
            }

            double[] p = Numbers(lines[i]), expected = Numbers(lines[i + 1]);
            double[] actual = MultipleComparisons.HolmAdjust(p);
            for (int k = 0; k < p.Length; k++)
            {
                Approx.Relative(expected[k], actual[k], 1e-15, $"case {cases}, p[{k}] (R p.adjust holm)");
            }

            cases++;
        }

        Assert.Equal(5, cases);

        static double[] Numbers(string line) =>
            line[(line.IndexOf('=') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(t => double.Parse(t, CultureInfo.InvariantCulture)).ToArray();
    }

    [Fact]
    public void Interval_refuses_what_is_not_an_interval()
    {
        Assert.Throws<ArgumentNullException>(() => new ConfidenceInterval(1, 5, 0.95, null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConfidenceInterval(5, 1, 0.95, "wilson"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConfidenceInterval(double.NaN, 1, 0.95, "wilson"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConfidenceInterval(double.PositiveInfinity, double.PositiveInfinity, 0.95, "t"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConfidenceInterval(0, 1, 1.0, "wilson"));
        Assert.Throws<ArgumentException>(() => new ConfidenceInterval(0, 1, 0.95, " "));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConfidenceInterval(0, 1, 0.95, "wilson").Scale(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Estimate(double.NaN, 1, new ConfidenceInterval(0, 1, 0.95, "wilson")));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Estimate(0.5, -1, new ConfidenceInterval(0, 1, 0.95, "wilson")));
        Assert.Throws<ArgumentNullException>(() => new Estimate(0.5, 1, null!));

        // Documented infinities: an unbounded t interval of one value, its unknown standard error.
        var single = MeanIntervals.StudentT(1, 3.0, 0.0, 0.95);
        Assert.Equal((double.NegativeInfinity, double.PositiveInfinity, double.PositiveInfinity),
            (single.Interval.Lower, single.Interval.Upper, single.StandardError));
        Assert.Equal(new ConfidenceInterval(0.1, 0.2, 0.9, "wilson"), new ConfidenceInterval(0.1, 0.2, 0.9, "wilson"));
    }

    [Fact]
    public void Mean_intervals_refuse_NaN_and_never_leak_a_MathNet_exception()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MeanIntervals.StudentT(10, double.NaN, 1, 0.95));
        Assert.Throws<ArgumentOutOfRangeException>(() => MeanIntervals.StudentT(10, 1, double.NaN, 0.95));
        Assert.Throws<ArgumentOutOfRangeException>(() => MeanIntervals.StudentT(10, 1, -1, 0.95));
        Assert.Throws<ArgumentOutOfRangeException>(() => MeanIntervals.Welch(5, 1, double.PositiveInfinity, 5, 2, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => MeanIntervals.Welch(5, double.NaN, 1, 5, 2, 1));

        // n = 2 (1 degree of freedom) at 0.99995: MathNet's StudentT.InvCDF threw NonConvergenceException (issue 12). Closed form:
        // t_{1, 1−q} = 1/tan(πq) with q = 2.5e-5.
        var estimate = MeanIntervals.StudentT(2, 0.0, 2.0, 0.99995);
        Approx.Relative(1.0 / Math.Tan(Math.PI * 2.5e-5), estimate.Interval.Upper / estimate.StandardError, 1e-12, "t_{1} Cauchy closed form");
        var welch = MeanIntervals.Welch(2, 0.0, 1e-300, 2, 1.0, 1e300, 0.999999);
        Assert.True(double.IsFinite(welch.PValue) && welch.DegreesOfFreedom >= 1, welch.ToString());
    }

    [Fact]
    public void Kll_sketch_is_an_accumulator()
    {
        var a = new KllSketch(16, 7);
        var b = new KllSketch(16, 7);
        for (int i = 0; i < 500; i++)
        {
            a.Add(i);
            b.Add(1000 - i);
        }

        string json = a.ToJson();
        var back = KllSketch.FromJson(json);
        Assert.Equal(json, back.ToJson());
        Assert.Equal(a.Quantile(0.3), back.Quantile(0.3));
        Assert.Same(a, a.Merge(b));
        Assert.Equal(1000, a.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => KllSketch.ErrorBound(-1));
        Assert.Throws<ArgumentException>(() => KllSketch.FromJson("{\"version\":99}"));
        Assert.Throws<ArgumentOutOfRangeException>(() => a.Rank(double.NaN));
    }

    [Fact]
    public void Descriptive_and_sample_quantiles_match_closed_forms()
    {
        // 1..10: mean 5.5, s² = n(n+1)/12 = 110/12 (closed form), R quantile(1:10, 0.3) = 3.7 (type 7).
        double[] x = Enumerable.Range(1, 10).Select(i => (double)i).ToArray();
        Approx.Relative(5.5, Descriptive.Mean(x), 1e-15, "mean");
        Approx.Relative(110.0 / 12.0, Descriptive.Variance(x), 1e-15, "variance");
        Approx.Relative(110.0 / 12.0, Descriptive.Covariance(x, x), 1e-15, "covariance");
        Approx.Relative(3.7, SampleQuantile.Type7(x, 0.3), 1e-15, "type 7");
        Approx.Relative(1e-20, PreciseMath.Log1p(1e-20), 1e-15, "log1p tiny");
        Approx.Relative(Math.Log(1.5), PreciseMath.Log1p(0.5), 1e-15, "log1p");
    }

    public enum Bad { NaN, PositiveInfinity, NegativeInfinity, Negative }

    private static double Value(Bad bad, double magnitude) => bad switch
    {
        Bad.NaN => double.NaN,
        Bad.PositiveInfinity => double.PositiveInfinity,
        Bad.NegativeInfinity => double.NegativeInfinity,
        _ => -magnitude,
    };

    /// <summary>
    /// Every public entry of Estimation and Quantiles fed one NaN, ±∞ or negative argument: an ArgumentException or a result
    /// free of NaN.
    /// </summary>
    [Property(MaxTest = 300)]
    public Property Bad_numbers_into_the_public_entries_are_refused_or_give_no_NaN() =>
        Prop.ForAll(Gen.Elements(Enum.GetValues<Bad>()).ToArbitrary(), Gen.Choose(0, 9).ToArbitrary(), Gen.Choose(1, 1000).ToArbitrary(),
            (bad, entry, size) =>
            {
                double v = Value(bad, size);
                long n = bad == Bad.Negative ? -size : size;
                Func<IEnumerable<double>> call = entry switch
                {
                    0 => () => Numbers(MeanIntervals.StudentT(n, 1.0, 1.0, 0.95)).Concat(Numbers(MeanIntervals.StudentT(10, v, 1.0, 0.95))),
                    1 => () => Numbers(MeanIntervals.StudentT(10, 1.0, v, 0.95)).Concat(Numbers(MeanIntervals.StudentT(10, 1.0, 1.0, v))),
                    2 => () => Numbers(MeanIntervals.Welch(n, 1, 1, 5, 2, 1)).Concat(Numbers(MeanIntervals.Welch(5, v, 1, 5, 2, 1))),
                    3 => () => Numbers(MeanIntervals.Welch(5, 1, v, 5, 2, 1)).Concat(Numbers(MeanIntervals.Welch(5, 1, 1, 5, 2, 1, v))),
                    4 => () => Numbers(ProportionIntervals.Estimate(n, 10)).Concat(Numbers(ProportionIntervals.Estimate(1, 10, v, ProportionIntervalMethod.Jeffreys))),
                    5 => () => Numbers(ProportionComparison.Compare(n, 10, 3, 10)).Concat(Numbers(ProportionComparison.Compare(1, 10, 3, 10, v))),
                    6 => () => MultipleComparisons.HolmAdjust([0.01, v, 0.5]),
                    7 => () => SampleQuantiles.Compute([1.0, v, 3.0], [0.5]).Concat(SampleQuantiles.Compute([1.0, 2.0], [v])),
                    8 => () => [KllSketch.ErrorBound((int)n), new KllSketch().Quantile(v)],
                    _ => () => Numbers(new Estimate(v, 1, new ConfidenceInterval(v, 1, 0.95, "x"))),
                };
                try
                {
                    return call().All(x => !double.IsNaN(x)).Label($"{bad} into entry {entry}");
                }
                catch (ArgumentException)
                {
                    return true.ToProperty();
                }
                catch (InvalidOperationException) when (entry == 8)
                {
                    // A quantile of an empty sketch is undefined (documented).
                    return true.ToProperty();
                }
            });

    private static IEnumerable<double> Numbers(Estimate e) => [e.Value, e.StandardError, e.Interval.Lower, e.Interval.Upper];

    private static IEnumerable<double> Numbers(ConfidenceInterval i) => [i.Lower, i.Upper, i.Level];

    private static IEnumerable<double> Numbers(DifferenceTest t) =>
        [t.Difference, t.StandardError, t.Statistic, t.PValue, t.DegreesOfFreedom ?? 0, .. Numbers(t.Interval)];
}

/// <summary>Field-by-field equality of two comparisons (results have no value equality; identical computations give equal fields).</summary>
internal static class SameDifference
{
    public static void Assert(Estimation.DifferenceTest expected, Estimation.DifferenceTest actual)
    {
        Xunit.Assert.Equal(
            (expected.Difference, expected.StandardError, expected.Statistic, expected.DegreesOfFreedom, expected.PValue, expected.Test),
            (actual.Difference, actual.StandardError, actual.Statistic, actual.DegreesOfFreedom, actual.PValue, actual.Test));
        Xunit.Assert.Equal(expected.Interval, actual.Interval);
    }
}
