using TrustMetrics.Churn;
using TrustMetrics.Estimation;

namespace TrustMetrics.Tests.Churn;

/// <summary>
/// Period churn, conversions, revenue retention and the cohort table against survey-metrics.md §5.1–§5.4 (hand arithmetic and
/// Python 3.11; the §5.1 intervals from statsmodels 0.13.5 <c>proportion_confint</c>).
/// </summary>
public class ChurnReferenceTests
{
    private static readonly ChurnCalculator Calculator = new();
    private static readonly DateOnly January = new(2025, 1, 1);

    /// <summary>survey-metrics.md §5.1 test vector: S = 1000, N = 150, L = 60, L_new = 5, so E = 1090.</summary>
    private static readonly ChurnPeriodCounts Section51 = ChurnPeriodCounts.Create(January, new DateOnly(2025, 1, 31), 1000, 150, 60, 5);

    [Fact]
    public void Section_5_1_rates_under_each_definition()
    {
        Assert.Equal(1090, Section51.CustomersAtEnd);
        Assert.Equal(55, Section51.LostFromStart);
        // §5.1 vector: (a) 55/1000 = 0.055; (b) 60/1000 = 0.06; (c) 60/1045 = 0.05741626794.
        Approx.Absolute(0.055, Section51.Rate(ChurnRateDefinition.StartBased)!.Value, Approx.ClosedForm, "(a)");
        Approx.Absolute(0.06, Section51.Rate(ChurnRateDefinition.Naive)!.Value, Approx.ClosedForm, "(b)");
        Approx.Absolute(0.05741626794, Section51.Rate(ChurnRateDefinition.AverageCustomers)!.Value, Approx.ClosedForm, "(c)");
        var result = Calculator.PeriodChurn(Section51, ChurnRateDefinition.AverageCustomers);
        Assert.Equal(ChurnRateDefinition.AverageCustomers, result.Definition);
        Approx.Absolute(0.05741626794, result.Rate!.Value, Approx.ClosedForm, "(c) via calculator");
        // §5.1: the consistent retention 1 − (a) = 0.945, not the widely quoted (E − N)/S = 0.94.
        Approx.Absolute(0.945, result.Retention!.Value, Approx.ClosedForm, "retention");
        Approx.Absolute(0.055, result.Churn!.Value, Approx.ClosedForm, "start-based churn whatever the definition");
    }

    [Fact]
    public void Section_5_1_start_based_churn_carries_the_wilson_interval_and_the_configured_method()
    {
        // §5.1: "For 55/1000 (statsmodels 0.13.5): Wilson [0.04249742737, 0.07090838768], Clopper–Pearson [0.04169879508, 0.07099151554]".
        var wilson = Calculator.PeriodChurn(Section51);
        Assert.Equal(ChurnRateDefinition.StartBased, wilson.Definition);
        Approx.IntervalAbsolute(0.04249742737, 0.07090838768, wilson.Churn!.Interval, Approx.ClosedForm, "wilson");
        Assert.Equal("wilson", wilson.Churn!.Interval.Method);
        // Retention's interval is the mirror image: Wilson is symmetric under x ↦ n − x.
        Approx.IntervalAbsolute(1 - 0.07090838768, 1 - 0.04249742737, wilson.Retention!.Interval, Approx.ClosedForm, "retention wilson");

        var exact = new ChurnCalculator(new TrustMetricsOptions { ProportionIntervalMethod = ProportionIntervalMethod.ClopperPearson });
        Approx.IntervalAbsolute(0.04169879508, 0.07099151554, exact.PeriodChurn(Section51).Churn!.Interval, Approx.Quantile, "clopper-pearson");
    }

