using System.Numerics;
using TrustMetrics.Serialization;

namespace TrustMetrics.Churn;

/// <summary>
/// The sufficient statistic of period churn and cohort retention for one <see cref="ChurnPeriod"/>, built from
/// <see cref="CustomerSpan"/> records in one pass: per period, the customers acquired (Start in the period), lost (End in the
/// period) and lost among those acquired in it; per acquisition cohort, how many whole periods each lost customer stayed.
/// Every record adds to counts of its own, so tallies of any partition of the records (shards split by customer, files, days)
/// added with <c>+</c> (or <see cref="Merge"/>) equal the tally of all records, whatever the order: counts add, the latest date is a
/// maximum. A tally travels as versioned JSON (<see cref="ToJson"/>, <see cref="FromJson"/>); counts aggregated in your own engine
/// (<c>GROUP BY start, end</c>) come in through <see cref="FromCounts"/>.
/// <para>
/// The data are read as known on the as-of date: a Start after it is ignored (counted in <see cref="IgnoredAfterAsOf"/>) and an End
/// after it is treated as still active (scheduled cancellations). Without an explicit as-of date the latest Start or End in the
/// records is used (<see cref="EffectiveAsOf"/>). Immutable and thread-safe.
/// </para>
/// </summary>
public sealed class ChurnTally : IAccumulator<ChurnTally>, IAdditionOperators<ChurnTally, ChurnTally, ChurnTally>, IEquatable<ChurnTally>
{
    private readonly SortedDictionary<int, Bucket> buckets;

    private ChurnTally(ChurnPeriod period, DateOnly? asOf, DateOnly? latestDate, long customers, long ignored, SortedDictionary<int, Bucket> buckets)
    {
        Period = period;
        AsOf = asOf;
        LatestDate = latestDate;
        Customers = customers;
        IgnoredAfterAsOf = ignored;
        this.buckets = buckets;
    }

    /// <summary>The period kind the records are counted in.</summary>
    public ChurnPeriod Period { get; }

    /// <summary>The explicit as-of date (last day of data), or null to use <see cref="LatestDate"/>.</summary>
    public DateOnly? AsOf { get; }

    /// <summary>The latest Start or End counted (a maximum over the records); null when nothing was counted.</summary>
    public DateOnly? LatestDate { get; }

    /// <summary><see cref="AsOf"/> when given, otherwise <see cref="LatestDate"/>; null for an empty tally without an as-of date.</summary>
    public DateOnly? EffectiveAsOf => AsOf ?? LatestDate;

    /// <summary>Records counted (acquired on or before the as-of date).</summary>
    public long Customers { get; }

    /// <summary>Records skipped because they start after the explicit as-of date.</summary>
    public long IgnoredAfterAsOf { get; }

    /// <summary>True when no record was counted: no periods and no cohorts.</summary>
    public bool IsEmpty => Customers == 0;

    /// <summary>An empty tally (the identity of <c>+</c> for tallies of the same period and as-of date).</summary>
    /// <param name="period">The period kind.</param>
    /// <param name="asOf">Explicit as-of date, or null.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is not a defined value.</exception>
    public static ChurnTally Empty(ChurnPeriod period, DateOnly? asOf = null)
    {
        Guard.Defined(period);
        return new ChurnTally(period, asOf, null, 0, 0, []);
    }

    /// <summary>Counts customer records in one pass without buffering them.</summary>
    /// <param name="customers">One span per customer (or subscription).</param>
    /// <param name="period">The period kind.</param>
    /// <param name="asOf">Last day of data; null uses the latest Start or End in the records.</param>
    /// <exception cref="ArgumentNullException"><paramref name="customers"/> is null.</exception>
    /// <exception cref="ArgumentException">A record ends before it starts; the message names its row index and both dates.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is not a defined value.</exception>
    public static ChurnTally FromCustomers(IEnumerable<CustomerSpan> customers, ChurnPeriod period, DateOnly? asOf = null)
    {
        ArgumentNullException.ThrowIfNull(customers);
        if (customers is CustomerSpan[] array)
        {
            return FromCustomers(new ReadOnlySpan<CustomerSpan>(array), period, asOf);
        }

        var builder = new Builder(period, asOf);
        long index = 0;
        foreach (var customer in customers)
        {
            builder.Add(customer, nameof(customers), index++);
        }

        return builder.Build();
    }

