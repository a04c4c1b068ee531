using TrustMetrics.Churn;

namespace TrustMetrics.Tests.Churn;

/// <summary>Calendar-correct period boundaries and period arithmetic (hand-checked against a calendar).</summary>
public class ChurnPeriodCalendarTests
{
    [Theory]
    // 2024-02-29 is a Thursday; its ISO week runs Monday 26 February to Sunday 3 March.
    [InlineData(ChurnPeriod.Day, "2024-02-29", "2024-02-29", "2024-02-29")]
    [InlineData(ChurnPeriod.Week, "2024-02-29", "2024-02-26", "2024-03-03")]
    [InlineData(ChurnPeriod.Week, "2024-12-30", "2024-12-30", "2025-01-05")]
    [InlineData(ChurnPeriod.Month, "2024-02-29", "2024-02-01", "2024-02-29")]
    [InlineData(ChurnPeriod.Month, "2023-02-10", "2023-02-01", "2023-02-28")]
    [InlineData(ChurnPeriod.Quarter, "2024-05-15", "2024-04-01", "2024-06-30")]
    [InlineData(ChurnPeriod.Quarter, "2024-12-31", "2024-10-01", "2024-12-31")]
    [InlineData(ChurnPeriod.Year, "2024-07-04", "2024-01-01", "2024-12-31")]
    [InlineData(ChurnPeriod.Month, "9999-12-31", "9999-12-01", "9999-12-31")]
    [InlineData(ChurnPeriod.Week, "9999-12-31", "9999-12-27", "9999-12-31")] // clamped at DateOnly.MaxValue
    public void Start_and_last_day_of_the_period_containing_a_date(ChurnPeriod period, string date, string start, string lastDay)
    {
        var d = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), period.StartOf(d));
        Assert.Equal(DateOnly.Parse(lastDay, System.Globalization.CultureInfo.InvariantCulture), period.LastDayOf(d));
        Assert.Equal(DayOfWeek.Monday, ChurnPeriod.Week.StartOf(d).DayOfWeek);
    }

    [Fact]
    public void Adding_months_clamps_to_the_month_end_and_counts_whole_periods()
    {
        var jan31 = new DateOnly(2024, 1, 31);
        Assert.Equal(new DateOnly(2024, 2, 29), ChurnPeriod.Month.AddPeriods(jan31, 1));
        Assert.Equal(new DateOnly(2024, 3, 31), ChurnPeriod.Month.AddPeriods(jan31, 2));
        Assert.Equal(new DateOnly(2025, 2, 28), ChurnPeriod.Year.AddPeriods(new DateOnly(2024, 2, 29), 1));
        Assert.Equal(new DateOnly(2024, 4, 30), ChurnPeriod.Quarter.AddPeriods(jan31, 1));
        Assert.Equal(new DateOnly(2024, 2, 14), ChurnPeriod.Week.AddPeriods(jan31, 2));

        // Whole months from 31 Jan: 29 Feb is one (the clamped anniversary), 28 Feb is none.
        Assert.Equal(1, ChurnPeriod.Month.WholePeriodsBetween(jan31, new DateOnly(2024, 2, 29)));
        Assert.Equal(0, ChurnPeriod.Month.WholePeriodsBetween(jan31, new DateOnly(2024, 2, 28)));
        Assert.Equal(2, ChurnPeriod.Month.WholePeriodsBetween(new DateOnly(2024, 1, 15), new DateOnly(2024, 3, 15)));
        Assert.Equal(1, ChurnPeriod.Month.WholePeriodsBetween(new DateOnly(2024, 1, 15), new DateOnly(2024, 3, 14)));
        Assert.Equal(1, ChurnPeriod.Quarter.WholePeriodsBetween(new DateOnly(2024, 1, 15), new DateOnly(2024, 6, 30)));
        Assert.Equal(0, ChurnPeriod.Year.WholePeriodsBetween(new DateOnly(2024, 2, 29), new DateOnly(2025, 2, 27)));
        Assert.Equal(1, ChurnPeriod.Year.WholePeriodsBetween(new DateOnly(2024, 2, 29), new DateOnly(2025, 2, 28)));
        Assert.Equal(2, ChurnPeriod.Week.WholePeriodsBetween(jan31, new DateOnly(2024, 2, 20)));
        Assert.Equal(-1, ChurnPeriod.Day.WholePeriodsBetween(jan31, new DateOnly(2024, 1, 30)));
    }

    [Fact]
    public void Months_are_calendar_months_in_period_churn()
    {
        // One customer from 2024-01-15, lost on 2024-03-01 (last active day 29 February): lost in March, not in "day 30 + …".
        var rows = new ChurnCalculator().PeriodChurn([new CustomerSpan(new DateOnly(2024, 1, 15), new DateOnly(2024, 3, 1)),
            new CustomerSpan(new DateOnly(2024, 1, 1), null)], ChurnPeriod.Month, asOf: new DateOnly(2024, 3, 31));
        Assert.Equal([1L, 0L, 1L], rows.Select(r => r.Counts.Lost + (r.Start.Month == 1 ? 1 : 0)).ToArray());
        Assert.Equal(new DateOnly(2024, 2, 29), rows[1].LastDay);
        Assert.Equal(2, rows[2].Counts.CustomersAtStart);
        Assert.Equal(0.5, rows[2].Rate);
    }

    [Fact]
    public void An_explicit_as_of_date_ignores_later_events_and_marks_the_open_period()
    {
        var customers = new[]
        {
            new CustomerSpan(new DateOnly(2025, 1, 10), new DateOnly(2025, 6, 1)),  // scheduled cancellation after the as-of date
            new CustomerSpan(new DateOnly(2025, 2, 3), new DateOnly(2025, 3, 10)),
            new CustomerSpan(new DateOnly(2025, 4, 1), null),                       // acquired after the as-of date
        };
        var tally = ChurnTally.FromCustomers(customers, ChurnPeriod.Month, new DateOnly(2025, 3, 15));
        Assert.Equal(2, tally.Customers);
        Assert.Equal(1, tally.IgnoredAfterAsOf);
        var rows = new ChurnCalculator().PeriodChurn(tally);
        Assert.Equal(3, rows.Count);
        Assert.False(rows[2].IsComplete);
        Assert.Equal((2L, 0L, 1L), (rows[2].Counts.CustomersAtStart, rows[2].Counts.Acquired, rows[2].Counts.Lost));
        Assert.Equal(new DateOnly(2025, 3, 10), tally.LatestDate);
        Assert.Equal(new DateOnly(2025, 3, 15), tally.EffectiveAsOf);
        // Without an as-of date the latest date in the records is used: the scheduled cancellation on 1 June.
        Assert.Equal(new DateOnly(2025, 6, 1), ChurnTally.FromCustomers(customers.Take(2), ChurnPeriod.Month).EffectiveAsOf);
    }
}
