namespace TrustMetrics.Churn;

/// <summary>
/// Customer counts of one period [<see cref="Start"/>, <see cref="LastDay"/>] (survey-metrics.md §5.1 notation):
/// S = <see cref="CustomersAtStart"/> (active on the day before <see cref="Start"/>), N = <see cref="Acquired"/> (Start in the period),
/// L = <see cref="Lost"/> (End, the exclusive churn date, in the period), L_new = <see cref="LostAcquiredInPeriod"/> (both in the period)
/// and E = S + N − L = <see cref="CustomersAtEnd"/> (active on <see cref="LastDay"/>).
/// Build it with <see cref="Create"/> from counts aggregated elsewhere (SQL), or get it from a <see cref="ChurnTally"/>; the
/// default value (all counts 0) is a valid empty period.
/// </summary>
public readonly struct ChurnPeriodCounts : IEquatable<ChurnPeriodCounts>
{
    internal ChurnPeriodCounts(DateOnly start, DateOnly lastDay, bool isComplete, long customersAtStart, long acquired, long lost, long lostAcquiredInPeriod)
    {
        Start = start;
        LastDay = lastDay;
        IsComplete = isComplete;
        CustomersAtStart = customersAtStart;
        Acquired = acquired;
        Lost = lost;
        LostAcquiredInPeriod = lostAcquiredInPeriod;
    }

    /// <summary>First day of the period.</summary>
    public DateOnly Start { get; }

    /// <summary>Last day of the period (inclusive).</summary>
    public DateOnly LastDay { get; }

    /// <summary>False when the data end (as-of date) falls before <see cref="LastDay"/>: the counts cover only part of the period.</summary>
    public bool IsComplete { get; }

    /// <summary>S: customers active on the day before <see cref="Start"/>.</summary>
    public long CustomersAtStart { get; }

    /// <summary>N: customers whose Start falls in the period.</summary>
    public long Acquired { get; }

    /// <summary>L: customers whose End (exclusive churn date) falls in the period, including L_new.</summary>
    public long Lost { get; }

    /// <summary>L_new: customers both acquired and lost in the period.</summary>
    public long LostAcquiredInPeriod { get; }

    /// <summary>E = S + N − L: customers active on the last day of the period.</summary>
    public long CustomersAtEnd => CustomersAtStart + Acquired - Lost;

    /// <summary>L − L_new: customers of the starting base who were lost in the period.</summary>
    internal long LostFromStart => Lost - LostAcquiredInPeriod;

    /// <summary>
    /// Validated counts: all ≥ 0, L_new ≤ N, L_new ≤ L and L − L_new ≤ S (only the starting base can lose starting customers).
    /// </summary>
    /// <param name="start">First day of the period.</param>
    /// <param name="lastDay">Last day of the period, not before <paramref name="start"/>.</param>
    /// <param name="customersAtStart">S ≥ 0.</param>
    /// <param name="acquired">N ≥ 0.</param>
    /// <param name="lost">L ≥ 0.</param>
    /// <param name="lostAcquiredInPeriod">L_new, 0 ≤ L_new ≤ min(N, L).</param>
    /// <param name="isComplete">Whether the counts cover the whole period.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative or the counts are inconsistent; the message names the values.</exception>
    public static ChurnPeriodCounts Create(DateOnly start, DateOnly lastDay, long customersAtStart, long acquired, long lost,
        long lostAcquiredInPeriod, bool isComplete = true)
    {
        if (lastDay < start)
        {
            throw new ArgumentOutOfRangeException(nameof(lastDay), lastDay,
                $"The period's last day {ChurnText.Date(lastDay)} is before its start {ChurnText.Date(start)}.");
        }

        Guard.NonNegative(customersAtStart);
        Guard.NonNegative(acquired);
        Guard.NonNegative(lost);
        Guard.NonNegative(lostAcquiredInPeriod);
        if (lostAcquiredInPeriod > acquired || lostAcquiredInPeriod > lost)
        {
            throw new ArgumentOutOfRangeException(nameof(lostAcquiredInPeriod), lostAcquiredInPeriod,
                $"lostAcquiredInPeriod = {lostAcquiredInPeriod} exceeds acquired = {acquired} or lost = {lost}.");
        }

        if (lost - lostAcquiredInPeriod > customersAtStart)
        {
            throw new ArgumentOutOfRangeException(nameof(lost), lost,
                $"lost − lostAcquiredInPeriod = {lost - lostAcquiredInPeriod} exceeds customersAtStart = {customersAtStart}: more starting customers lost than there were.");
        }

        return new ChurnPeriodCounts(start, lastDay, isComplete, customersAtStart, acquired, lost, lostAcquiredInPeriod);
    }

    /// <summary>
    /// The churn rate under <paramref name="definition"/>: (L − L_new)/S, L/S or L/((S + E)/2); null when its denominator is 0
    /// (never NaN).
    /// </summary>
    /// <param name="definition">Numerator and denominator convention.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="definition"/> is not a defined value.</exception>
    public double? Rate(ChurnRateDefinition definition = ChurnRateDefinition.StartBased) => definition switch
    {
        ChurnRateDefinition.StartBased => CustomersAtStart > 0 ? (double)LostFromStart / CustomersAtStart : null,
        ChurnRateDefinition.Naive => CustomersAtStart > 0 ? (double)Lost / CustomersAtStart : null,
        ChurnRateDefinition.AverageCustomers => CustomersAtStart + CustomersAtEnd > 0
            ? Lost / ((CustomersAtStart + (double)CustomersAtEnd) / 2.0)
            : null,
        _ => throw new ArgumentOutOfRangeException(nameof(definition), definition, $"definition is not a known {nameof(ChurnRateDefinition)}; got {definition}."),
    };

    /// <summary>True when both hold the same dates, completeness and counts.</summary>
    /// <param name="other">The other counts.</param>
    public bool Equals(ChurnPeriodCounts other) =>
        Start == other.Start && LastDay == other.LastDay && IsComplete == other.IsComplete && CustomersAtStart == other.CustomersAtStart
        && Acquired == other.Acquired && Lost == other.Lost && LostAcquiredInPeriod == other.LostAcquiredInPeriod;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ChurnPeriodCounts other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Start, LastDay, IsComplete, CustomersAtStart, Acquired, Lost, LostAcquiredInPeriod);

    /// <summary>"2024-01-01 to 2024-01-31: S = 1,000, N = 120, L = 50 (L_new = 5), E = 1,070" ("(partial)" when incomplete), invariant culture.</summary>
    public override string ToString() =>
        $"{ChurnText.Date(Start)} to {ChurnText.Date(LastDay)}{(IsComplete ? "" : " (partial)")}: S = {Presentation.InvariantText.Count(CustomersAtStart)}, " +
        $"N = {Presentation.InvariantText.Count(Acquired)}, L = {Presentation.InvariantText.Count(Lost)} (L_new = {Presentation.InvariantText.Count(LostAcquiredInPeriod)}), " +
        $"E = {Presentation.InvariantText.Count(CustomersAtEnd)}";
}