    /// <summary>Counts customer records held in memory.</summary>
    /// <param name="customers">One span per customer (or subscription).</param>
    /// <param name="period">The period kind.</param>
    /// <param name="asOf">Last day of data; null uses the latest Start or End in the records.</param>
    /// <exception cref="ArgumentException">A record ends before it starts; the message names its row index and both dates.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is not a defined value.</exception>
    public static ChurnTally FromCustomers(ReadOnlySpan<CustomerSpan> customers, ChurnPeriod period, DateOnly? asOf = null)
    {
        var builder = new Builder(period, asOf);
        for (int i = 0; i < customers.Length; i++)
        {
            builder.Add(customers[i], nameof(customers), i);
        }

        return builder.Build();
    }

    /// <summary>
    /// Counts customer records aggregated elsewhere, for example by SQL (<c>SELECT start, end, COUNT(*) … GROUP BY start, end</c>):
    /// <paramref name="customers"/>[i] stands for <paramref name="counts"/>[i] customers with that span. The tally equals
    /// <see cref="FromCustomers(ReadOnlySpan{CustomerSpan}, ChurnPeriod, DateOnly?)"/> of the records repeated; rows with a count of 0 add nothing.
    /// </summary>
    /// <param name="customers">Distinct (or repeated) spans.</param>
    /// <param name="counts">How many customers have each span, ≥ 0; one per span.</param>
    /// <param name="period">The period kind.</param>
    /// <param name="asOf">Last day of data; null uses the latest Start or End in the records.</param>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative (the message names its index and value), or <paramref name="period"/> is not a defined value.</exception>
    public static ChurnTally FromCounts(ReadOnlySpan<CustomerSpan> customers, ReadOnlySpan<long> counts, ChurnPeriod period, DateOnly? asOf = null)
    {
        if (customers.Length != counts.Length)
        {
            throw new ArgumentException(
                $"customers has {customers.Length} spans but counts has {counts.Length}: give one count per span.", nameof(counts));
        }

        var builder = new Builder(period, asOf);
        for (int i = 0; i < customers.Length; i++)
        {
            if (counts[i] < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(counts), counts[i], $"counts[{i}] = {counts[i]} is negative: counts are ≥ 0.");
            }

            if (counts[i] > 0)
            {
                builder.Add(customers[i], nameof(customers), i, counts[i]);
            }
        }