    [Fact]
    public void Section_5_1_vector_rebuilt_from_customer_records()
    {
        // 1000 customers acquired in December 2024; in January 2025, 55 of them churn and 150 are acquired, 5 of whom churn in January.
        var customers = new List<CustomerSpan>();
        for (int i = 0; i < 1000; i++)
        {
            DateOnly? end = i < 55 ? new DateOnly(2025, 1, 1 + i % 31) : null;
            customers.Add(new CustomerSpan(new DateOnly(2024, 12, 1 + i % 31), end));
        }

        for (int i = 0; i < 150; i++)
        {
            var start = new DateOnly(2025, 1, 1 + i % 28);
            customers.Add(new CustomerSpan(start, i < 5 ? start.AddDays(3) : null));
        }

        var rows = Calculator.PeriodChurn(customers, ChurnPeriod.Month, asOf: new DateOnly(2025, 1, 31));
        Assert.Equal(2, rows.Count);
        Assert.Equal(new DateOnly(2024, 12, 1), rows[0].Start);
        Assert.Null(rows[0].Rate);   // S = 0 in the first month: no rate, never NaN.
        Assert.Null(rows[0].Churn);
        var january = rows[1];
        Assert.Equal(ChurnPeriodCounts.Create(January, new DateOnly(2025, 1, 31), 1000, 150, 60, 5), january.Counts);
        Assert.True(january.IsComplete);
        Approx.IntervalAbsolute(0.04249742737, 0.07090838768, january.Churn!.Interval, Approx.ClosedForm, "wilson");
    }

    [Fact]
    public void ChartMogul_example_excludes_the_customer_who_joined_and_cancelled_in_the_month()
    {
        // §5.1 (a): "100 customers at the start, 11 cancellations of which 1 joined and cancelled in the same month → 10/100 = 10%".
        var counts = ChurnPeriodCounts.Create(January, new DateOnly(2025, 1, 31), 100, 1, 11, 1);
        Approx.Absolute(0.10, Calculator.PeriodChurn(counts).Rate!.Value, Approx.ClosedForm, "ChartMogul");
        Approx.Absolute(0.11, counts.Rate(ChurnRateDefinition.Naive)!.Value, Approx.ClosedForm, "naive");
    }

    [Theory]
    // survey-metrics.md §5.2 table: m, 1 − (1 − m)^12, 1/m (Python 3.11).
    [InlineData(0.01, 0.1136151283, 100)]
    [InlineData(0.02, 0.2152832763, 50)]
    [InlineData(0.03, 0.306157639, 33.33333333)]
    [InlineData(0.05, 0.4596399123, 20)]
    [InlineData(0.10, 0.7175704635, 10)]
    public void Section_5_2_monthly_to_annual_and_expected_lifetime(double monthly, double annual, double lifetime)
    {
        Approx.Absolute(annual, ChurnConversions.AnnualFromMonthly(monthly), Approx.ClosedForm, "annual");
        Approx.Relative(lifetime, ChurnConversions.ExpectedLifetime(monthly), Approx.Printed, "1/m");
        Approx.Absolute(monthly, ChurnConversions.MonthlyFromAnnual(annual), 1e-9, "round trip");
    }

    [Theory]
    // survey-metrics.md §5.2 "Inverse: a = 0.10 → m = 0.008741610955; a = 0.20 → m = 0.01842347013; a = 0.50 → m = 0.05612568732".
    [InlineData(0.10, 0.008741610955)]
    [InlineData(0.20, 0.01842347013)]
    [InlineData(0.50, 0.05612568732)]
    public void Section_5_2_annual_to_monthly(double annual, double monthly) =>
        Approx.Absolute(monthly, ChurnConversions.MonthlyFromAnnual(annual), Approx.ClosedForm, "monthly");

    [Fact]
    public void Conversions_at_the_edges_and_for_estimates()
    {
        Assert.Equal(0.0, ChurnConversions.AnnualFromMonthly(0));
        Assert.Equal(1.0, ChurnConversions.AnnualFromMonthly(1));
        Assert.Equal(double.PositiveInfinity, ChurnConversions.ExpectedLifetime(0));
        // Tiny rates keep their digits: 1 − (1 − 1e-12)^12 = 1.2e-11 − O(1e-22).
        Approx.Absolute(1.2e-11, ChurnConversions.AnnualFromMonthly(1e-12), 1e-21, "tiny");

        // An annualised estimate maps value and bounds through 1 − (1 − m)^12 (§5.2) and scales the SE by 12(1 − m)^11.
        var monthly = ProportionIntervals.Estimate(20, 1000);
        var annual = ChurnConversions.Compound(monthly, 12);
        Approx.Absolute(0.2152832763, annual.Value, Approx.ClosedForm, "value");
        Approx.Absolute(ChurnConversions.AnnualFromMonthly(monthly.Interval.Lower), annual.Interval.Lower, 1e-15, "lower");
        Approx.Absolute(ChurnConversions.AnnualFromMonthly(monthly.Interval.Upper), annual.Interval.Upper, 1e-15, "upper");
        Approx.Absolute(12 * Math.Pow(0.98, 11) * monthly.StandardError, annual.StandardError, 1e-15, "SE");
        Assert.Equal("wilson", annual.Interval.Method);
    }

