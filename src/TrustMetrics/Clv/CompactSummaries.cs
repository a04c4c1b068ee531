namespace TrustMetrics.Clv;

/// <summary>
/// The lifetimes summary (frequency, recency, T, monetary value) of customers numbered 0, 1, 2… kept as a struct of arrays:
/// first and last purchase period, distinct purchase periods, the spend of the completed repeat periods and the running spend of
/// the last period — 29 bytes per customer, no per-customer object, no list of periods. Exact (the same numbers, to the bit, as
/// <see cref="TransactionSummarizer{TKey}.Summarize"/>: the same sums in the same order) while each customer's transactions
/// arrive in period order, as in files sorted by date or by customer then date; a transaction in an earlier period than the
/// customer's last marks that customer <see cref="IsOutOfOrder">out of order</see>, and the caller summarizes those customers
/// again with <see cref="TransactionSummarizer{TKey}"/> (a second pass over their rows only).
/// </summary>
/// <remarks>The observation end is needed only by <see cref="Summary"/>, so a file without a given end is read once.</remarks>
internal sealed class CompactSummaries
{
    private readonly ClvTimeUnit unit;
    private readonly int endPeriod;
    private int[] first = [];
    private int[] last = [];
    private int[] distinct = [];
    private double[] repeatSpend = [];
    private double[] lastSpend = [];
    private bool[] outOfOrder = [];
    private int capacity;

    /// <summary>An empty store.</summary>
    /// <param name="unit">Period length.</param>
    /// <param name="endPeriod">Transactions after this period are dropped; <see cref="int.MaxValue"/> keeps all.</param>
    public CompactSummaries(ClvTimeUnit unit, int endPeriod = int.MaxValue)
    {
        Guard.Defined(unit);
        this.unit = unit;
        this.endPeriod = endPeriod;
    }

        /// <summary>Customers with a transaction in an earlier period than one already added (their summary here is not exact).</summary>
    public int OutOfOrderCount { get; private set; }

    /// <summary>Whether <paramref name="customer"/> has at least one kept transaction.</summary>
    public bool Has(int customer) => customer < capacity && distinct[customer] > 0;

    /// <summary>Whether <paramref name="customer"/>'s transactions came out of period order.</summary>
    public bool IsOutOfOrder(int customer) => customer < capacity && outOfOrder[customer];

    /// <summary>Adds one transaction of customer number <paramref name="customer"/> (≥ 0).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The amount is not finite.</exception>
    public void Add(int customer, DateTime timestamp, double amount)
    {
        Guard.NonNegative(customer);
        if (!double.IsFinite(amount))
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount,
                $"Transaction of customer {customer}: amount must be a finite number; got {Guard.Format(amount)}.");
        }

        int period = TransactionSummarizer<int>.PeriodOf(timestamp, unit);
        if (period > endPeriod)
        {
            return;
        }

        if (customer >= capacity)
        {
            Grow(customer + 1);
        }

        int count = distinct[customer];
        if (count == 0)
        {
            (first[customer], last[customer], distinct[customer], lastSpend[customer]) = (period, period, 1, amount);
            return;
        }

        int lastPeriod = last[customer];
        if (period == lastPeriod)
        {
            lastSpend[customer] += amount;
        }
        else if (period > lastPeriod)
        {
            if (count > 1)
            {
                repeatSpend[customer] += lastSpend[customer];
            }

            (last[customer], distinct[customer], lastSpend[customer]) = (period, count + 1, amount);
        }
        else if (!outOfOrder[customer])
        {
            outOfOrder[customer] = true;
            OutOfOrderCount++;
        }
    }

    /// <summary>
    /// The summary of customer number <paramref name="customer"/> (who has a transaction and came in order) at the observation
    /// end's period: frequency, recency, T and mean repeat spend, as <see cref="TransactionSummarizer{TKey}"/> computes them.
    /// </summary>
    public (long Frequency, double Recency, double T, double MonetaryValue) Summary(int customer, int observationEndPeriod, double multiplier)
    {
        int count = distinct[customer];
        long frequency = count - 1;
        double repeatSum = count > 1 ? repeatSpend[customer] + lastSpend[customer] : 0.0;
        return (frequency, (last[customer] - first[customer]) / multiplier, (observationEndPeriod - first[customer]) / multiplier,
            frequency == 0 ? 0.0 : repeatSum / frequency);
    }

    private void Grow(int needed)
    {
        int size = Math.Max(needed, Math.Max(1024, capacity + (capacity / 2)));
        Array.Resize(ref first, size);
        Array.Resize(ref last, size);
        Array.Resize(ref distinct, size);
        Array.Resize(ref repeatSpend, size);
        Array.Resize(ref lastSpend, size);
        Array.Resize(ref outOfOrder, size);
        capacity = size;
    }
}
