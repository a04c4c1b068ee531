using TrustMetrics.Serialization;

namespace TrustMetrics.Clv;

/// <summary>
/// Purchase histories compressed to unique (x, t_x, T) rows with customer counts (Fader–Hardie's weighted RFM matrix): every
/// likelihood is Σ_rows count·ℓ(x, t_x, T), so compression changes no fit while CDNOW's 2,357 customers become 1,016 rows.
/// Rows are sorted by (x, T, t_x). An accumulator: partitions of customers compress separately and <see cref="Merge"/>; the rows
/// travel as versioned JSON (<see cref="ToJson"/>, <see cref="FromJson"/>). Immutable and thread-safe.
/// </summary>
public sealed class CompressedHistories : IAccumulator<CompressedHistories>
{
    private readonly long[] frequency;
    private readonly double[] recency;
    private readonly double[] age;
    private readonly long[] counts;

    /// <summary>Rows in use: the columns may be longer (buffers reused by the fixed-point compression, <see cref="CompressedHistoriesPacked"/>).</summary>
    private readonly int rows;

    private CompressedHistories(long[] frequency, double[] recency, double[] age, long[] counts, int rows)
    {
        this.frequency = frequency;
        this.recency = recency;
        this.age = age;
        this.counts = counts;
        this.rows = rows;
        for (int i = 0; i < rows; i++)
        {
            CustomerCount += counts[i];
        }

        for (int i = 0; i < rows; i++)
        {
            TotalFrequency += frequency[i] * counts[i];
            MaxT = Math.Max(MaxT, age[i]);
            MaxFrequency = Math.Max(MaxFrequency, frequency[i]);
        }
    }

    /// <summary>Number of distinct (x, t_x, T) rows.</summary>
    public int RowCount => rows;

    /// <summary>Number of customers Σ counts.</summary>
    public long CustomerCount { get; }

    /// <summary>Σ count·x, the total number of repeat purchases.</summary>
    internal long TotalFrequency { get; }

    /// <summary>Largest T.</summary>
    internal double MaxT { get; }

    /// <summary>Largest x.</summary>
    internal long MaxFrequency { get; }

    /// <summary>x of each row.</summary>
    public ReadOnlySpan<long> Frequency => frequency.AsSpan(0, rows);

    /// <summary>t_x of each row.</summary>
    public ReadOnlySpan<double> Recency => recency.AsSpan(0, rows);

    /// <summary>T of each row.</summary>
    public ReadOnlySpan<double> T => age.AsSpan(0, rows);

    /// <summary>Number of customers with each row's history.</summary>
    public ReadOnlySpan<long> Counts => counts.AsSpan(0, rows);

    /// <summary>Compresses histories, one per customer.</summary>
    /// <param name="histories">The histories (valid by construction: x ≥ 0; 0 ≤ t_x ≤ T finite; t_x = 0 when x = 0).</param>
    /// <exception cref="ArgumentException">There are none.</exception>
    public static CompressedHistories From(ReadOnlySpan<PurchaseHistory> histories)
    {
        var builder = new CompressedHistoriesBuilder();
        foreach (var h in histories)
        {
            builder.Add(h);
        }

        return Build(builder, nameof(histories));
    }

    /// <summary>Compresses a stream of histories, one per customer (one pass).</summary>
    /// <param name="histories">The histories.</param>
    /// <exception cref="ArgumentException">There are none.</exception>
    public static CompressedHistories From(IEnumerable<PurchaseHistory> histories)
    {
        ArgumentNullException.ThrowIfNull(histories);
        var builder = new CompressedHistoriesBuilder();
        foreach (var h in histories)
        {
            builder.Add(h);
        }

        return Build(builder, nameof(histories));
    }

    /// <summary>Compresses already-weighted histories (for example donations.csv-style tables).</summary>
    /// <param name="histories">Histories with the number of customers having each (count ≥ 0; zero-count rows are dropped).</param>
    /// <exception cref="ArgumentException">A count is negative (the message names its index and value) or the total count is 0.</exception>
    public static CompressedHistories FromCounts(IEnumerable<(PurchaseHistory History, long Count)> histories)
    {
        ArgumentNullException.ThrowIfNull(histories);
        var builder = new CompressedHistoriesBuilder();
        foreach (var (h, c) in histories)
        {
            if (c < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(histories), c, $"histories[{builder.Added}]: the count must not be negative; got {c}.");
            }

            builder.Add(h, c);
        }

