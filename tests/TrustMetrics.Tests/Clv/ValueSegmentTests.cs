using TrustMetrics.Clv;
using TrustMetrics.Presentation;

namespace TrustMetrics.Tests.Clv;

/// <summary>
/// RFM scores, value tiers and segment means on CDNOW (cdnow_customers_summary_with_transactions.csv, weeks) at fixed parameters
/// (ltv-churn.md R-here CSV fits). Reference: the independent numpy/scipy/pandas script Clv/Data/value_segments_reference.py, output
/// Clv/Data/value_segments_reference.txt. Its first ten CLVs also equal ltv-churn.md §7's R-here unit-consistent values
/// (36.27850952, 4.637469683, 8.344092265, …, 283.5236785, 6.881412163, 43.35365597).
/// </summary>
public class ValueSegmentTests
{
    private static readonly BgNbdModel Purchases = new(new BgNbdParameters(0.242592863, 4.413530438, 0.7928854937, 2.425752092));
    private static readonly GammaGammaModel Spend = new(new GammaGammaParameters(6.248795206, 3.744589333, 15.44777208));

    private static readonly Lazy<ValueSegmentation> Result = new(() =>
    {
        var histories = ClvData.CdnowHistories;
        var spend = ClvData.CdnowSpend.Select(s => s.Zbar).ToArray();
        return new ValueSegmenter().Segment(histories, spend, Purchases, Spend);
    });

    [Fact]
    public void First_customers_match_numpy_and_r_here()
    {
        var c = Result.Value.Customers;
        // numpy: 544 champions, 134 at risk, 111 lost ×3, 555 champions, 234 at risk, 111 lost, 544 champions, 111 lost.
        string[] expected = ["544 (champions)", "134 (at risk)", "111 (lost)", "111 (lost)", "111 (lost)", "555 (champions)", "234 (at risk)", "111 (lost)", "544 (champions)", "111 (lost)"];
        Assert.Equal(expected, c.Take(10).Select(x => x.Rfm.ToString()));
        // R-here (ltv-churn.md §7, freq "W") and numpy: 36.278509524696915, 4.637469683269823, 8.344092264949158, 283.52367851917955, 43.353655967228114.
        Approx.Relative(36.278509524696915, c[0].Clv, 1e-9, "CLV 1");
        Approx.Relative(4.637469683269823, c[1].Clv, 1e-9, "CLV 2");
        Approx.Relative(8.344092264949158, c[2].Clv, 1e-9, "CLV 3");
        Approx.Relative(283.52367851917955, c[5].Clv, 1e-9, "CLV 6");
        Approx.Relative(43.353655967228114, c[8].Clv, 1e-9, "CLV 9");
    }

    public static TheoryData<string, long, double, double, double> Segments => new()
    {
        // numpy: name, n, mean CLV, 95 % t interval.
        { "champions", 335, 131.2128749735953, 115.73207619877368, 146.6936737484169 },
        { "loyal customers", 161, 29.42811365016112, 25.312397997566112, 33.54382930275613 },
        { "potential loyalists", 312, 25.173830941428488, 23.27083392577387, 27.076827957083104 },
        { "promising", 147, 10.84571237575966, 10.828079798825359, 10.863344952693962 },
        { "need attention", 54, 11.606970870473885, 10.154786610598853, 13.059155130348918 },
        { "about to sleep", 390, 10.261062436880067, 10.238572313890284, 10.28355255986985 },
        { "at risk", 78, 9.78019428626353, 7.880724700661563, 11.679663871865497 },
        { "can't lose them", 6, 2.3873852921541707, 0.6243500308581182, 4.150420553450223 },
        { "hibernating", 416, 9.499006798784363, 9.478825464720002, 9.519188132848724 },
        { "lost", 458, 8.75494262265791, 8.73310511912999, 8.776780126185832 },
        { "vip", 236, 171.97779736906824, 152.05665108351454, 191.89894365462195 },
        { "at-risk vip", 47, 27.772474675312875, 21.69177524985725, 33.8531741007685 },
        { "other", 2074, 14.280544209688923, 13.797705757624875, 14.76338266175297 },
    };

    [Theory]
    [MemberData(nameof(Segments))]
    public void Segment_means_and_intervals_match_numpy(string name, long n, double mean, double lower, double upper)
    {
        var s = Result.Value.Segments.Single(x => x.Segment == name);
        Assert.Equal(n, s.Customers);
        Approx.Relative(mean, s.MeanClv.Value, 1e-9, name);
        Approx.IntervalRelative(lower, upper, s.MeanClv.Interval, 1e-8, name);
    }

    [Fact]
    public void Difference_in_mean_clv_matches_welch_in_scipy()
    {
        var d = Result.Value.CompareMeanClv("champions", "at risk");
        // numpy/scipy: diff 121.43268068733175, CI [105.84015503773809, 137.0252063369254], df 343.5645172520214, p 9.827591887768565e-41.
        Approx.Relative(121.43268068733175, d.Difference, 1e-9, "difference");
        Approx.IntervalRelative(105.84015503773809, 137.0252063369254, d.Interval, 1e-8, "interval");
        Approx.Relative(343.5645172520214, d.DegreesOfFreedom!.Value, 1e-8, "df");
        Approx.Relative(9.827591887768565e-41, d.PValue, 1e-5, "p");
        Assert.Throws<ArgumentException>(() => Result.Value.CompareMeanClv("champions", "nobody"));
        Assert.DoesNotContain("new customers", Result.Value.Segments.Select(s => s.Segment));   // empty segments are left out (numpy: 0)
    }

    [Fact]
    public void Quintiles_share_ties_and_the_grid_covers_every_cell()
    {
        // 1 + ⌊5·W/n⌋ with W = values strictly below (hand computation): [1, 1, 2, 3, 4, 5, 5, 5, 5, 5] over n = 10 → W = 0,0,2,3,4,5,5,5,5,5.
        Assert.Equal([1, 1, 2, 2, 3, 3, 3, 3, 3, 3], RfmScoring.Quintiles([1, 1, 2, 3, 4, 5, 5, 5, 5, 5]));
        var names = new HashSet<string>();
        for (int r = 1; r <= 5; r++)
        {
            for (int f = 1; f <= 5; f++)
            {
                names.Add(RfmScoring.SegmentOf(r, f));
            }
        }

        Assert.Equal(RfmScoring.SegmentNames.OrderBy(x => x), names.OrderBy(x => x));
    }

    [Fact]
    public void Bad_input_is_refused_and_rendering_works()
    {
        PurchaseHistory[] h = [new(1, 2, 3)];
        Assert.Throws<ArgumentException>(() => RfmScoring.Score([], []));
        Assert.Throws<ArgumentException>(() => RfmScoring.Score(h, [1.0, 2.0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => RfmScoring.Score(h, [double.NaN]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ValueSegmentOptions(vipShare: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ValueSegmentOptions(months: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ValueSegmentOptions(monthlyDiscountRate: double.NaN));
        Assert.Throws<ArgumentNullException>(() => new ValueSegmenter().Segment(h, [1.0], null!, Spend));
        Assert.Contains("champions", ResultFormatter.ToMarkdown(Result.Value));
        Assert.StartsWith("Value segmentation of 2,357 customers: 236 vip, 47 at-risk vip", Result.Value.ToString());
    }
}
