using TrustMetrics.Churn;

namespace TrustMetrics.Tests.Churn;

/// <summary>Churn input validation (every message names the row or argument and the values) and empty-input semantics.</summary>
public class ChurnBadInputTests
{
    private static readonly ChurnCalculator Calculator = new();

    [Fact]
    public void End_before_start_is_refused_by_the_span_itself_naming_both_dates()
    {
        // A span is an input users build: it validates on construction, so no tally, table or churn can see End < Start.
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new CustomerSpan(new DateOnly(2025, 3, 10), new DateOnly(2025, 3, 9)));
        Assert.Contains("The end 2025-03-09 is before the start 2025-03-10.", e.Message, StringComparison.Ordinal);
        Assert.Equal("end", e.ParamName);
        Assert.Equal(new DateOnly(2025, 3, 10), new CustomerSpan(new DateOnly(2025, 3, 10), new DateOnly(2025, 3, 10)).End); // same day: acquired and lost
    }

    [Fact]
    public void Dates_in_messages_are_iso_whatever_the_culture()
    {
        // th-TH: Buddhist calendar by default.
        var e = TestCulture.Run("th-TH", () => Assert.Throws<ArgumentOutOfRangeException>(() => new CustomerSpan(new DateOnly(2025, 3, 10), new DateOnly(2025, 3, 9))));
        Assert.Contains("2025-03-09", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_input_gives_no_periods_and_an_empty_table()
    {
        // Documented semantics: no records → no period rows and no cohort rows (not an exception, not zeros).
        var empty = ChurnTally.FromCustomers([], ChurnPeriod.Month);
        Assert.True(empty.IsEmpty);
        Assert.Null(empty.EffectiveAsOf);
        Assert.Equal(ChurnTally.Empty(ChurnPeriod.Month), empty);
        Assert.Empty(Calculator.PeriodChurn(empty));
        var table = Calculator.CohortTable(empty);
        Assert.Empty(table.Rows);
        Assert.Empty(table.Summary);
        Assert.Equal(-1, table.MaxAge);
        Assert.Null(table.AsOf);

        // With an explicit as-of date the table still has no rows, and records after the as-of date are ignored (and counted).
        var asOf = new DateOnly(2024, 12, 31);
        var later = ChurnTally.FromCustomers([new CustomerSpan(new DateOnly(2025, 1, 2), null)], ChurnPeriod.Month, asOf);
        Assert.True(later.IsEmpty);
        Assert.Equal(1, later.IgnoredAfterAsOf);
        Assert.Empty(Calculator.PeriodChurn(later));
        Assert.Equal(asOf, Calculator.CohortTable(later).AsOf);
    }

    [Fact]
    public void The_first_period_has_no_rate_because_nobody_was_there_at_its_start()
    {
        var rows = Calculator.PeriodChurn([new CustomerSpan(new DateOnly(2025, 1, 2), new DateOnly(2025, 1, 20))], ChurnPeriod.Month);
        var only = Assert.Single(rows);
        Assert.Equal((0L, 1L, 1L, 1L, 0L), (only.Counts.CustomersAtStart, only.Counts.Acquired, only.Counts.Lost, only.Counts.LostAcquiredInPeriod, only.Counts.CustomersAtEnd));
        Assert.Null(only.Rate);
        Assert.Null(only.Churn);
        Assert.Null(only.Retention);
        // The average-customers denominator (S + E)/2 is 0 too.
        Assert.Null(only.Counts.Rate(ChurnRateDefinition.AverageCustomers));
        Assert.False(only.IsComplete); // data end on 2025-01-20
    }

    [Fact]
    public void Tallies_of_different_kinds_or_as_of_dates_do_not_merge()
    {
        var month = ChurnTally.Empty(ChurnPeriod.Month);
        Assert.Throws<ArgumentException>(() => month + ChurnTally.Empty(ChurnPeriod.Week));
        var e = Assert.Throws<ArgumentException>(() => month + ChurnTally.Empty(ChurnPeriod.Month, new DateOnly(2025, 1, 31)));
        Assert.Contains("none and 2025-01-31", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => ChurnTally.Empty((ChurnPeriod)42));
        Assert.Throws<ArgumentOutOfRangeException>(() => ChurnTally.FromCustomers([], (ChurnPeriod)42));
    }

    [Fact]
    public void Inconsistent_period_counts_are_rejected()
    {
        var start = new DateOnly(2025, 1, 1);
        var end = new DateOnly(2025, 1, 31);
        Assert.Contains("lostAcquiredInPeriod = 6 exceeds acquired = 5", Assert.Throws<ArgumentOutOfRangeException>(() => ChurnPeriodCounts.Create(start, end, 10, 5, 8, 6)).Message, StringComparison.Ordinal);
        Assert.Contains("exceeds customersAtStart = 10", Assert.Throws<ArgumentOutOfRangeException>(() => ChurnPeriodCounts.Create(start, end, 10, 5, 12, 1)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => ChurnPeriodCounts.Create(start, end, -1, 0, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ChurnPeriodCounts.Create(end, start, 1, 0, 0, 0));
        // A hand-built struct bypasses Create; the calculator re-validates it.
        Assert.Throws<ArgumentOutOfRangeException>(() => Calculator.PeriodChurn(new ChurnPeriodCounts(start, end, true, 1, 0, 5, 0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => ChurnPeriodCounts.Create(start, end, 10, 0, 1, 0).Rate((ChurnRateDefinition)9));
        Assert.Throws<ArgumentOutOfRangeException>(() => Calculator.PeriodChurn(ChurnPeriodCounts.Create(start, end, 10, 0, 1, 0), confidenceLevel: 1));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Conversions_reject_rates_outside_0_1(double rate)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ChurnConversions.AnnualFromMonthly(rate));
        Assert.Contains("[0, 1]", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => ChurnConversions.MonthlyFromAnnual(rate));
        Assert.Throws<ArgumentOutOfRangeException>(() => ChurnConversions.ExpectedLifetime(rate));
        Assert.Throws<ArgumentOutOfRangeException>(() => ChurnConversions.Compound(0.1, 0));
    }

    [Fact]
    public void Revenue_inputs_are_validated()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Calculator.RevenueRetention(new RevenueMovements(0, 0, 0, 0)));
        Assert.Equal("expansion", Assert.Throws<ArgumentOutOfRangeException>(() => new RevenueMovements(10, 0, 0, -1)).ParamName);
        Assert.Equal("churned", Assert.Throws<ArgumentOutOfRangeException>(() => new RevenueMovements(10, double.NaN, 0, 0)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => new RevenueMovements(double.MaxValue, 0, 0, 0) + new RevenueMovements(double.MaxValue, 0, 0, 0));
        Assert.Contains("exceeds StartingRevenue", Assert.Throws<ArgumentOutOfRangeException>(() => Calculator.RevenueRetention(new RevenueMovements(10, 6, 5, 0))).Message, StringComparison.Ordinal);
        Assert.Contains("endRevenue[1] = NaN", Assert.Throws<ArgumentOutOfRangeException>(() => RevenueMovements.FromCustomerRevenue([1, 2], [1, double.NaN])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => RevenueMovements.FromCustomerRevenue([1, 2], [1]));
    }

    [Fact]
    public void Last_active_day_records_convert_to_the_exclusive_churn_date()
    {
        var span = CustomerSpan.FromLastActiveDay(new DateOnly(2025, 1, 1), new DateOnly(2025, 3, 31));
        Assert.Equal(new DateOnly(2025, 4, 1), span.End);
        Assert.True(span.IsActiveOn(new DateOnly(2025, 3, 31)));
        Assert.False(span.IsActiveOn(new DateOnly(2025, 4, 1)));
        Assert.Null(CustomerSpan.FromLastActiveDay(new DateOnly(2025, 1, 1), null).End);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => CustomerSpan.FromLastActiveDay(new DateOnly(2025, 1, 2), new DateOnly(2025, 1, 1)));
        Assert.Contains("2025-01-01 is before the start 2025-01-02", e.Message, StringComparison.Ordinal);
    }
}
