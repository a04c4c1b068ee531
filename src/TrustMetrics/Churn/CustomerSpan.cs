namespace TrustMetrics.Churn;

/// <summary>
/// One customer's (or one subscription's) active span, in whole days. <see cref="Start"/> is the first active day
/// (the acquisition date). <see cref="End"/> is the churn date, <b>exclusive</b>: the first day on which the customer is
/// no longer active, so the customer is active on every day d with <c>Start ≤ d &lt; End</c> and <c>End − 1 day</c> is the
/// last active day (a monthly plan paid through 31 March that is not renewed has End = 1 April and churns in April).
/// Null <see cref="End"/> means still active. <c>End = Start</c> is a customer acquired and lost on the same day (active on no day):
/// it counts as acquired and as lost. <c>End &lt; Start</c> is refused by the constructor.
/// Data holding the last active day instead of the churn date should use <see cref="FromLastActiveDay"/>.
/// A customer who returns after churning is a new span (a new acquisition in the period and cohort of the return).
/// The default value (0001-01-01, still active) is valid.
/// </summary>
public readonly struct CustomerSpan : IEquatable<CustomerSpan>
{
    /// <summary>A span from its first active day and its exclusive churn date.</summary>
    /// <param name="start">First active day (acquisition).</param>
    /// <param name="end">Churn date: first day no longer active (exclusive), not before <paramref name="start"/>; null while active.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="end"/> is before <paramref name="start"/>; the message names both dates.</exception>
    public CustomerSpan(DateOnly start, DateOnly? end)
    {
        if (end is { } e && e < start)
        {
            throw new ArgumentOutOfRangeException(nameof(end), e, $"The end {ChurnText.Date(e)} is before the start {ChurnText.Date(start)}.");
        }

        Start = start;
        End = end;
    }

    /// <summary>First active day (acquisition).</summary>
    public DateOnly Start { get; }

    /// <summary>Churn date: first day no longer active (exclusive); null while active.</summary>
    public DateOnly? End { get; }

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

    /// <summary>True when both spans have the same start and end.</summary>
    /// <param name="other">The other span.</param>
    public bool Equals(CustomerSpan other) => Start == other.Start && End == other.End;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is CustomerSpan other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Start, End);

    /// <summary>"2024-01-15 to 2024-06-01" or "2024-01-15, active" (invariant culture).</summary>
    public override string ToString() => End is { } end ? $"{ChurnText.Date(Start)} to {ChurnText.Date(end)}" : $"{ChurnText.Date(Start)}, active";
}
