namespace TrustMetrics.Service;

/// <summary>
/// One complaint or support ticket. A null <see cref="FirstResponse"/> or <see cref="Resolved"/> means "not yet"; times are
/// compared as given (use one time zone, preferably UTC, throughout). The constructor checks the order of the times, so every
/// ticket a calculator sees is consistent; <c>default</c> is a ticket opened at <see cref="DateTime.MinValue"/>, still open.
/// </summary>
public readonly struct SupportTicket
{
    /// <summary>A ticket, checked: first response and resolution not before the opening, first-contact resolution only when resolved.</summary>
    /// <param name="opened">When the ticket was opened.</param>
    /// <param name="firstResponse">First agent response, or null while unanswered; not before <paramref name="opened"/>.</param>
    /// <param name="resolved">Resolution, or null while open; not before <paramref name="opened"/>.</param>
    /// <param name="resolvedOnFirstContact">Whether it was resolved in the first contact; null when not recorded (left out of the first-contact rate).</param>
    /// <exception cref="ArgumentOutOfRangeException">A time is before <paramref name="opened"/>, or the ticket is marked resolved on first contact without a resolution time.</exception>
    public SupportTicket(DateTime opened, DateTime? firstResponse = null, DateTime? resolved = null, bool? resolvedOnFirstContact = null)
    {
        if (firstResponse is DateTime answered && answered < opened)
        {
            throw new ArgumentOutOfRangeException(nameof(firstResponse), answered, $"The first response {answered:O} is before the opening {opened:O}.");
        }

        if (resolved is DateTime done && done < opened)
        {
            throw new ArgumentOutOfRangeException(nameof(resolved), done, $"The resolution {done:O} is before the opening {opened:O}.");
        }

        if (resolvedOnFirstContact == true && resolved is null)
        {
            throw new ArgumentOutOfRangeException(nameof(resolvedOnFirstContact), true, "The ticket is marked resolved on first contact but has no resolution time.");
        }

        Opened = opened;
        FirstResponse = firstResponse;
        Resolved = resolved;
        ResolvedOnFirstContact = resolvedOnFirstContact;
    }

    /// <summary>When the ticket was opened.</summary>
    public DateTime Opened { get; }

    /// <summary>First agent response, or null while unanswered.</summary>
    public DateTime? FirstResponse { get; }

    /// <summary>Resolution, or null while open.</summary>
    public DateTime? Resolved { get; }

    /// <summary>Whether it was resolved in the first contact; null when not recorded.</summary>
    public bool? ResolvedOnFirstContact { get; }
}
