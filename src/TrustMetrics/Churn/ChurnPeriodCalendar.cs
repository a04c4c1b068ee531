namespace TrustMetrics.Churn;

/// <summary>
/// Calendar arithmetic for <see cref="ChurnPeriod"/>: the period containing a date, its first and last day, and adding whole
/// periods to a date. Adding months clamps to the end of the month as <see cref="DateOnly.AddMonths"/> does
/// (31 January + 1 month = 28 or 29 February); a quarter is 3 months and a year 12 months, so 29 February + 1 year = 28 February.
/// </summary>
public static class ChurnPeriodCalendar
{
    /// <summary>The first day of the period of kind <paramref name="period"/> that contains <paramref name="date"/>
    /// (the Monday of its ISO week, the 1st of its month, 1 January/April/July/October, 1 January).</summary>
    /// <param name="period">The period kind.</param>
    /// <param name="date">Any day.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is not a defined value.</exception>
    public static DateOnly StartOf(this ChurnPeriod period, DateOnly date) => FromIndex(period, Index(period, date));

    /// <summary>The last day (inclusive) of the period of kind <paramref name="period"/> that contains <paramref name="date"/>.</summary>
    /// <param name="period">The period kind.</param>
    /// <param name="date">Any day.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is not a defined value.</exception>
    public static DateOnly LastDayOf(this ChurnPeriod period, DateOnly date) => LastDay(period, Index(period, date));

    /// <summary>
    /// <paramref name="date"/> plus <paramref name="count"/> whole periods: <c>count</c> days, <c>7·count</c> days, or
    /// <c>count</c>, <c>3·count</c>, <c>12·count</c> calendar months (clamped to the month's last day).
    /// </summary>
    /// <param name="period">The period kind.</param>
    /// <param name="date">The starting day.</param>
    /// <param name="count">Whole periods to add (may be negative).</param>
    /// <exception cref="ArgumentOutOfRangeException">The result is outside the <see cref="DateOnly"/> range, or the period is not defined.</exception>
    public static DateOnly AddPeriods(this ChurnPeriod period, DateOnly date, int count) => period switch
    {
        ChurnPeriod.Day => date.AddDays(count),
        ChurnPeriod.Week => date.AddDays(checked(7 * count)),
        ChurnPeriod.Month => date.AddMonths(count),
        ChurnPeriod.Quarter => date.AddMonths(checked(3 * count)),
        ChurnPeriod.Year => date.AddMonths(checked(12 * count)),
        _ => throw Undefined(period),
    };

    /// <summary>
    /// The number of whole periods from <paramref name="from"/> to <paramref name="to"/>: the largest k ≥ 0 with
    /// <c>AddPeriods(from, k) ≤ to</c>, or −1 when <paramref name="to"/> is before <paramref name="from"/>.
    /// </summary>
    /// <param name="period">The period kind.</param>
    /// <param name="from">The earlier day.</param>
    /// <param name="to">The later day.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is not a defined value.</exception>
    public static int WholePeriodsBetween(this ChurnPeriod period, DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            return -1;
        }

        int days = to.DayNumber - from.DayNumber;
        switch (period)
        {
            case ChurnPeriod.Day:
                return days;
            case ChurnPeriod.Week:
                return days / 7;
            case ChurnPeriod.Month:
            case ChurnPeriod.Quarter:
            case ChurnPeriod.Year:
                // AddMonths(k) lands in to's month when k is the calendar month difference; it passes `to` only by its day.
                int months = (to.Year - from.Year) * 12 + to.Month - from.Month;
                if (from.AddMonths(months) > to)
                {
                    months--;
                }

                return period == ChurnPeriod.Month ? months : months / (period == ChurnPeriod.Quarter ? 3 : 12);
            default:
                throw Undefined(period);
        }
    }

    /// <summary>Absolute number of the period containing <paramref name="date"/>, counted from 0001-01-01 (a Monday).</summary>
    internal static int Index(ChurnPeriod period, DateOnly date) => period switch
    {
        ChurnPeriod.Day => date.DayNumber,
        ChurnPeriod.Week => date.DayNumber / 7,
        ChurnPeriod.Month => (date.Year - 1) * 12 + date.Month - 1,
        ChurnPeriod.Quarter => (date.Year - 1) * 4 + (date.Month - 1) / 3,
        ChurnPeriod.Year => date.Year - 1,
        _ => throw Undefined(period),
    };

    /// <summary>First day of the period with absolute number <paramref name="index"/>.</summary>
    internal static DateOnly FromIndex(ChurnPeriod period, int index) => period switch
    {
        ChurnPeriod.Day => DateOnly.FromDayNumber(index),
        ChurnPeriod.Week => DateOnly.FromDayNumber(index * 7),
        ChurnPeriod.Month => new DateOnly(index / 12 + 1, index % 12 + 1, 1),
        ChurnPeriod.Quarter => new DateOnly(index / 4 + 1, index % 4 * 3 + 1, 1),
        ChurnPeriod.Year => new DateOnly(index + 1, 1, 1),
        _ => throw Undefined(period),
    };

    /// <summary>Last day of the period with absolute number <paramref name="index"/>, clamped to <see cref="DateOnly.MaxValue"/>.</summary>
    internal static DateOnly LastDay(ChurnPeriod period, int index)
    {
        var first = FromIndex(period, index);
        return period switch
        {
            ChurnPeriod.Day => first,
            ChurnPeriod.Week => DateOnly.FromDayNumber(Math.Min(first.DayNumber + 6, DateOnly.MaxValue.DayNumber)),
            ChurnPeriod.Month => new DateOnly(first.Year, first.Month, DateTime.DaysInMonth(first.Year, first.Month)),
            ChurnPeriod.Quarter => new DateOnly(first.Year, first.Month + 2, DateTime.DaysInMonth(first.Year, first.Month + 2)),
            _ => new DateOnly(first.Year, 12, 31),
        };
    }

    private static ArgumentOutOfRangeException Undefined(ChurnPeriod period) =>
        new(nameof(period), period, $"period is not a known {nameof(ChurnPeriod)}; got {period}.");
}
