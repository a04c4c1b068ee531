namespace TrustMetrics.Service;

/// <summary>
/// One complaint or support ticket. A null <see cref="FirstResponse"/> or <see cref="Resolved"/> means "not yet"; times are
/// compared as given (use one time zone, preferably UTC, throughout).
/// </summary>
/// <param name="Opened">When the ticket was opened.</param>
/// <param name="FirstResponse">First agent response, or null while unanswered; not before <paramref name="Opened"/>.</param>
/// <param name="Resolved">Resolution, or null while open; not before <paramref name="Opened"/>.</param>
/// <param name="ResolvedOnFirstContact">Whether it was resolved in the first contact; null when not recorded (left out of the first-contact rate).</param>
public readonly record struct SupportTicket(DateTime Opened, DateTime? FirstResponse = null, DateTime? Resolved = null, bool? ResolvedOnFirstContact = null);