    [Fact]
    public void Section_5_3_revenue_retention()
    {
        // §5.3 vector (pulserevops, re-computed): M0 = 10.0M, D = 0.6M, C = 0.9M, X = 1.8M → GRR 0.85, NRR 1.03, gross 0.15, net −0.03.
        var movements = new RevenueMovements(10_000_000, churned: 900_000, contraction: 600_000, expansion: 1_800_000);
        var r = Calculator.RevenueRetention(movements);
        Approx.Absolute(0.85, r.GrossRevenueRetention, Approx.ClosedForm, "GRR");
        Approx.Relative(1.03, r.NetRevenueRetention, Approx.ClosedForm, "NRR");
        Approx.Absolute(0.15, r.GrossRevenueChurn, Approx.ClosedForm, "gross churn");
        Approx.Absolute(-0.03, r.NetRevenueChurn, Approx.ClosedForm, "net churn");
        Assert.False(r.ReactivationIncluded);

        // Reactivation (§5.3: "Make it a flag"): ignored by default, offsets net churn and adds to NRR when included.
        var withReactivation = new RevenueMovements(10_000_000, 900_000, 600_000, 1_800_000, reactivation: 200_000);
        var excluded = Calculator.RevenueRetention(withReactivation);
        Assert.Equal((r.GrossRevenueRetention, r.NetRevenueRetention, r.GrossRevenueChurn, r.NetRevenueChurn),
            (excluded.GrossRevenueRetention, excluded.NetRevenueRetention, excluded.GrossRevenueChurn, excluded.NetRevenueChurn));
        var included = Calculator.RevenueRetention(withReactivation, includeReactivation: true);
        Approx.Relative(1.05, included.NetRevenueRetention, Approx.ClosedForm, "NRR with R");
        Approx.Absolute(-0.05, included.NetRevenueChurn, Approx.ClosedForm, "net churn with R");
        Approx.Absolute(0.85, included.GrossRevenueRetention, Approx.ClosedForm, "GRR ignores R");
    }

    [Fact]
    public void Section_5_3_vector_from_per_customer_revenue()
    {
        // The §5.3 movements spread over customers: two cancel (0.5M + 0.4M), two downgrade (−0.6M), two upgrade (+1.8M), the rest flat;
        // a new customer (start 0) is excluded.
        double[] start = [500_000, 400_000, 1_000_000, 1_000_000, 2_000_000, 1_000_000, 4_100_000, 0];
        double[] end = [0, 0, 700_000, 700_000, 3_000_000, 1_800_000, 4_100_000, 250_000];
        var movements = RevenueMovements.FromCustomerRevenue(start, end);
        Assert.Equal(new RevenueMovements(10_000_000, 900_000, 600_000, 1_800_000), movements);
        Approx.Relative(1.03, Calculator.RevenueRetention(movements).NetRevenueRetention, Approx.ClosedForm, "NRR");
        // Movements of disjoint customer sets add.
        var split = RevenueMovements.FromCustomerRevenue(start.AsSpan(0, 3), end.AsSpan(0, 3))
            + RevenueMovements.FromCustomerRevenue(start.AsSpan(3), end.AsSpan(3));
        Assert.Equal(movements, split);
    }

    /// <summary>survey-metrics.md §5.4 table: (cohort month, size, active at k = 1..4 as far as observed).</summary>
    private static readonly (int Month, int Size, int[] Active)[] Section54 =
    [
        (1, 200, [170, 150, 141, 135]),
        (2, 250, [205, 190, 180]),
        (3, 180, [160, 149]),
        (4, 300, [240]),
    ];

