namespace TrustMetrics.Churn;

/// <summary>
/// Customer counts of one period [<see cref="Start"/>, <see cref="LastDay"/>] (survey-metrics.md §5.1 notation):
/// S = <see cref="CustomersAtStart"/> (active on the day before <see cref="Start"/>), N = <see cref="Acquired"/> (Start in the period),
/// L = <see cref="Lost"/> (End, the exclusive churn date, in the period), L_new = <see cref="LostAcquiredInPeriod"/> (both in the period)
/// and E = S + N − L = <see cref="CustomersAtEnd"/> (active on <see cref="LastDay"/>).
/// Build it with <see cref="Create"/> from counts aggregated elsewhere (SQL), or get it from a <see cref="ChurnTally"/>.
/// </summary>
/// <param name="Start">First day of the period.</param>
/// <param name="LastDay">Last day of the period (inclusive).</param>
/// <param name="IsComplete">False when the data end (as-of date) falls before <see cref="LastDay"/>: the counts cover only part of the period.</param>
/// <param name="CustomersAtStart">S.</param>
/// <param name="Acquired">N.</param>
/// <param name="Lost">L, including L_new.</param>
/// <param name="LostAcquiredInPeriod">L_new: customers both acquired and lost in the period.</param>
public readonly record struct ChurnPeriodCounts(
    DateOnly Start,
    DateOnly LastDay,
    bool IsComplete,
    long CustomersAtStart,
    long Acquired,
    long Lost,
    long LostAcquiredInPeriod)
{
    /// <summary>E = S + N − L: customers active on the last day of the period.</summary>
    public long CustomersAtEnd => CustomersAtStart + Acquired - Lost;

    /// <summary>L − L_new: customers of the starting base who were lost in the period.</summary>
    public long LostFromStart => Lost - LostAcquiredInPeriod;

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
}
