namespace TrustMetrics.Churn;

/// <summary>
/// The calendar unit of churn periods and cohorts. Boundaries are calendar-correct (<see cref="ChurnPeriodCalendar"/>):
/// a month is a calendar month (28–31 days), never 30 days; weeks are ISO weeks starting on Monday; quarters start in
/// January, April, July and October; years are calendar years.
/// </summary>
public enum ChurnPeriod
{
    /// <summary>One calendar day.</summary>
    Day = 0,

    /// <summary>An ISO 8601 week, Monday to Sunday.</summary>
    Week = 1,

    /// <summary>A calendar month.</summary>
    Month = 2,

    /// <summary>A calendar quarter: January–March, April–June, July–September, October–December.</summary>
    Quarter = 3,

    /// <summary>A calendar year.</summary>
    Year = 4,
}
