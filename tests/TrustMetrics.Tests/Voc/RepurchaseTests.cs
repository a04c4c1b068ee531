using TrustMetrics.Clv;
using TrustMetrics.Repurchase;

namespace TrustMetrics.Tests.Voc;

/// <summary>Repurchase metrics on a hand-checked set of transactions (gaps 10, 30 and 60 days; type 7 percentiles by hand).</summary>
public class RepurchaseTests
{
    private static TransactionSummarizer<string> Transactions(ClvTimeUnit unit = ClvTimeUnit.Day)
    {
        var summarizer = new TransactionSummarizer<string>(new DateTime(2024, 3, 31), unit);
        summarizer.Add("c1", new DateTime(2024, 1, 1));
        summarizer.Add("c1", new DateTime(2024, 1, 11));
        summarizer.Add("c1", new DateTime(2024, 2, 10, 9, 0, 0));
        summarizer.Add("c1", new DateTime(2024, 2, 10, 17, 0, 0));
        summarizer.Add("c2", new DateTime(2024, 1, 5));
        summarizer.Add("c3", new DateTime(2024, 3, 20));
        summarizer.Add("c3", new DateTime(2024, 1, 20));
        return summarizer;
    }

    [Fact]
    public void Repeat_rate_intervals_and_frequency()
    {
        var result = new RepurchaseCalculator().Calculate(Transactions());
        Assert.Equal(3, result.Customers);
        Assert.Equal(2, result.RepeatCustomers);
        Assert.Equal(2.0 / 3, result.RepeatRate.Value, 12);
        // Wilson 2/3 = [0.2076596008, 0.9385080552] (§3.2 row (2, 1) gives the same lower bound).
        Approx.Absolute(0.2076596008, result.RepeatRate.Interval.Lower, 1e-9, "Wilson 2/3 lower");
        Approx.Absolute(0.9385080553, result.RepeatRate.Interval.Upper, 1e-9, "Wilson 2/3 upper");
        Assert.Equal(7, result.Transactions);
        Assert.Equal(7.0 / 3, result.PurchasesPerCustomer, 12);

        // Gaps: c1 10 and 30 days (two transactions on 10 Feb are one purchase day), c3 60 days (2024 is a leap year).
        var gaps = result.InterPurchaseIntervals!;
        Assert.Equal(3, gaps.Count);
        Assert.Equal(TimeSpan.FromDays(30), gaps.Percentile(0.5));
        Assert.Equal(TimeSpan.FromDays(20), gaps.Percentile(0.25));
        Assert.Equal(TimeSpan.FromDays(45), gaps.Percentile(0.75));
        Assert.Equal(TimeSpan.FromDays(54), gaps.Percentile(0.9));
        Assert.Equal(100.0 / 3, gaps.Mean.TotalDays, 6);

        Assert.Equal(
            [(new DateOnly(2024, 1, 1), 3L, 4L), (new DateOnly(2024, 2, 1), 1L, 2L), (new DateOnly(2024, 3, 1), 1L, 1L)],
            result.Periods.Select(p => (p.Start, p.Customers, p.Purchases)));
    }

    [Fact]
    public void Monthly_purchase_periods_merge_purchases_within_a_month()
    {
        var result = new RepurchaseCalculator().Calculate(Transactions(ClvTimeUnit.Month));
        Assert.Equal(2, result.RepeatCustomers); // c1: Jan and Feb; c3: Jan and Mar
        // Gaps between month starts: Jan → Feb 31 days, Jan → Mar 60 days.
        Assert.Equal(2, result.InterPurchaseIntervals!.Count);
        Assert.Equal(45.5, result.InterPurchaseIntervals.Mean.TotalDays, 9);
        Assert.Equal(45.5, result.InterPurchaseIntervals.Percentile(0.5).TotalDays, 9);
    }

    [Fact]
    public void Bad_input_is_named()
    {
        Assert.Throws<ArgumentException>(() => new RepurchaseCalculator().Calculate(new TransactionSummarizer<string>(DateTime.Today)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RepurchaseCalculator().Calculate(Transactions(ClvTimeUnit.Month), ClvTimeUnit.Day));
    }
}
