using System.Runtime.CompilerServices;
using System.Collections.ObjectModel;
using System.Globalization;

namespace TrustMetrics.Survival;

/// <summary>
/// Validated input of a Cox regression in counting-process form, as R's <c>Surv(start, stop, event)</c>: each row is an interval
/// (start, stop] during which a customer was at risk with the given covariates, an event flag for the stop time, and optionally
/// a case weight, an offset (a known term added to the linear predictor), a stratum (its own baseline hazard) and a cluster
/// (the customer the rows belong to, for the grouped sandwich variance). Without start times every row starts at −∞ (ordinary
/// right-censored data, R's <c>Surv(time, event)</c>); with them, time-varying covariates (one row per interval) and delayed
/// entry (left truncation) work. The rows are sorted once by stratum and stop time into the layout every fit reuses; the
/// covariates are stored row by row and centred by their weighted means (which changes no estimate). Immutable and thread-safe.
/// </summary>
public sealed class CoxData
{
    private CoxData(string[] names)
    {
        CovariateNames = new ReadOnlyCollection<string>(names);
    }

    /// <summary>The covariate names, in column order: the terms of the fit.</summary>
    public IReadOnlyList<string> CovariateNames { get; }

    /// <summary>Number of rows (intervals).</summary>
    public int RowCount => N;

    /// <summary>Number of rows that end in an event.</summary>
    public int EventCount { get; private set; }

    /// <summary>True when the rows carry start times (counting-process data: time-varying covariates or delayed entry).</summary>
    public bool HasStartTimes => Start is not null;

    /// <summary>Number of strata (1 when none were given).</summary>
    public int StratumCount => StratumBegin.Length - 1;

    /// <summary>Number of distinct clusters, or null when none were given.</summary>
    public int? ClusterCount { get; private set; }

    /// <summary>True when case weights were given.</summary>
    public bool HasWeights { get; private set; }

    /// <summary>True when offsets were given.</summary>
    public bool HasOffsets { get; private set; }

    /// <summary>True when a case weight is not a whole number (R then defaults to the robust variance).</summary>
    internal bool HasNonIntegerWeights { get; private set; }

    internal int N { get; private set; }

    internal int P => CovariateNames.Count;

    /// <summary>Covariates in sorted row order, row-major (N·P), centred by <see cref="Center"/>.</summary>
    internal double[] X { get; private set; } = [];

    /// <summary>Weighted column means subtracted from <see cref="X"/>.</summary>
    internal double[] Center { get; private set; } = [];

    internal double[] Stop { get; private set; } = [];

    internal double[]? Start { get; private set; }

    internal double[] Weight { get; private set; } = [];

    internal double[] Offset { get; private set; } = [];

    internal byte[] Event { get; private set; } = [];

    /// <summary>Sorted row → row index of the caller's input.</summary>
    internal int[] Original { get; private set; } = [];

    /// <summary>Sorted rows of stratum s are [StratumBegin[s], StratumBegin[s+1]).</summary>
    internal int[] StratumBegin { get; private set; } = [0, 0];

    /// <summary>The caller's stratum codes, by internal stratum index (ascending).</summary>
    internal int[] StratumCodes { get; private set; } = [0];

    /// <summary>Event slots (distinct event times) of stratum s are [SlotBegin[s], SlotBegin[s+1]), ascending in time.</summary>
    internal int[] SlotBegin { get; private set; } = [0, 0];

    internal double[] SlotTime { get; private set; } = [];

    internal int[] SlotDeathBegin { get; private set; } = [];

    internal int[] SlotDeathCount { get; private set; } = [];

    internal double[] SlotDeathWeight { get; private set; } = [];

    /// <summary>Cumulative index (SlotBegin[s] + s + number of slots of s at or before the stop time) per sorted row.</summary>
    internal int[] Hi { get; private set; } = [];

