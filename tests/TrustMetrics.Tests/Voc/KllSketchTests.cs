using TrustMetrics.Quantiles;

namespace TrustMetrics.Tests.Voc;

/// <summary>
/// The KLL sketch's published error bound (Karnin, Lang &amp; Liberty 2016; DataSketches' fit 2.446/k^0.9433 for all quantiles at
/// 99% confidence), checked on seeded data so the test is deterministic.
/// </summary>
public class KllSketchTests
{
    private static readonly double[] Probabilities = Enumerable.Range(1, 99).Select(i => i / 100.0).ToArray();

    /// <summary>|p − rank(returned value)| with ties counted in the value's favour: 0 when p lies in [count(&lt; v), count(≤ v)]/n.</summary>
    internal static double MaxRankError(KllSketch sketch, double[] sorted)
    {
        double worst = 0;
        foreach (double p in Probabilities)
        {
            double v = sketch.Quantile(p);
            double below = LowerBound(sorted, v), atOrBelow = UpperBound(sorted, v);
            double error = Math.Max(0, Math.Max(below / sorted.Length - p, p - atOrBelow / sorted.Length));
            worst = Math.Max(worst, error);
        }

        return worst;
    }

    public static TheoryData<ulong, string> Seeds()
    {
        var data = new TheoryData<ulong, string>();
        foreach (ulong seed in new ulong[] { 1, 2, 3, 42, 2026 })
        {
            foreach (string shape in new[] { "uniform", "lognormal", "ties" })
            {
                data.Add(seed, shape);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Rank_error_stays_within_the_published_bound_on_seeded_data(ulong seed, string shape)
    {
        var values = Data(200_000, (int)seed, shape);
        var sketch = new KllSketch(KllSketch.DefaultK, seed);
        sketch.AddRange(values);
        Array.Sort(values);
        double error = MaxRankError(sketch, values);
        Assert.True(error <= sketch.RankErrorBound, $"max rank error {error} > bound {sketch.RankErrorBound}");
        Assert.Equal(values.Length, sketch.Count);
        Assert.Equal(values[0], sketch.Min);
        Assert.Equal(values[^1], sketch.Max);
        Assert.True(sketch.RetainedCount < 3 * KllSketch.DefaultK + 100, $"retained {sketch.RetainedCount}");
    }

    [Fact]
    public void Merged_sketches_of_parts_keep_the_bound()
    {
        var values = Data(400_000, 7, "lognormal");
        var merged = new KllSketch(seed: 100);
        for (int part = 0; part < 8; part++)
        {
            var sketch = new KllSketch(seed: (ulong)part);
            sketch.AddRange(values.AsSpan(part * 50_000, 50_000));
            merged.Merge(sketch);
        }

        Array.Sort(values);
        Assert.Equal(values.Length, merged.Count);
        Assert.Equal(values[0], merged.Min);
        Assert.Equal(values[^1], merged.Max);
        Assert.True(MaxRankError(merged, values) <= merged.RankErrorBound);
    }

    [Fact]
    public void Same_seed_same_data_gives_the_same_sketch()
    {
        var values = Data(50_000, 3, "uniform");
        var a = new KllSketch(seed: 9);
        var b = new KllSketch(seed: 9);
        a.AddRange(values);
        b.AddRange(values);
        Assert.Equal(Probabilities.Select(a.Quantile), Probabilities.Select(b.Quantile));
        Assert.Equal(a.RandomState, b.RandomState);
    }

    [Fact]
    public void Below_capacity_the_sketch_is_the_exact_inverse_ecdf()
    {
        double[] data = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100];
        var sketch = new KllSketch();
        sketch.AddRange(data);
        foreach (double p in new[] { 0.0, 0.5, 0.9, 0.95, 0.99, 1.0 })
        {
            Assert.Equal(SampleQuantiles.FromSorted(data, p, QuantileType.Type1), sketch.Quantile(p));
        }

        Assert.Equal(6.0 / 11, sketch.Rank(6), 12);
        Assert.Equal(0.0, sketch.Rank(0.5));
    }

    [Fact]
    public void Bound_formula_matches_datasketches_for_k_200() => Assert.InRange(KllSketch.ErrorBound(200), 0.0165, 0.01655);

    [Fact]
    public void Bad_input_is_named()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new KllSketch(4));
        var sketch = new KllSketch();
        Assert.Throws<InvalidOperationException>(() => sketch.Quantile(0.5));
        var nan = Assert.Throws<ArgumentOutOfRangeException>(() => sketch.AddRange([1.0, double.NaN]));
        Assert.Contains("values[1]", nan.Message);
        Assert.Throws<ArgumentException>(() => sketch.Merge(new KllSketch(100)));
        Assert.Throws<ArgumentOutOfRangeException>(() => sketch.Quantile(-0.1));
    }

    internal static double[] Data(int n, int seed, string shape)
    {
        var random = new Random(seed);
        var values = new double[n];
        for (int i = 0; i < n; i++)
        {
            values[i] = shape switch
            {
                "lognormal" => Math.Exp(2 + 1.5 * Normal(random)),
                "ties" => random.Next(0, 50),
                _ => random.NextDouble(),
            };
        }

        return values;
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static int LowerBound(double[] sorted, double v)
    {
        int i = Array.BinarySearch(sorted, v);
        if (i < 0)
        {
            return ~i;
        }

        while (i > 0 && sorted[i - 1] == v)
        {
            i--;
        }

        return i;
    }

    private static int UpperBound(double[] sorted, double v)
    {
        int i = Array.BinarySearch(sorted, v);
        if (i < 0)
        {
            return ~i;
        }

        while (i < sorted.Length && sorted[i] == v)
        {
            i++;
        }

        return i;
    }
}
