using TrustMetrics.Quantiles;

namespace TrustMetrics.Tests.Voc;

/// <summary>Hyndman–Fan sample quantiles against survey-metrics.md §4.2 (R 4.2.2 <c>quantile(type = t)</c>) and §4.3.</summary>
public class QuantileReferenceTests
{
    private static readonly double[] DataA = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100];
    private static readonly double[] DataB = [12, 15, 15, 20, 31, 45, 60, 90];

    public static TheoryData<double, double[]> TableA => new()
    {
        { 0.50, [6, 6, 6, 5.5, 6, 6, 6, 6, 6] },
        { 0.90, [10, 10, 10, 9.9, 46, 82, 10, 58, 55] },
        { 0.95, [100, 100, 10, 50.5, 95.5, 100, 55, 100, 100] },
        { 0.99, [100, 100, 100, 90.1, 100, 100, 91, 100, 100] },
    };

    public static TheoryData<double, double[]> TableB => new()
    {
        { 0.50, [20, 25.5, 20, 20, 25.5, 25.5, 25.5, 25.5, 25.5] },
        { 0.90, [90, 90, 60, 66, 81, 90, 69, 85, 84] },
        { 0.95, [90, 90, 90, 78, 90, 90, 79.5, 90, 90] },
        { 0.99, [90, 90, 90, 87.6, 90, 90, 87.9, 90, 90] },
    };

    [Theory]
    [MemberData(nameof(TableA))]
    public void Data_A_matches_R_for_all_nine_types_section_4_2(double p, double[] expected) => Check(DataA, p, expected);

    [Theory]
    [MemberData(nameof(TableB))]
    public void Data_B_with_a_tie_matches_R_for_all_nine_types_section_4_2(double p, double[] expected) => Check(DataB, p, expected);

    [Fact]
    public void Nearest_rank_uses_exact_arithmetic_where_R_and_numpy_jump_a_rank_section_4_3()
    {
        // 0.07·100 = 7.000000000000001 in binary; the exact nearest-rank ⌈7⌉ = 7th value = 6 (R and numpy give 7).
        var data = Enumerable.Range(0, 100).Select(i => (double)i).ToArray();
        Assert.Equal(6, SampleQuantiles.FromSorted(data, 0.07, QuantileType.Type1));
        Assert.Equal(13, SampleQuantiles.FromSorted(data, 0.14, QuantileType.Type1));
        Assert.Equal(27, SampleQuantiles.FromSorted(data, 0.28, QuantileType.Type1));
        Assert.Equal(54, SampleQuantiles.FromSorted(data, 0.55, QuantileType.Type1));
        Assert.Equal(55, SampleQuantiles.FromSorted(data, 0.56, QuantileType.Type1));
    }

    [Fact]
    public void Excel_parity_checks_section_4_1()
    {
        // Gnumeric PERCENTILE({11.4,17.3,21.3,25.9,40.1}, 0.42) = 20.02 = type 7; PERCENTILE.EXC(1..9, 0.75) = 7.5 = type 6.
        Assert.Equal(20.02, SampleQuantiles.FromSorted([11.4, 17.3, 21.3, 25.9, 40.1], 0.42), 10);
        Assert.Equal(7.5, SampleQuantiles.FromSorted([1, 2, 3, 4, 5, 6, 7, 8, 9], 0.75, QuantileType.Type6), 10);
    }

    [Fact]
    public void Unsorted_input_is_sorted_on_a_copy()
    {
        double[] data = [100, 3, 1, 10, 2, 9, 4, 8, 5, 7, 6];
        var copy = (double[])data.Clone();
        var q = SampleQuantiles.Compute(data, [0.5, 0.9, 0.95, 0.99]);
        double[] expected = [6, 10, 55, 91];
        for (int i = 0; i < q.Length; i++)
        {
            Approx.Relative(expected[i], q[i], 1e-12);
        }

        Assert.Equal(copy, data);
    }

    [Fact]
    public void Bad_input_is_named()
    {
        Assert.Throws<ArgumentException>(() => SampleQuantiles.FromSorted([], 0.5));
        var p = Assert.Throws<ArgumentOutOfRangeException>(() => SampleQuantiles.Compute([1.0, 2.0], [0.5, 1.5]));
        Assert.Contains("probabilities[1] = 1.5", p.Message);
        var nan = Assert.Throws<ArgumentOutOfRangeException>(() => SampleQuantiles.Compute([1.0, double.NaN], [0.5]));
        Assert.Contains("values[1]", nan.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleQuantiles.FromSorted([1.0], 0.5, (QuantileType)10));
    }

    private static void Check(double[] data, double p, double[] expected)
    {
        for (int type = 1; type <= 9; type++)
        {
            Approx.Relative(expected[type - 1], SampleQuantiles.FromSorted(data, p, (QuantileType)type), 1e-12, $"type {type}");
        }
    }
}