        return builder.Build();
    }

    /// <summary>
    /// Merges two tallies of the same period kind and explicit as-of date: counts add, the latest date is the later one.
    /// Associative and commutative, with <see cref="Empty"/> as identity.
    /// </summary>
    /// <param name="left">A tally.</param>
    /// <param name="right">A tally with the same <see cref="Period"/> and <see cref="AsOf"/>.</param>
    /// <exception cref="ArgumentException">The period kinds or explicit as-of dates differ.</exception>
    public static ChurnTally operator +(ChurnTally left, ChurnTally right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        if (left.Period != right.Period)
        {
            throw new ArgumentException($"Cannot merge a tally by {left.Period} with one by {right.Period}.", nameof(right));
        }

        if (left.AsOf != right.AsOf)
        {
            throw new ArgumentException(
                $"Cannot merge tallies with different as-of dates ({Render(left.AsOf)} and {Render(right.AsOf)}).", nameof(right));
        }

        var merged = new SortedDictionary<int, Bucket>();
        foreach (var (index, bucket) in left.buckets)
        {
            merged[index] = bucket.Clone();
        }

        foreach (var (index, bucket) in right.buckets)
        {
            if (merged.TryGetValue(index, out var existing))
            {
                existing.Add(bucket);
            }
            else
            {
                merged[index] = bucket.Clone();
            }
        }

        DateOnly? latest = left.LatestDate is null ? right.LatestDate
            : right.LatestDate is null ? left.LatestDate
            : left.LatestDate > right.LatestDate ? left.LatestDate : right.LatestDate;
        return new ChurnTally(left.Period, left.AsOf, latest, checked(left.Customers + right.Customers),
            checked(left.IgnoredAfterAsOf + right.IgnoredAfterAsOf), merged);
    }

    /// <summary>Merges <paramref name="other"/> into a new tally (same as <c>+</c>).</summary>
    /// <param name="other">A tally with the same period kind and as-of date.</param>
    /// <exception cref="ArgumentException">The period kinds or explicit as-of dates differ.</exception>
    public ChurnTally Merge(ChurnTally other) => this + other;

    /// <summary>
    /// The tally as compact versioned JSON: the period kind, the dates, the record counts and one bucket per period with activity,
    /// named by its first day, e.g. <c>{"version":1,"period":"Month","asOf":null,"latestDate":"2025-03-02","customers":2,
    /// "ignoredAfterAsOf":0,"buckets":[{"start":"2025-01-01","acquired":2,"lost":0,"lostAcquiredInPeriod":0,"stayedPeriods":[1],
    /// "stayedCounts":[1]},…]}</c>.
    /// </summary>
    public string ToJson() => AccumulatorJson.Serialize(ToState());

    /// <summary>Reads and validates a tally written by <see cref="ToJson"/>; <c>FromJson(t.ToJson())</c> equals <c>t</c>.</summary>
    /// <param name="json">The JSON document.</param>
    /// <exception cref="ArgumentException">The JSON is malformed, of an unknown version, or a bucket is not on a period start, out of order or has negative or unpaired counts; the message names the field, index and value.</exception>
    public static ChurnTally FromJson(string json) => FromState(AccumulatorJson.Deserialize<ChurnTallyState>(json));

    /// <summary>The serialisable, versioned state of this tally (version <see cref="ChurnTallyState.CurrentVersion"/>); periods named by their first day.</summary>
    internal ChurnTallyState ToState()
    {
        var result = new ChurnBucketState[buckets.Count];
        int k = 0;
        foreach (var (index, bucket) in buckets)
        {
            result[k++] = new ChurnBucketState(ChurnPeriodCalendar.FromIndex(Period, index), bucket.Acquired, bucket.Lost,
                bucket.LostAcquiredInPeriod, [.. bucket.Stayed.Keys], [.. bucket.Stayed.Values]);
        }

        return new ChurnTallyState(ChurnTallyState.CurrentVersion, Period, AsOf, LatestDate, Customers, IgnoredAfterAsOf, result);
    }

    /// <summary>The tally a state describes; <c>FromState(t.ToState())</c> equals <c>t</c>.</summary>
    /// <param name="state">A state of version <see cref="ChurnTallyState.CurrentVersion"/>.</param>
    /// <exception cref="ArgumentException">The version or period kind is unknown, a bucket is missing, not on a period start, out of order or has negative or unpaired counts; the message names the field, index and value.</exception>
    internal static ChurnTally FromState(ChurnTallyState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        const string type = nameof(ChurnTallyState);
        Serialization.StateGuard.Version(state.Version, ChurnTallyState.CurrentVersion, type);
        if (!Enum.IsDefined(state.Period))
        {
            throw Serialization.StateGuard.Invalid(type, nameof(state.Period), $"{state.Period} is not a period kind.");
        }

        Serialization.StateGuard.NonNegative(state.Customers, type, nameof(state.Customers));
        Serialization.StateGuard.NonNegative(state.IgnoredAfterAsOf, type, nameof(state.IgnoredAfterAsOf));
        var source = Serialization.StateGuard.Required(state.Buckets, type, nameof(state.Buckets));
        var buckets = new SortedDictionary<int, Bucket>();
        int? previous = null;
        long acquiredTotal = 0, lostTotal = 0, stayedTotal = 0;
        for (int b = 0; b < source.Length; b++)
        {
            string field = $"{nameof(state.Buckets)}[{b}]";
            var s = source[b] ?? throw Serialization.StateGuard.Invalid(type, field, "the bucket is null.");
            int index = ChurnPeriodCalendar.Index(state.Period, s.Start);
            if (ChurnPeriodCalendar.FromIndex(state.Period, index) != s.Start)
            {
                throw Serialization.StateGuard.Invalid(type, $"{field}.Start", $"{ChurnText.Date(s.Start)} is not the first day of a {state.Period} period.");
            }

            if (previous is { } p && index <= p)
            {
                throw Serialization.StateGuard.Invalid(type, $"{field}.Start", $"{ChurnText.Date(s.Start)} does not come after the previous bucket's period.");
            }

            previous = index;
            Serialization.StateGuard.NonNegative(s.Acquired, type, $"{field}.Acquired");
            Serialization.StateGuard.NonNegative(s.Lost, type, $"{field}.Lost");
            Serialization.StateGuard.NonNegative(s.LostAcquiredInPeriod, type, $"{field}.LostAcquiredInPeriod");
            var periods = Serialization.StateGuard.Required(s.StayedPeriods, type, $"{field}.StayedPeriods");
            var counts = Serialization.StateGuard.Required(s.StayedCounts, type, $"{field}.StayedCounts");
            Serialization.StateGuard.SameLength(periods.Length, counts.Length, type, $"{field}.StayedPeriods", $"{field}.StayedCounts");
            var bucket = new Bucket { Acquired = s.Acquired, Lost = s.Lost, LostAcquiredInPeriod = s.LostAcquiredInPeriod };
            long stayedInBucket = 0;
            for (int i = 0; i < periods.Length; i++)
            {
                if (periods[i] < 0 || (i > 0 && periods[i] <= periods[i - 1]))
                {
                    throw Serialization.StateGuard.Invalid(type, $"{field}.StayedPeriods[{i}]", $"{periods[i]} is not ≥ 0 and above the one before it.");
                }

                if (counts[i] <= 0)
                {
                    throw Serialization.StateGuard.Invalid(type, $"{field}.StayedCounts[{i}]", $"{counts[i]} is not a positive count.");
                }

                bucket.Stayed[periods[i]] = counts[i];
                stayedInBucket = checked(stayedInBucket + counts[i]);
            }

            if (s.LostAcquiredInPeriod > s.Acquired || s.LostAcquiredInPeriod > s.Lost)
            {
                throw Serialization.StateGuard.Invalid(type, $"{field}.LostAcquiredInPeriod",
                    $"{s.LostAcquiredInPeriod} exceeds Acquired = {s.Acquired} or Lost = {s.Lost}.");
            }

            if (stayedInBucket > s.Acquired)
            {
                throw Serialization.StateGuard.Invalid(type, $"{field}.StayedCounts",
                    $"they sum to {stayedInBucket}, more lost customers than the {s.Acquired} acquired in the period.");
            }

            acquiredTotal = checked(acquiredTotal + s.Acquired);
            lostTotal = checked(lostTotal + s.Lost);
            stayedTotal = checked(stayedTotal + stayedInBucket);
            buckets[index] = bucket;
        }

        if (acquiredTotal != state.Customers)
        {
            throw Serialization.StateGuard.Invalid(type, nameof(state.Customers),
                $"{state.Customers} differs from the {acquiredTotal} customers acquired over the buckets.");
        }

        if (lostTotal != stayedTotal)
        {
            throw Serialization.StateGuard.Invalid(type, nameof(state.Buckets),
                $"{lostTotal} customers are lost over the buckets but the cohorts' stays count {stayedTotal}: every lost customer has one stay.");
        }

        return new ChurnTally(state.Period, state.AsOf, state.LatestDate, state.Customers, state.IgnoredAfterAsOf, buckets);
    }

    /// <summary>
    /// S, N, L, L_new and E of every period from the first acquisition's period to the period containing the as-of date,
    /// in order; S of a period is E of the one before (the first has S = 0: every customer is acquired somewhere in the records).
    /// The last period is incomplete unless the as-of date is its last day. Empty for an empty tally.
    /// </summary>
    public IReadOnlyList<ChurnPeriodCounts> PeriodCounts()
    {
        var result = new List<ChurnPeriodCounts>();
        if (IsEmpty || EffectiveAsOf is not { } asOf)
        {
            return result;
        }

        int first = buckets.Keys.First(), last = ChurnPeriodCalendar.Index(Period, asOf);
        long atStart = 0;
        for (int index = first; index <= last; index++)
        {
            buckets.TryGetValue(index, out var bucket);
            long acquired = bucket?.Acquired ?? 0, lost = bucket?.Lost ?? 0, lostNew = bucket?.LostAcquiredInPeriod ?? 0;
            var lastDay = ChurnPeriodCalendar.LastDay(Period, index);
            result.Add(new ChurnPeriodCounts(ChurnPeriodCalendar.FromIndex(Period, index), lastDay, lastDay <= asOf,
                atStart, acquired, lost, lostNew));
            atStart += acquired - lost;
        }

        return result;
    }

    /// <summary>True when both tallies hold the same period kind, dates and counts.</summary>
    /// <param name="other">The other tally.</param>
    public bool Equals(ChurnTally? other)
    {
        if (other is null || Period != other.Period || AsOf != other.AsOf || LatestDate != other.LatestDate
            || Customers != other.Customers || IgnoredAfterAsOf != other.IgnoredAfterAsOf || buckets.Count != other.buckets.Count)
        {
            return false;
        }

        foreach (var (index, bucket) in buckets)
        {
            if (!other.buckets.TryGetValue(index, out var theirs) || !bucket.SameCounts(theirs))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ChurnTally);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Period, AsOf, LatestDate, Customers, IgnoredAfterAsOf, buckets.Count);

    /// <summary>"by Month as of 2025-06-30: 1234 customers in 18 periods with activity".</summary>
    public override string ToString() =>
        $"by {Period} as of {Render(EffectiveAsOf)}: {Customers} customers in {buckets.Count} periods with activity";

    /// <summary>
    /// Raw cohort counts: per acquisition period with at least one customer, its size and the customers active at each observed
    /// age k = 0..K (K = whole periods from the cohort's last day to the as-of date; active at age k means active on the day
    /// Start + k periods). Age 0 is the cohort size.
    /// </summary>
    internal IEnumerable<(DateOnly Start, DateOnly LastDay, bool IsComplete, long Size, long[] Active)> CohortCounts()
    {
        if (IsEmpty || EffectiveAsOf is not { } asOf)
        {
            yield break;
        }

        foreach (var (index, bucket) in buckets)
        {
            if (bucket.Acquired == 0)
            {
                continue;
            }

            var lastDay = ChurnPeriodCalendar.LastDay(Period, index);
            int ages = Math.Max(0, Period.WholePeriodsBetween(lastDay, asOf));
            var active = new long[ages + 1];
            long remaining = bucket.Acquired;
            active[0] = remaining;
            for (int k = 1; k <= ages; k++)
            {
                // Active at age k ⇔ stayed at least k whole periods: remove those who stayed exactly k − 1.
                remaining -= bucket.Stayed.GetValueOrDefault(k - 1);
                active[k] = remaining;
            }

            yield return (ChurnPeriodCalendar.FromIndex(Period, index), lastDay, lastDay <= asOf, bucket.Acquired, active);
        }
    }

    private static string Render(DateOnly? date) => date is { } d ? ChurnText.Date(d) : "none";

    /// <summary>Counts of one period index: events in it, and the stays of the customers acquired in it.</summary>
    private sealed class Bucket
    {
        public long Acquired { get; set; }

        public long Lost { get; set; }

        public long LostAcquiredInPeriod { get; set; }

        /// <summary>For lost customers of this cohort: whole periods stayed m (active on Start + k periods for k = 1..m) → count.</summary>
        public SortedDictionary<int, long> Stayed { get; } = [];

        public Bucket Clone()
        {
            var copy = new Bucket { Acquired = Acquired, Lost = Lost, LostAcquiredInPeriod = LostAcquiredInPeriod };
            foreach (var (m, count) in Stayed)
            {
                copy.Stayed[m] = count;
            }

            return copy;
        }

        public void Add(Bucket other)
        {
            Acquired = checked(Acquired + other.Acquired);
            Lost = checked(Lost + other.Lost);
            LostAcquiredInPeriod = checked(LostAcquiredInPeriod + other.LostAcquiredInPeriod);
            foreach (var (m, count) in other.Stayed)
            {
                Stayed[m] = checked(Stayed.GetValueOrDefault(m) + count);
            }
        }

        public bool SameCounts(Bucket other) =>
            Acquired == other.Acquired && Lost == other.Lost && LostAcquiredInPeriod == other.LostAcquiredInPeriod
            && Stayed.Count == other.Stayed.Count && Stayed.All(pair => other.Stayed.GetValueOrDefault(pair.Key, -1) == pair.Value);
    }

    /// <summary>Mutable one-pass counter behind the factories; never escapes unbuilt.</summary>
    private sealed class Builder
    {
        private readonly ChurnPeriod period;
        private readonly DateOnly? asOf;
        private readonly SortedDictionary<int, Bucket> buckets = [];
        private DateOnly? latest;
        private long customers, ignored;

        public Builder(ChurnPeriod period, DateOnly? asOf)
        {
            Guard.Defined(period);
            this.period = period;
            this.asOf = asOf;
        }

        public void Add(CustomerSpan customer, string paramName, long row, long count = 1)
        {
            var (start, end) = (customer.Start, customer.End);
            if (end is { } e && e < start)
            {
                throw new ArgumentException(
                    $"{paramName}[{row}]: the end {ChurnText.Date(e)} is before the start {ChurnText.Date(start)}.", paramName);
            }

            if (asOf is { } cut)
            {
                if (start > cut)
                {
                    ignored = checked(ignored + count);
                    return;
                }

                if (end > cut)
                {
                    // Not yet known on the as-of date (a scheduled cancellation): still active.
                    end = null;
                }
            }

            customers = checked(customers + count);
            var newest = end ?? start;
            if (latest is null || newest > latest)
            {
                latest = newest;
            }

            int cohort = ChurnPeriodCalendar.Index(period, start);
            var bucket = BucketAt(cohort);
            bucket.Acquired = checked(bucket.Acquired + count);
            if (end is { } churn)
            {
                int lostIn = ChurnPeriodCalendar.Index(period, churn);
                var lostBucket = BucketAt(lostIn);
                lostBucket.Lost = checked(lostBucket.Lost + count);
                if (lostIn == cohort)
                {
                    bucket.LostAcquiredInPeriod = checked(bucket.LostAcquiredInPeriod + count);
                }

                // Whole periods stayed: the k ≥ 1 with Start + k periods < End, i.e. ≤ the last active day End − 1.
                int stayed = churn == start ? 0 : Math.Max(0, period.WholePeriodsBetween(start, churn.AddDays(-1)));
                bucket.Stayed[stayed] = checked(bucket.Stayed.GetValueOrDefault(stayed) + count);
            }
        }

        /// <summary>Hands the counts to the tally; the builder is not used afterwards.</summary>
        public ChurnTally Build() => new(period, asOf, latest, customers, ignored, buckets);

        private Bucket BucketAt(int index)
        {
            if (!buckets.TryGetValue(index, out var bucket))
            {
                bucket = new Bucket();
                buckets[index] = bucket;
            }

            return bucket;
        }
    }
}