        return Build(builder, nameof(histories));
    }

    /// <summary>
    /// Merges the rows of two customer partitions: counts of equal (x, t_x, T) rows add. Valid when every customer is summarised in
    /// exactly one partition, with the same observation end and time unit (split transactions by customer, not by time: x and t_x
    /// need all of a customer's purchase periods). Associative and commutative; there is no empty instance, so a partition
    /// without customers is simply left out.
    /// </summary>
    /// <param name="other">Rows of another customer partition.</param>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    public CompressedHistories Merge(CompressedHistories other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var builder = new CompressedHistoriesBuilder();
        foreach (var part in (ReadOnlySpan<CompressedHistories>)[this, other])
        {
            for (int i = 0; i < part.rows; i++)
            {
                builder.Add(new PurchaseHistory(part.frequency[i], part.recency[i], part.age[i]), part.counts[i]);
            }
        }

        return builder.Build();
    }

    /// <summary>
    /// The rows as compact, versioned JSON: <c>{"version":1,"frequency":[…],"recency":[…],"t":[…],"counts":[…]}</c>, rows sorted by
    /// (x, T, t_x); <see cref="FromJson"/> reads it back to the same rows.
    /// </summary>
    public string ToJson() => AccumulatorJson.Serialize(ToState());

    /// <summary>Reads and validates rows written by <see cref="ToJson"/>.</summary>
    /// <param name="json">The JSON document.</param>
    /// <exception cref="ArgumentException">The JSON is malformed, the version is unknown, an array is missing or of another length, there is no row, a row is an invalid history, repeats or is out of (x, T, t_x) order, or a count is below 1; the message names the field, index and values.</exception>
    public static CompressedHistories FromJson(string json) => FromState(AccumulatorJson.Deserialize<CompressedHistoriesState>(json));

    /// <summary>The serialisable, versioned state of these rows (version <see cref="CompressedHistoriesState.CurrentVersion"/>).</summary>
    internal CompressedHistoriesState ToState() => new(CompressedHistoriesState.CurrentVersion,
        Frequency.ToArray(), Recency.ToArray(), T.ToArray(), Counts.ToArray());

    /// <summary>The rows a state describes; <c>FromState(h.ToState())</c> has the same rows as <c>h</c>.</summary>
    /// <param name="state">A state of version <see cref="CompressedHistoriesState.CurrentVersion"/> with at least one row.</param>
    /// <exception cref="ArgumentException">The version is unknown, an array is missing or of another length, there is no row, a row is an invalid history, repeats or is out of (x, T, t_x) order, or a count is below 1; the message names the field, index and values.</exception>
    internal static CompressedHistories FromState(CompressedHistoriesState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        const string type = nameof(CompressedHistoriesState);
        Serialization.StateGuard.Version(state.Version, CompressedHistoriesState.CurrentVersion, type);
        var x = Serialization.StateGuard.Required(state.Frequency, type, nameof(state.Frequency));
        var tx = Serialization.StateGuard.Required(state.Recency, type, nameof(state.Recency));
        var t = Serialization.StateGuard.Required(state.T, type, nameof(state.T));
        var n = Serialization.StateGuard.Required(state.Counts, type, nameof(state.Counts));
        Serialization.StateGuard.SameLength(x.Length, tx.Length, type, nameof(state.Frequency), nameof(state.Recency));
        Serialization.StateGuard.SameLength(x.Length, t.Length, type, nameof(state.Frequency), nameof(state.T));
        Serialization.StateGuard.SameLength(x.Length, n.Length, type, nameof(state.Frequency), nameof(state.Counts));
        if (x.Length == 0)
        {
            throw Serialization.StateGuard.Invalid(type, nameof(state.Counts), "there is no row; compressed histories hold at least one customer.");
        }

        for (int i = 0; i < x.Length; i++)
        {
            Validate(x[i], tx[i], t[i], i, "state");
            if (n[i] < 1)
            {
                throw Serialization.StateGuard.Invalid(type, $"{nameof(state.Counts)}[{i}]", $"{n[i]} is not a positive count.");
            }

            if (i > 0)
            {
                int order = x[i - 1].CompareTo(x[i]);
                order = order != 0 ? order : t[i - 1].CompareTo(t[i]);
                order = order != 0 ? order : tx[i - 1].CompareTo(tx[i]);
                if (order >= 0)
                {
                    throw Serialization.StateGuard.Invalid(type, $"rows[{i}]", "the row repeats or comes before the previous one; rows are sorted by (Frequency, T, Recency) without repeats.");
                }
            }
        }

        return new CompressedHistories((long[])x.Clone(), tx.Select(v => v + 0.0).ToArray(), t.Select(v => v + 0.0).ToArray(), (long[])n.Clone(), n.Length);
    }

    /// <summary>Wraps already sorted, validated columns (the builder's output).</summary>
    internal static CompressedHistories Create(long[] frequency, double[] recency, double[] age, long[] counts) =>
        new(frequency, recency, age, counts, counts.Length);

    /// <summary>Wraps the first <paramref name="rows"/> entries of sorted, validated columns that may be longer.</summary>
    internal static CompressedHistories Create(long[] frequency, double[] recency, double[] age, long[] counts, int rows) =>
        new(frequency, recency, age, counts, rows);

    /// <summary>
    /// Every <paramref name="stride"/>-th row with its count: a systematic sample over the (x, T, t_x) order, so it spans the
    /// frequencies and ages of the whole data. Used only as a pilot for a fit's starting point.
    /// </summary>
    internal CompressedHistories Thin(int stride)
    {
        int length = ((rows - 1) / stride) + 1;
        var x = new long[length];
        var tx = new double[length];
        var t = new double[length];
        var n = new long[length];
        for (int k = 0; k < length; k++)
        {
            int i = k * stride;
            (x[k], tx[k], t[k], n[k]) = (frequency[i], recency[i], age[i], counts[i]);
        }

        return new CompressedHistories(x, tx, t, n, length);
    }

    private static CompressedHistories Build(CompressedHistoriesBuilder builder, string paramName) =>
        builder.RowCount == 0 ? throw new ArgumentException("There are no customers: the histories are empty.", paramName) : builder.Build();

    /// <summary>Checks one history; the message names the argument, the index and the values.</summary>
    internal static void Validate(PurchaseHistory h, long index, string paramName) => Validate(h.Frequency, h.Recency, h.T, index, paramName);

    /// <summary>Checks one (x, t_x, T) row before it becomes a history; the message names the argument, the index and the values.</summary>
    internal static void Validate(long frequency, double recency, double t, long index, string paramName)
    {
        if (PurchaseHistory.Problem(frequency, recency, t, out _) is string problem)
        {
            throw new ArgumentException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{paramName}[{index}] = (frequency {frequency}, recency {recency:R}, T {t:R}): {problem}."), paramName);
        }
    }
}
