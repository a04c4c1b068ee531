using System.Runtime.InteropServices;

namespace TrustMetrics.Clv;

/// <summary>
/// Streaming transactions → per-customer summaries, identical to lifetimes' <c>summary_data_from_transaction_data</c> and
/// <c>calibration_and_holdout_data</c> (ltv-churn.md §1). Timestamps are truncated to their <see cref="ClvTimeUnit"/> period;
/// transactions after the observation end's period are dropped; several transactions of one customer in one period count as
/// one purchase whose amount is their sum. Rows may arrive in any order; only one compact (period, amount, count) entry per
/// customer and purchase period is kept, never the transaction objects.
/// </summary>
/// <remarks>An accumulator: not thread-safe (summarizing merges the stored entries in place, which changes no result). Summaries can be taken, more transactions added and summaries taken again.</remarks>
/// <typeparam name="TKey">Customer identifier type.</typeparam>
public sealed class TransactionSummarizer<TKey>
    where TKey : notnull
{
    private readonly Dictionary<TKey, int> slots;
    private readonly List<TKey> keys = [];
    private readonly List<Periods> periods = [];
    private readonly int endPeriod;
    private long rowIndex;

    /// <summary>An empty summarizer.</summary>
    /// <param name="observationEnd">Last moment observed; truncated to its period (transactions in that period are kept).</param>
    /// <param name="unit">Period length. Default day.</param>
    /// <param name="multiplier">Periods per model time unit (lifetimes' <c>freq_multiplier</c>): 7 with days gives Fader–Hardie weeks. Default 1.</param>
    /// <param name="comparer">Customer key comparer; null uses the default.</param>
    /// <exception cref="ArgumentOutOfRangeException">The unit is unknown or the multiplier is not a finite positive number.</exception>
    public TransactionSummarizer(DateTime observationEnd, ClvTimeUnit unit = ClvTimeUnit.Day, double multiplier = 1.0, IEqualityComparer<TKey>? comparer = null)
    {
        Guard.Defined(unit);
        Guard.Positive(multiplier);
        Unit = unit;
        Multiplier = multiplier;
        ObservationEnd = observationEnd;
        endPeriod = PeriodOf(observationEnd, unit);
        slots = new Dictionary<TKey, int>(comparer);
    }

    /// <summary>The observation end as given.</summary>
    public DateTime ObservationEnd { get; }

    /// <summary>The period unit.</summary>
    public ClvTimeUnit Unit { get; }

    /// <summary>Periods per model time unit.</summary>
    public double Multiplier { get; }

    /// <summary>Number of customers with at least one kept transaction.</summary>
    public int CustomerCount => keys.Count;

    /// <summary>Number of transactions offered to <see cref="Add"/> (kept or dropped as after the observation end).</summary>
    public long TransactionCount => rowIndex;

    /// <summary>Adds one transaction.</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="timestamp">When it happened.</param>
    /// <param name="amount">Its monetary value (finite); 0 when spend is not tracked.</param>
    /// <exception cref="ArgumentOutOfRangeException">The amount is not finite; the message names the transaction's index.</exception>
    public void Add(TKey customerId, DateTime timestamp, double amount = 0.0)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        long index = rowIndex++;
        if (!double.IsFinite(amount))
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount,
                $"Transaction {index} (customer {customerId}): amount must be a finite number; got {Guard.Format(amount)}.");
        }

        int period = PeriodOf(timestamp, Unit);
        if (period > endPeriod)
        {
            return;
        }

        ref int slot = ref CollectionsMarshal.GetValueRefOrAddDefault(slots, customerId, out bool exists);
        if (!exists)
        {
            slot = keys.Count;
            keys.Add(customerId);
            periods.Add(new Periods());
        }

        periods[slot].Add(period, amount);
    }

    /// <summary>Adds a stream of transactions (one pass).</summary>
    /// <param name="transactions">(customer, timestamp, amount) rows in any order.</param>
    public void AddRange(IEnumerable<(TKey CustomerId, DateTime Timestamp, double Amount)> transactions)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        foreach (var (id, timestamp, amount) in transactions)
        {
            Add(id, timestamp, amount);
        }
    }

    /// <summary>
    /// One summary per customer, ordered by customer key when the key type is comparable (as lifetimes' groupby), otherwise
    /// in order of first appearance.
    /// </summary>
    public IReadOnlyList<CustomerSummary<TKey>> Summarize()
    {
        var result = new List<CustomerSummary<TKey>>(keys.Count);
        foreach (int slot in Order())
        {
            var merged = periods[slot].Merged();
            result.Add(Summary(keys[slot], merged, merged.Length, endPeriod));
        }

        return result;
    }

    /// <summary>
    /// Calibration summaries (transactions in periods up to the calibration end's period) with holdout outcomes (later periods up
    /// to the observation end), as lifetimes' <c>calibration_and_holdout_data</c>: customers without calibration transactions are
    /// left out.
    /// </summary>
    /// <param name="calibrationEnd">Last moment of the calibration window; its period must come before the observation end's.</param>
    /// <exception cref="ArgumentOutOfRangeException">The calibration end's period is not before the observation end's period.</exception>
    public IReadOnlyList<CalibrationHoldoutSummary<TKey>> SummarizeCalibrationHoldout(DateTime calibrationEnd)
    {
        int calibrationPeriod = PeriodOf(calibrationEnd, Unit);
        if (calibrationPeriod >= endPeriod)
        {
            throw new ArgumentOutOfRangeException(nameof(calibrationEnd), calibrationEnd,
                $"The calibration end ({calibrationEnd:O}) must fall in a period before the observation end ({ObservationEnd:O}): the holdout window is empty.");
        }

        double duration = (endPeriod - calibrationPeriod) / Multiplier;
        var result = new List<CalibrationHoldoutSummary<TKey>>(keys.Count);
        foreach (int slot in Order())
        {
            var merged = periods[slot].Merged();
            int calibrationCount = 0;
            while (calibrationCount < merged.Length && merged[calibrationCount].Period <= calibrationPeriod)
            {
                calibrationCount++;
            }

            if (calibrationCount == 0)
            {
                continue;
            }

            double holdoutAmount = 0;
            long holdoutTransactions = 0;
            for (int i = calibrationCount; i < merged.Length; i++)
            {
                holdoutAmount += merged[i].Amount;
                holdoutTransactions += merged[i].Transactions;
            }

            var calibration = Summary(keys[slot], merged, calibrationCount, calibrationPeriod);
            result.Add(new CalibrationHoldoutSummary<TKey>(calibration, merged.Length - calibrationCount,
                holdoutTransactions == 0 ? 0.0 : holdoutAmount / holdoutTransactions, duration));
        }

        return result;
    }

    /// <summary>
    /// Each customer's purchase periods (ascending, one per distinct period) with the number of transactions in each, in the order
    /// of <see cref="Summarize"/>: the raw material of the repurchase metrics (Repurchase.RepurchaseCalculator).
    /// </summary>
    internal IEnumerable<(TKey Customer, int[] Periods, long[] Transactions)> PurchasePeriods()
    {
        foreach (int slot in Order())
        {
            var merged = periods[slot].Merged();
            var when = new int[merged.Length];
            var count = new long[merged.Length];
            for (int i = 0; i < merged.Length; i++)
            {
                when[i] = merged[i].Period;
                count[i] = merged[i].Transactions;
            }

            yield return (keys[slot], when, count);
        }
    }

    /// <summary>The first day of period <paramref name="period"/> (inverse of <see cref="PeriodOf"/>).</summary>
    internal static DateOnly StartOf(int period, ClvTimeUnit unit) => unit switch
    {
        ClvTimeUnit.Day => DateOnly.FromDayNumber(period),
        ClvTimeUnit.Week => DateOnly.FromDayNumber(period * 7),
        _ => new DateOnly(period / 12, period % 12 + 1, 1),
    };

    /// <summary>Index of the period containing <paramref name="timestamp"/>: days since 0001-01-01 (a Monday), weeks since then, or months.</summary>
    internal static int PeriodOf(DateTime timestamp, ClvTimeUnit unit) => unit switch
    {
        ClvTimeUnit.Day => DateOnly.FromDateTime(timestamp).DayNumber,
        ClvTimeUnit.Week => DateOnly.FromDateTime(timestamp).DayNumber / 7,
        _ => (timestamp.Year * 12) + timestamp.Month - 1,
    };

    private CustomerSummary<TKey> Summary(TKey key, ReadOnlySpan<Entry> merged, int count, int end)
    {
        int first = merged[0].Period, last = merged[count - 1].Period;
        double repeatSum = 0;
        for (int i = 1; i < count; i++)
        {
            repeatSum += merged[i].Amount;
        }

        long frequency = count - 1;
        return new CustomerSummary<TKey>(key, frequency, (last - first) / Multiplier, (end - first) / Multiplier,
            frequency == 0 ? 0.0 : repeatSum / frequency);
    }

    private IEnumerable<int> Order()
    {
        var order = Enumerable.Range(0, keys.Count).ToArray();
        if (typeof(IComparable<TKey>).IsAssignableFrom(typeof(TKey)) || typeof(IComparable).IsAssignableFrom(typeof(TKey)))
        {
            var sortKeys = keys.ToArray();
            Array.Sort(sortKeys, order, Comparer<TKey>.Default);
        }

        return order;
    }

    private static readonly Comparer<Entry> ByPeriod = Comparer<Entry>.Create(static (x, y) => x.Period.CompareTo(y.Period));

    private readonly record struct Entry(int Period, double Amount, long Transactions);

    /// <summary>A customer's (period, amount, transactions) entries, merged by period when the buffer fills.</summary>
    private sealed class Periods
    {
        private Entry[] entries = new Entry[2];
        private int count;
        private int mergedUpTo;

        public void Add(int period, double amount)
        {
            if (count > 0 && entries[count - 1].Period == period)
            {
                var e = entries[count - 1];
                entries[count - 1] = new Entry(period, e.Amount + amount, e.Transactions + 1);
                return;
            }

            if (count == entries.Length)
            {
                Compact();
                if (count > entries.Length / 2)
                {
                    Array.Resize(ref entries, entries.Length * 2);
                }
            }

            entries[count++] = new Entry(period, amount, 1);
        }

        /// <summary>The entries merged by period and sorted, in place (merging is idempotent, so this changes nothing observable).</summary>
        public ReadOnlySpan<Entry> Merged()
        {
            Compact();
            return entries.AsSpan(0, count);
        }

        private void Compact()
        {
            if (mergedUpTo == count)
            {
                return;
            }

            Merge(entries, count, out count);
            mergedUpTo = count;
        }

        private static void Merge(Entry[] buffer, int length, out int mergedLength)
        {
            if (length > 1)
            {
                Array.Sort(buffer, 0, length, ByPeriod);
            }

            int w = 0;
            for (int i = 0; i < length; i++)
            {
                if (w > 0 && buffer[w - 1].Period == buffer[i].Period)
                {
                    var e = buffer[w - 1];
                    buffer[w - 1] = new Entry(e.Period, e.Amount + buffer[i].Amount, e.Transactions + buffer[i].Transactions);
                }
                else
                {
                    buffer[w++] = buffer[i];
                }
            }

            mergedLength = w;
        }
    }
}
