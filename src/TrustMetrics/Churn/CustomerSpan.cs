namespace TrustMetrics.Churn;

/// <summary>
/// One customer's (or one subscription's) active span, in whole days. <see cref="Start"/> is the first active day
/// (the acquisition date). <see cref="End"/> is the churn date, <b>exclusive</b>: the first day on which the customer is
/// no longer active, so the customer is active on every day d with <c>Start ≤ d &lt; End</c> and <c>End − 1 day</c> is the
/// last active day (a monthly plan paid through 31 March that is not renewed has End = 1 April and churns in April).
/// Null <see cref="End"/> means still active. <c>End = Start</c> is a customer acquired and lost on the same day (active on no day):
/// it counts as acquired and as lost. <c>End &lt; Start</c> is rejected by every method that reads records.
/// Data holding the last active day instead of the churn date should use <see cref="FromLastActiveDay"/>.
/// A customer who returns after churning is a new span (a new acquisition in the period and cohort of the return).
/// </summary>
/// <param name="Start">First active day (acquisition).</param>
/// <param name="End">Churn date: first day no longer active (exclusive); null while active.</param>
public readonly record struct CustomerSpan(DateOnly Start, DateOnly? End)
{
    /// <summary>A span from its first and last active days (both inclusive): End = <paramref name="lastActiveDay"/> + 1 day.</summary>
    /// <param name="start">First active day.</param>
    /// <param name="lastActiveDay">Last active day, or null while active.</param>
    /// <exception cref="ArgumentOutOfRangeException">The last active day is before the start, or is <see cref="DateOnly.MaxValue"/>.</exception>
    public static CustomerSpan FromLastActiveDay(DateOnly start, DateOnly? lastActiveDay)
    {
        if (lastActiveDay is not { } last)
        {
            return new CustomerSpan(start, null);
        }

        if (last < start)
        {
            throw new ArgumentOutOfRangeException(nameof(lastActiveDay), last,
                $"The last active day {ChurnText.Date(last)} is before the start {ChurnText.Date(start)}.");
        }

        if (last == DateOnly.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(lastActiveDay), last, "The last active day cannot be DateOnly.MaxValue; use null for a customer still active.");
        }

        return new CustomerSpan(start, last.AddDays(1));
    }

    /// <summary>True when the customer is active on <paramref name="date"/>: <c>Start ≤ date</c> and (End is null or <c>date &lt; End</c>).</summary>
    /// <param name="date">A day.</param>
    public bool IsActiveOn(DateOnly date) => Start <= date && (End is not { } end || date < end);
}