    /// <summary>
    /// Records that realise the §5.4 table: starts spread over days 1–28 of the cohort month; a customer who stays exactly m
    /// whole months churns on its (m + 1)-th monthly anniversary; the rest are still active on the as-of date 2025-05-31, by which
    /// January has reached age 4, February 3, March 2 and April 1 (June anniversaries have not happened).
    /// </summary>
    internal static List<CustomerSpan> Section54Customers()
    {
        var customers = new List<CustomerSpan>();
        foreach (var (month, size, active) in Section54)
        {
            int index = 0;
            long[] counts = [size, .. active.Select(a => (long)a)];
            for (int m = 0; m < counts.Length; m++)
            {
                long leaving = m + 1 < counts.Length ? counts[m] - counts[m + 1] : 0;
                long staying = m + 1 < counts.Length ? 0 : counts[m];
                for (long i = 0; i < leaving + staying; i++, index++)
                {
                    var start = new DateOnly(2025, month, 1 + index % 28);
                    customers.Add(new CustomerSpan(start, i < leaving ? start.AddMonths(m + 1) : null));
                }
            }
        }

        return customers;
    }

    [Fact]
    public void Section_5_4_cohort_table_cells_and_summaries()
    {
        var table = Calculator.CohortTable(Section54Customers(), ChurnPeriod.Month, asOf: new DateOnly(2025, 5, 31));
        Assert.Equal(4, table.Rows.Count);
        Assert.Equal(4, table.MaxAge);
        foreach (var ((month, size, active), row) in Section54.Zip(table.Rows))
        {
            Assert.Equal(new DateOnly(2025, month, 1), row.Start);
            Assert.Equal(size, row.Size);
            Assert.Equal(active.Length, row.MaxAge);
            Assert.Equal(1.0, row.Cells[0].Retention.Value);
            for (int k = 1; k <= active.Length; k++)
            {
                Assert.Equal(active[k - 1], row.Cells[k].Active);
                Approx.Absolute((double)active[k - 1] / size, row.Cells[k].Retention.Value, 1e-15, $"cell {month}/{k}");
            }

            // Cells that have not happened yet are empty, not zero.
            Assert.Null(row.Cell(active.Length + 1));
        }

        // §5.4: 2025-03 k=1 160/180 = 0.8888888889, k=2 149/180 = 0.8277777778.
        Approx.Absolute(0.8888888889, table.Rows[2].Cells[1].Retention.Value, Approx.ClosedForm, "2025-03 k=1");
        Approx.Absolute(0.8277777778, table.Rows[2].Cells[2].Retention.Value, Approx.ClosedForm, "2025-03 k=2");
        // §5.4 weighted row: 775/930, 489/630, 321/450, 135/200; unweighted mean: 0.8397222222, 0.7792592593, 0.7125, 0.675.
        double[] weighted = [0.8333333333, 0.7761904762, 0.7133333333, 0.675];
        double[] unweighted = [0.8397222222, 0.7792592593, 0.7125, 0.675];
        long[] activeSums = [775, 489, 321, 135], sizeSums = [930, 630, 450, 200];
        int[] cohorts = [4, 3, 2, 1];
        for (int k = 1; k <= 4; k++)
        {
            var summary = table.Summary[k];
            Assert.Equal((k, cohorts[k - 1], activeSums[k - 1], sizeSums[k - 1]), (summary.Age, summary.Cohorts, summary.Active, summary.CohortSize));
            Approx.Absolute(weighted[k - 1], summary.Weighted.Value, Approx.ClosedForm, $"weighted k={k}");
            Approx.Absolute(unweighted[k - 1], summary.UnweightedMean, Approx.ClosedForm, $"unweighted k={k}");
            Assert.Equal("wilson", summary.Weighted.Interval.Method);
        }

        Assert.Equal(930, table.Summary[0].CohortSize);
        Assert.Equal(1.0, table.Summary[0].UnweightedMean);
    }

    [Fact]
    public void Section_5_4_table_is_the_same_when_the_records_are_sharded_and_merged()
    {
        var customers = Section54Customers();
        var asOf = new DateOnly(2025, 5, 31);
        var whole = ChurnTally.FromCustomers(customers, ChurnPeriod.Month, asOf);
        var merged = ChurnTally.FromCustomers(customers.Where((_, i) => i % 3 == 0), ChurnPeriod.Month, asOf)
            + ChurnTally.FromCustomers(customers.Where((_, i) => i % 3 != 0).ToArray(), ChurnPeriod.Month, asOf);
        Assert.Equal(whole, merged);
        ChurnPropertyTests.AssertSameTable(Calculator.CohortTable(whole), Calculator.CohortTable(merged));
    }
}