    /// <summary>Cumulative index at the start time (SlotBegin[s] + s when the row has no start time).</summary>
    internal int[]? Lo { get; private set; }

    /// <summary>Event slot of the row's event, −1 for a censored row.</summary>
    internal int[] DeathSlot { get; private set; } = [];

    /// <summary>Sorted-row indices ordered by (stratum, start time ascending); null without start times.</summary>
    internal int[]? StartOrder { get; private set; }

    /// <summary>Cluster index (0…G−1) per sorted row, or null.</summary>
    internal int[]? Cluster { get; private set; }

    /// <summary>Stratum index per sorted row.</summary>
    internal int[] RowStratum { get; private set; } = [];

    /// <summary>
    /// Builds the input from columns. Every array has one element per row; <paramref name="covariates"/> holds one array per name.
    /// </summary>
    /// <param name="covariateNames">Covariate names, non-empty, distinct.</param>
    /// <param name="covariates">One column per name, finite numbers (a NaN is refused naming the row and the column).</param>
    /// <param name="stop">Stop time of each row (the duration for right-censored data), finite.</param>
    /// <param name="events">True when the row ends in an event (churn) at its stop time.</param>
    /// <param name="start">Start times (exclusive), finite and below the stop time; null: every row at risk from −∞.</param>
    /// <param name="weights">Case weights, finite and &gt; 0; null: 1.</param>
    /// <param name="offsets">Offsets added to the linear predictor, finite; null: 0.</param>
    /// <param name="strata">Stratum codes (any integers); null: one stratum.</param>
    /// <param name="clusters">Cluster codes (for example a customer id), for the grouped robust variance; null: none.</param>
    /// <exception cref="ArgumentNullException">A required argument is null.</exception>
    /// <exception cref="ArgumentException">The arrays differ in length, a name is empty or repeated, or there are no rows. Rows without
    /// any event are accepted (a shard of a <see cref="CoxShardedRegression"/> fit may hold only censored customers, who still belong to
    /// the other shards' risk sets); a fit (<see cref="CoxRegression.Fit"/>) and the proportional-hazards test need at least one event.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is NaN, infinite or out of range; the message names the row (and column) and the value.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static CoxData Create(IReadOnlyList<string> covariateNames, IReadOnlyList<double[]> covariates, double[] stop, bool[] events,
        double[]? start = null, double[]? weights = null, double[]? offsets = null, int[]? strata = null, int[]? clusters = null)
    {
        ArgumentNullException.ThrowIfNull(covariateNames);
        ArgumentNullException.ThrowIfNull(covariates);
        ArgumentNullException.ThrowIfNull(stop);
        ArgumentNullException.ThrowIfNull(events);
        var names = Names(covariateNames);
        if (covariates.Count != names.Length)
        {
            throw new ArgumentException($"covariates must hold one column per name: {names.Length} names, {covariates.Count} columns.", nameof(covariates));
        }

        int n = stop.Length;
        if (n == 0)
        {
            throw new ArgumentException("A Cox model needs at least one row; stop is empty.", nameof(stop));
        }

        SameLength(events.Length, n, nameof(events));
        if (start is not null) SameLength(start.Length, n, nameof(start));
        if (weights is not null) SameLength(weights.Length, n, nameof(weights));
        if (offsets is not null) SameLength(offsets.Length, n, nameof(offsets));
        if (strata is not null) SameLength(strata.Length, n, nameof(strata));
        if (clusters is not null) SameLength(clusters.Length, n, nameof(clusters));
        for (int j = 0; j < names.Length; j++)
        {
            var column = covariates[j] ?? throw new ArgumentNullException(nameof(covariates), $"covariates[{j}] ('{names[j]}') is null.");
            SameLength(column.Length, n, $"{nameof(covariates)}[{j}]");
            for (int i = 0; i < n; i++)
            {
                if (!double.IsFinite(column[i]))
                {
                    throw new ArgumentOutOfRangeException(nameof(covariates), column[i],
                        $"Row {i}, covariate '{names[j]}': the value must be a finite number; got {Guard.Format(column[i])}.");
                }
            }
        }

        int eventCount = CheckRows(stop, events, start, weights, offsets);
        var data = new CoxData(names)
        {
            N = n, EventCount = eventCount, HasWeights = weights is not null, HasOffsets = offsets is not null,
            HasNonIntegerWeights = weights is not null && weights.Any(v => v != Math.Floor(v)),
        };
        data.Layout(covariates, stop, events, start, weights, offsets, strata, clusters);
        return data;
    }

    /// <summary>
    /// The first half of <see cref="Create"/> for a reader that writes the covariates straight into the sorted layout (no
    /// column copy): checks the per-row values exactly as <see cref="Create"/> does (same exceptions, same messages) and sorts
    /// the rows. The reader then puts input row i's raw covariates at row <see cref="CoxRowOrder.Position"/>[i] of an N·P
    /// row-major matrix and hands it to <see cref="CreateSorted"/>. One stratum, no
    /// offsets, no clusters.
    /// </summary>
    internal static CoxRowOrder OrderRows(double[] stop, bool[] events, double[]? start, double[]? weights)
    {
        ArgumentNullException.ThrowIfNull(stop);
        ArgumentNullException.ThrowIfNull(events);
        int n = stop.Length;
        if (n == 0)
        {
            throw new ArgumentException("A Cox model needs at least one row; stop is empty.", nameof(stop));
        }

        SameLength(events.Length, n, nameof(events));
        if (start is not null) SameLength(start.Length, n, nameof(start));
        if (weights is not null) SameLength(weights.Length, n, nameof(weights));
        int eventCount = CheckRows(stop, events, start, weights, null);
        var (order, position, begin, stratumCode) = Arrange(stop, events, null, out int[] stratumValues);
        return new CoxRowOrder(stop, events, start, weights, eventCount, order, position, begin, stratumCode, stratumValues);
    }

    /// <summary>
    /// <see cref="Create"/> from rows already placed by <see cref="OrderRows"/>: <paramref name="x"/> (N·P, row-major, sorted rows,
    /// raw values) is checked, centred in place and kept. The result is the one <see cref="Create"/> gives for the same columns, bit
    /// for bit: the weighted means are summed in the caller's row order and each value is centred by the same subtraction.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static CoxData CreateSorted(IReadOnlyList<string> covariateNames, CoxRowOrder rows, double[] x)
    {
        ArgumentNullException.ThrowIfNull(covariateNames);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(x);
        var names = Names(covariateNames);
        int n = rows.Stop.Length, p = names.Length;
        if (x.Length != (long)n * p)
        {
            throw new ArgumentException($"x must hold {n} rows of {p} covariates; it has {x.Length} values.", nameof(x));
        }

        var position = rows.Position;
        var weights = rows.Weights;
        for (int r = 0; r < n; r++)
        {
            var row = x.AsSpan(r * p, p);
            for (int j = 0; j < p; j++)
            {
                if (!double.IsFinite(row[j]))
                {
                    throw new ArgumentOutOfRangeException(nameof(x), row[j],
                        $"Row {rows.Order[r]}, covariate '{names[j]}': the value must be a finite number; got {Guard.Format(row[j])}.");
                }
            }
        }

        // Σ w·x per column in the caller's row order (the order Create sums in), read through the placement.
        var sums = new double[p];
        for (int i = 0; i < n; i++)
        {
            var row = x.AsSpan(position[i] * p, p);
            if (weights is null) for (int j = 0; j < p; j++) sums[j] += row[j];
            else for (int j = 0; j < p; j++) sums[j] += weights[i] * row[j];
        }

        double wsum = WeightSum(n, weights);
        var center = new double[p];
        for (int j = 0; j < p; j++) center[j] = sums[j] / wsum;
        const int block = 1 << 15;
        var work = new Statistics.ParallelWork(CancellationToken.None, null);
        work.For((n + block - 1) / block, (long)n * p >= 200_000, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (b) =>
        {
            int lo = b * block, hi = Math.Min(n, lo + block);
            var span = x.AsSpan(lo * p, (hi - lo) * p);
            for (int k = 0; k < span.Length; k += p)
            {
                var row = span.Slice(k, p);
                for (int j = 0; j < row.Length; j++) row[j] -= center[j];
            }
        });

        var data = new CoxData(names)
        {
            N = n, EventCount = rows.EventCount, HasWeights = weights is not null, HasOffsets = false,
            HasNonIntegerWeights = weights is not null && weights.Any(v => v != Math.Floor(v)),
        };
        data.Complete(x, center, rows.Order, rows.Begin, rows.StratumCode, rows.StratumValues, rows.Stop, rows.Events, rows.Start, weights, null, null);
        return data;
    }

    private static string[] Names(IReadOnlyList<string> covariateNames)
    {
        if (covariateNames.Count == 0)
        {
            throw new ArgumentException("A Cox model needs at least one covariate; covariateNames is empty.", nameof(covariateNames));
        }

        var names = new string[covariateNames.Count];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int j = 0; j < names.Length; j++)
        {
            string? name = covariateNames[j];
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new ArgumentException($"covariateNames[{j}] must not be empty or white space.", nameof(covariateNames));
            }

            if (!seen.Add(name))
            {
                throw new ArgumentException($"covariateNames[{j}] = '{name}' repeats an earlier name.", nameof(covariateNames));
            }

            names[j] = name;
        }

        return names;
    }

    /// <summary>Checks the per-row values (stop, start, weight, offset) and counts the events.</summary>
    private static int CheckRows(double[] stop, bool[] events, double[]? start, double[]? weights, double[]? offsets)
    {
        int n = stop.Length;
        int eventCount = 0;
        for (int i = 0; i < n; i++)
        {
            if (!double.IsFinite(stop[i]))
            {
                throw new ArgumentOutOfRangeException(nameof(stop), stop[i], $"stop[{i}] must be a finite number; got {Guard.Format(stop[i])}.");
            }

            if (start is not null && !(double.IsFinite(start[i]) && start[i] < stop[i]))
            {
                throw new ArgumentOutOfRangeException(nameof(start), start[i],
                    $"start[{i}] = {Guard.Format(start[i])} must be a finite number below stop[{i}] = {Guard.Format(stop[i])}.");
            }

            if (weights is not null && !(double.IsFinite(weights[i]) && weights[i] > 0))
            {
                throw new ArgumentOutOfRangeException(nameof(weights), weights[i], $"weights[{i}] must be a finite number greater than 0; got {Guard.Format(weights[i])}.");
            }

            if (offsets is not null && !double.IsFinite(offsets[i]))
            {
                throw new ArgumentOutOfRangeException(nameof(offsets), offsets[i], $"offsets[{i}] must be a finite number; got {Guard.Format(offsets[i])}.");
            }

            if (events[i]) eventCount++;
        }

        return eventCount;
    }

    /// <summary>Refuses data without any event where a statistic needs one (a fit, the proportional-hazards test).</summary>
    internal static void RequireEvent(CoxData data, string parameterName)
    {
        if (data.EventCount == 0)
        {
            throw new ArgumentException($"A Cox model needs at least one event; none of the {data.N.ToString(CultureInfo.InvariantCulture)} rows has one.", parameterName);
        }
    }

    private static void SameLength(int length, int n, string name)
    {
        if (length != n)
        {
            throw new ArgumentException($"{name} must have one element per row: {n} rows (stop), {length} elements.", name);
        }
    }

    private static int[] Codes(int[] values, out int[] distinct)
    {
        distinct = values.Distinct().Order().ToArray();
        var index = new Dictionary<int, int>(distinct.Length);
        for (int k = 0; k < distinct.Length; k++) index[distinct[k]] = k;
        var codes = new int[values.Length];
        for (int i = 0; i < values.Length; i++) codes[i] = index[values[i]];
        return codes;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Layout(IReadOnlyList<double[]> covariates, double[] stop, bool[] events, double[]? start, double[]? weights,
        double[]? offsets, int[]? strata, int[]? clusters)
    {
        int n = N, p = P;
        var (order, position, begin, stratumCode) = Arrange(stop, events, strata, out int[] stratumValues);

        // Weighted means in the caller's order (sequential reads), then each input row is written once, centred, into its sorted
        // row of the row-major matrix (sequential reads of every column, one contiguous write per row; blocks on both cores).
        var center = new double[p];
        double wsum = WeightSum(n, weights);
        for (int j = 0; j < p; j++)
        {
            var column = covariates[j];
            double m = 0;
            if (weights is null) for (int i = 0; i < n; i++) m += column[i];
            else for (int i = 0; i < n; i++) m += weights[i] * column[i];
            center[j] = m / wsum;
        }

        if ((long)n * p > Array.MaxLength)
        {
            throw new ArgumentException($"{n} rows × {p} covariates is more values than one array holds ({Array.MaxLength}).", nameof(covariates));
        }

        var x = GC.AllocateUninitializedArray<double>(n * p);
        var columns = covariates.ToArray();
        const int block = 1 << 15;
        var work = new Statistics.ParallelWork(CancellationToken.None, null);
        work.For((n + block - 1) / block, (long)n * p >= 200_000, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (b) =>
        {
            int lo = b * block, hi = Math.Min(n, lo + block);
            for (int i = lo; i < hi; i++)
            {
                var row = x.AsSpan(position[i] * p, p);
                for (int j = 0; j < row.Length; j++) row[j] = columns[j][i] - center[j];
            }
        });

        Complete(x, center, order, begin, stratumCode, stratumValues, stop, events, start, weights, offsets, clusters);
    }

    /// <summary>Σ weights (n when there are none), summed in the caller's row order.</summary>
    private static double WeightSum(int n, double[]? weights)
    {
        double wsum = 0;
        for (int i = 0; i < n; i++) wsum += weights?[i] ?? 1.0;
        return wsum;
    }

    /// <summary>
    /// The row order: a counting sort by stratum, then each stratum sorted by stop time (events first among equal times, stable).
    /// Returns sorted row → input row (<c>order</c>), input row → sorted row (<c>position</c>), the strata's first sorted rows
    /// and each input row's stratum index.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (int[] Order, int[] Position, int[] Begin, int[] StratumCode) Arrange(double[] stop, bool[] events, int[]? strata, out int[] stratumValues)
    {
        int n = stop.Length;
        stratumValues = [0];
        int[] stratumCode = strata is null ? new int[n] : Codes(strata, out stratumValues);
        int s = stratumValues.Length;
        var begin = new int[s + 1];
        var order = new int[n];
        if (s == 1)
        {
            begin[1] = n;
            for (int i = 0; i < n; i++) order[i] = i;
        }
        else
        {
            for (int i = 0; i < n; i++) begin[stratumCode[i] + 1]++;
            for (int k = 0; k < s; k++) begin[k + 1] += begin[k];
            var fill = (int[])begin.Clone();
            for (int i = 0; i < n; i++) order[fill[stratumCode[i]]++] = i;
        }

        var position = new int[n];
        SortWithinStrata(order, begin, stop, events, position);
        return (order, position, begin, stratumCode);
    }

    /// <summary>
    /// Everything after the covariate matrix: the per-row arrays in sorted order (read from the caller's arrays through
    /// <paramref name="order"/>, written sequentially), the event slots, the cumulative indices, the start-time order and the clusters.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Complete(double[] x, double[] center, int[] order, int[] begin, int[] stratumCode, int[] stratumValues, double[] stop,
        bool[] events, double[]? start, double[]? weights, double[]? offsets, int[]? clusters)
    {
        int n = N;
        int s = stratumValues.Length;
        Original = order;
        StratumBegin = begin;
        StratumCodes = stratumValues;
        var st = new double[n];
        var wt = new double[n];
        var off = new double[n];
        var ev = new byte[n];
        var rowStratum = new int[n];
        double[]? sta = start is null ? null : new double[n];
        for (int r = 0; r < n; r++)
        {
            int i = order[r];
            st[r] = stop[i] + 0.0;
            wt[r] = weights?[i] ?? 1.0;
            if (offsets is not null) off[r] = offsets[i];
            ev[r] = events[i] ? (byte)1 : (byte)0;
            if (sta is not null) sta[r] = start![i] + 0.0;
        }

        if (s > 1) for (int r = 0; r < n; r++) rowStratum[r] = stratumCode[order[r]];

        X = x;
        Center = center;
        Stop = st;
        Start = sta;
        Weight = wt;
        Offset = off;
        Event = ev;
        RowStratum = rowStratum;

        // Event slots per stratum.
        var slotTime = new List<double>();
        var slotBeginRow = new List<int>();
        var slotCount = new List<int>();
        var slotWeight = new List<double>();
        var slotBegin = new int[s + 1];
        var deathSlot = new int[n];
        Array.Fill(deathSlot, -1);
        for (int k = 0; k < s; k++)
        {
            slotBegin[k] = slotTime.Count;
            for (int r = begin[k]; r < begin[k + 1]; r++)
            {
                if (ev[r] == 0) continue;
                if (slotTime.Count > slotBegin[k] && slotTime[^1] == st[r])
                {
                    slotCount[^1]++;
                    slotWeight[^1] += wt[r];
                }
                else
                {
                    slotTime.Add(st[r]);
                    slotBeginRow.Add(r);
                    slotCount.Add(1);
                    slotWeight.Add(wt[r]);
                }

                deathSlot[r] = slotTime.Count - 1;
            }
        }

        slotBegin[s] = slotTime.Count;
        SlotBegin = slotBegin;
        SlotTime = [.. slotTime];
        SlotDeathBegin = [.. slotBeginRow];
        SlotDeathCount = [.. slotCount];
        SlotDeathWeight = [.. slotWeight];
        DeathSlot = deathSlot;

        // Cumulative indices: stratum k's cumulative array has SlotCount_k + 1 entries starting at SlotBegin[k] + k.
        var hi = new int[n];
        int[]? lo = sta is null ? null : new int[n];
        for (int k = 0; k < s; k++)
        {
            var times = SlotTime.AsSpan(slotBegin[k], slotBegin[k + 1] - slotBegin[k]);
            int baseIndex = slotBegin[k] + k;
            int m = 0;
            for (int r = begin[k]; r < begin[k + 1]; r++)
            {
                while (m < times.Length && times[m] <= st[r]) m++;
                hi[r] = baseIndex + m;
                if (lo is not null) lo[r] = baseIndex + UpperBound(times, sta![r]);
            }
        }

        Hi = hi;
        Lo = lo;
        if (sta is not null)
        {
            var startOrder = new int[n];
            var startKeys = new double[n];
            for (int r = 0; r < n; r++)
            {
                startOrder[r] = r;
                startKeys[r] = sta[r];
            }

            for (int k = 0; k < s; k++) Array.Sort(startKeys, startOrder, begin[k], begin[k + 1] - begin[k]);
            StartOrder = startOrder;
        }

        if (clusters is not null)
        {
            var codes = Codes(clusters, out var distinctClusters);
            var sorted = new int[n];
            for (int r = 0; r < n; r++) sorted[r] = codes[order[r]];
            Cluster = sorted;
            ClusterCount = distinctClusters.Length;
        }
    }

    /// <summary>
    /// Sorts each stratum's rows by stop time, events before censorings at equal times: the distinct times are sorted once, each
    /// row gets its time's rank by binary search, then a stable counting sort on 2·rank + censored places the rows (O(n log u),
    /// u distinct times; no comparison sort of n items).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SortWithinStrata(int[] order, int[] begin, double[] stop, bool[] events, int[] position)
    {
        int n = stop.Length;
        var key = new int[n];
        int u = DistinctTimeKeys(stop, events, key);
        var count = new int[(2 * u) + 1];
        var scratch = new int[n];
        for (int k = 0; k < begin.Length - 1; k++)
        {
            int b = begin[k], e = begin[k + 1];
            if (e - b < 2 || (long)(e - b) * 8 < u)
            {
                var keys = new int[e - b];
                for (int r = b; r < e; r++) keys[r - b] = key[order[r]];
                keys.AsSpan().Sort(order.AsSpan(b, e - b));
                for (int r = b; r < e; r++) position[order[r]] = r;
                continue;
            }

            Array.Clear(count);
            for (int r = b; r < e; r++) count[key[order[r]] + 1]++;
            for (int c = 0; c < 2 * u; c++) count[c + 1] += count[c];
            for (int r = b; r < e; r++)
            {
                int i = order[r];
                int to = b + count[key[i]]++;
                scratch[to] = i;
                position[i] = to;
            }

            Array.Copy(scratch, b, order, b, e - b);
        }
    }

    /// <summary>
    /// key[i] = 2·(rank of stop[i] among the u distinct stop times) + (1 if censored); returns u. Few distinct times (day-valued
    /// durations): one hash pass collects them and only the u values are sorted; many: one sort of all n times, then a binary
    /// search per row. Both give the same ranks.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int DistinctTimeKeys(double[] stop, bool[] events, int[] key)
    {
        int n = stop.Length;
        const int HashLimit = 1 << 16;
        var ids = new Dictionary<double, int>();
        int i = 0;
        for (; i < n; i++)
        {
            double t = stop[i] + 0.0;
            if (!ids.TryGetValue(t, out int id))
            {
                if (ids.Count == HashLimit) break;
                id = ids.Count;
                ids.Add(t, id);
            }

            key[i] = id;
        }

        if (i == n)
        {
            int u0 = ids.Count;
            var values = new double[u0];
            var byId = new int[u0];
            foreach (var (t, id) in ids)
            {
                values[id] = t;
                byId[id] = id;
            }

            Array.Sort(values, byId);
            var rankOfId = new int[u0];
            for (int k = 0; k < u0; k++) rankOfId[byId[k]] = k;
            for (int r = 0; r < n; r++) key[r] = (2 * rankOfId[key[r]]) + (events[r] ? 0 : 1);
            return u0;
        }

        var distinct = (double[])stop.Clone();
        Array.Sort(distinct);
        int u = 0;
        for (int r = 0; r < n; r++)
        {
            if (u == 0 || distinct[r] != distinct[u - 1]) distinct[u++] = distinct[r] + 0.0;
        }

        var times = distinct.AsSpan(0, u);
        for (int r = 0; r < n; r++) key[r] = (2 * times.BinarySearch(stop[r] + 0.0)) + (events[r] ? 0 : 1);
        return u;
    }

    /// <summary>Number of elements of <paramref name="times"/> that are ≤ <paramref name="value"/>.</summary>
    private static int UpperBound(ReadOnlySpan<double> times, double value)
    {
        int lo = 0, hi = times.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (times[mid] <= value) lo = mid + 1; else hi = mid;
        }

        return lo;
    }

    /// <summary>"CoxData(432 rows, 114 events, 7 covariates)" (invariant culture).</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"CoxData({N} rows, {EventCount} events, {P} covariates{(StratumCount > 1 ? $", {StratumCount} strata" : "")}{(HasStartTimes ? ", counting process" : "")})");
}
