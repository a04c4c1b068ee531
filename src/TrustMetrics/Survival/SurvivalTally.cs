using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using TrustMetrics.Serialization;

namespace TrustMetrics.Survival;

/// <summary>
/// Right-censored durations reduced to their sufficient statistic: for each distinct time tᵢ (ascending), the number of events dᵢ
/// (churned at tᵢ) and of censorings cᵢ (still active when last seen at tᵢ). Kaplan–Meier, Nelson–Aalen and the log-rank test
/// need nothing else. Tallies merge by adding the counts per time, so tallies of partitions (shards, days, files) added together
/// equal the tally of the whole: summarise each shard where it lives, combine later (<c>+</c> or <see cref="Merge"/>; the state
/// travels as versioned JSON through <see cref="ToJson"/> and <see cref="FromJson"/>). The canonical form (strictly increasing
/// times, every time with at least one subject) makes equal data give equal tallies. Immutable and thread-safe.
/// </summary>
public sealed class SurvivalTally :
    IAccumulator<SurvivalTally>,
    IAdditionOperators<SurvivalTally, SurvivalTally, SurvivalTally>,
    IEquatable<SurvivalTally>
{
    private readonly double[] times;
    private readonly long[] events;
    private readonly long[] censored;
    private readonly double[] entryTimes;
    private readonly long[] entered;

    private SurvivalTally(double[] times, long[] events, long[] censored)
        : this(times, events, censored, [], [])
    {
    }

    private SurvivalTally(double[] times, long[] events, long[] censored, double[] entryTimes, long[] entered)
    {
        this.times = times;
        this.events = events;
        this.censored = censored;
        this.entryTimes = entryTimes;
        this.entered = entered;
        long eventCount = 0, censoredCount = 0, enteredCount = 0;
        try
        {
            for (int i = 0; i < times.Length; i++)
            {
                eventCount = checked(eventCount + events[i]);
                censoredCount = checked(censoredCount + censored[i]);
            }

            Count = checked(eventCount + censoredCount);
            foreach (long e in entered)
            {
                enteredCount = checked(enteredCount + e);
            }
        }
        catch (OverflowException)
        {
            throw TooMany();
        }

        EventCount = eventCount;
        DelayedEntryCount = enteredCount;
    }

    /// <summary>The empty tally: no subject. The identity of <c>+</c>.</summary>
    public static SurvivalTally Empty { get; } = new([], [], []);

    /// <summary>Number of subjects n = Σ(dᵢ + cᵢ).</summary>
    public long Count { get; }

    /// <summary>Number of events (churned subjects) Σdᵢ.</summary>
    public long EventCount { get; }

    /// <summary>Number of censored subjects (still active at their last observation) Σcᵢ.</summary>
    public long CensoredCount => Count - EventCount;

    /// <summary>True when the tally holds no subject.</summary>
    public bool IsEmpty => times.Length == 0;

    /// <summary>Number of distinct times.</summary>
    public int DistinctTimeCount => times.Length;

    /// <summary>The distinct times tᵢ, strictly increasing, all finite and ≥ 0.</summary>
    public ReadOnlySpan<double> Times => times;

    /// <summary>
    /// Index of the last distinct time ≤ <paramref name="time"/>, or −1 before the first: the row a right-continuous step
    /// function (Kaplan–Meier, Nelson–Aalen) takes its value from.
    /// </summary>
    internal int LastIndexAtOrBefore(double time)
    {
        if (double.IsNaN(time))
        {
            throw new ArgumentOutOfRangeException(nameof(time), time, "The time must be a number; got NaN.");
        }

        int i = Times.BinarySearch(time);
        return i >= 0 ? i : ~i - 1;
    }

    /// <summary>Events dᵢ at each time of <see cref="Times"/>.</summary>
    public ReadOnlySpan<long> Events => events;

    /// <summary>Censorings cᵢ at each time of <see cref="Times"/>.</summary>
    public ReadOnlySpan<long> Censored => censored;

    /// <summary>
    /// The distinct entry times sₖ of subjects with delayed entry (left truncation), strictly increasing; empty when every subject
    /// was observed from the time origin (right-censored data only). A subject entering at s is at risk at the times t with s &lt; t ≤ its
    /// exit time, as in R's <c>Surv(start, stop, event)</c>.
    /// </summary>
    public ReadOnlySpan<double> EntryTimes => entryTimes;

    /// <summary>Subjects entering at each time of <see cref="EntryTimes"/>.</summary>
    public ReadOnlySpan<long> Entered => entered;

    /// <summary>Number of subjects with a recorded (delayed) entry time; the other <see cref="Count"/> − this are at risk from the origin.</summary>
    public long DelayedEntryCount { get; }

    /// <summary>True when some subject entered late (<see cref="EntryTimes"/> is not empty).</summary>
    public bool HasDelayedEntry => entryTimes.Length != 0;

    /// <summary>
    /// The number at risk nᵢ at each exit time tᵢ of <see cref="Times"/>: the subjects with entry &lt; tᵢ ≤ exit, i.e.
    /// nᵢ = n − Σ_{j &lt; i}(dⱼ + cⱼ) − #{entries at times ≥ tᵢ}. Without delayed entry nᵢ = n − Σ_{j &lt; i}(dⱼ + cⱼ).
    /// </summary>
    internal long[] AtRisk()
    {
        var atRisk = new long[times.Length];
        var cursor = new RiskCursor(this);
        for (int i = 0; i < times.Length; i++)
        {
            atRisk[i] = cursor.AtRisk(times[i]);
        }

        return atRisk;
    }

    /// <summary>
    /// Walks the risk set forward in time: <see cref="AtRisk(double)"/> called with non-decreasing times returns the number of subjects
    /// with entry &lt; t ≤ exit (entries strictly before t have joined, exits strictly before t have left).
    /// </summary>
    internal struct RiskCursor
    {
        private readonly SurvivalTally tally;
        private int exit;
        private int entry;
        private long risk;

        public RiskCursor(SurvivalTally tally)
        {
            this.tally = tally;
            risk = tally.Count - tally.DelayedEntryCount;
        }

        /// <summary>The number at risk at <paramref name="time"/> (times must not decrease between calls).</summary>
        public long AtRisk(double time)
        {
            var t = tally;
            while (entry < t.entryTimes.Length && t.entryTimes[entry] < time)
            {
                risk += t.entered[entry++];
            }

            while (exit < t.times.Length && t.times[exit] < time)
            {
                risk -= t.events[exit] + t.censored[exit];
                exit++;
            }

            return risk;
        }
    }

    /// <summary>
    /// Tallies one subject per index: <paramref name="durations"/>[i] is how long subject i was observed, <paramref name="events"/>[i]
    /// is 1 if it churned then and 0 if it was still active (censored). Sorts a packed copy of the keys (radix sort; a counting
    /// pass for whole-number times within 2n + 256), then one linear pass; no allocation per subject.
    /// </summary>
    /// <param name="durations">Durations, finite and ≥ 0.</param>
    /// <param name="events">Event flags, 0 or 1, one per duration.</param>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A duration is negative, NaN or infinite, or a flag is not 0/1; the message names its index and value.</exception>
    public static SurvivalTally FromDurations(ReadOnlySpan<double> durations, ReadOnlySpan<byte> events) =>
        Build(durations, events, nameof(durations), nameof(events));

    /// <summary>Tallies one subject per index with integer event flags (1 = churned, 0 = censored); see the byte overload.</summary>
    /// <param name="durations">Durations, finite and ≥ 0.</param>
    /// <param name="events">Event flags, 0 or 1, one per duration.</param>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A duration is negative, NaN or infinite, or a flag is not 0/1; the message names its index and value.</exception>
    public static SurvivalTally FromDurations(ReadOnlySpan<double> durations, ReadOnlySpan<int> events) =>
        Build(durations, events, nameof(durations), nameof(events));

    /// <summary>Tallies one subject per index with Boolean event flags (true = churned, false = censored); see the byte overload.</summary>
    /// <param name="durations">Durations, finite and ≥ 0.</param>
    /// <param name="events">Event flags, one per duration.</param>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A duration is negative, NaN or infinite; the message names its index and value.</exception>
    public static SurvivalTally FromDurations(ReadOnlySpan<double> durations, ReadOnlySpan<bool> events) =>
        Build(durations, MemoryMarshal.Cast<bool, byte>(events), nameof(durations), nameof(events));

    /// <summary>Tallies a stream of (duration, event) pairs, buffering only the durations and flags.</summary>
    /// <param name="subjects">(duration ≥ 0 and finite, event) pairs; event true = churned, false = censored.</param>
    /// <exception cref="ArgumentNullException"><paramref name="subjects"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A duration is negative, NaN or infinite; the message names its position and value.</exception>
    public static SurvivalTally FromDurations(IEnumerable<(double Duration, bool Event)> subjects)
    {
        ArgumentNullException.ThrowIfNull(subjects);
        var buffer = new Builder();
        long index = 0;
        foreach (var (duration, churned) in subjects)
        {
            CheckDuration(duration, nameof(subjects), index, ".Duration");
            buffer.Add(duration, churned);
            index++;
        }

        return buffer.Build();
    }

    /// <summary>
    /// Tallies subjects with delayed entry (left truncation), as R's <c>Surv(start, stop, event)</c>: subject i entered observation
    /// at <paramref name="starts"/>[i] (e.g. the tenure at which a customer entered the data set) and left it at
    /// <paramref name="stops"/>[i] (same clock), churned (1) or censored (0). It is at risk at the times t with start &lt; t ≤ stop.
    /// Starts all 0 with stops &gt; 0 give the same curves as <see cref="FromDurations(ReadOnlySpan{double}, ReadOnlySpan{byte})"/>.
    /// </summary>
    /// <param name="starts">Entry times, finite and ≥ 0.</param>
    /// <param name="stops">Exit times, finite and &gt; the start of the same row.</param>
    /// <param name="events">Event flags, 0 or 1, one per row.</param>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A start is negative, NaN or infinite, a stop is not finite or not after its start, or a flag is not 0/1; the message names its index and value.</exception>
    public static SurvivalTally FromStartStop(ReadOnlySpan<double> starts, ReadOnlySpan<double> stops, ReadOnlySpan<byte> events) =>
        StartStop(starts, stops, events);

    /// <summary>Tallies subjects with delayed entry and integer event flags; see the byte overload.</summary>
    /// <param name="starts">Entry times, finite and ≥ 0.</param>
    /// <param name="stops">Exit times, finite and &gt; the start of the same row.</param>
    /// <param name="events">Event flags, 0 or 1, one per row.</param>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A start is negative, NaN or infinite, a stop is not finite or not after its start, or a flag is not 0/1; the message names its index and value.</exception>
    public static SurvivalTally FromStartStop(ReadOnlySpan<double> starts, ReadOnlySpan<double> stops, ReadOnlySpan<int> events) =>
        StartStop(starts, stops, events);

    /// <summary>Tallies subjects with delayed entry and Boolean event flags (true = churned); see the byte overload.</summary>
    /// <param name="starts">Entry times, finite and ≥ 0.</param>
    /// <param name="stops">Exit times, finite and &gt; the start of the same row.</param>
    /// <param name="events">Event flags, one per row.</param>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A start is negative, NaN or infinite, or a stop is not finite or not after its start; the message names its index and value.</exception>
    public static SurvivalTally FromStartStop(ReadOnlySpan<double> starts, ReadOnlySpan<double> stops, ReadOnlySpan<bool> events) =>
        StartStop(starts, stops, MemoryMarshal.Cast<bool, byte>(events));

    /// <summary>Tallies a stream of (start, stop, event) rows with delayed entry; see the span overloads.</summary>
    /// <param name="subjects">(start ≥ 0, stop &gt; start, event) rows, finite; event true = churned.</param>
    /// <exception cref="ArgumentNullException"><paramref name="subjects"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A start or stop is invalid; the message names its position and value.</exception>
    public static SurvivalTally FromStartStop(IEnumerable<(double Start, double Stop, bool Event)> subjects)
    {
        ArgumentNullException.ThrowIfNull(subjects);
        var starts = new List<double>();
        var stops = new List<double>();
        var flags = new List<byte>();
        foreach (var (start, stop, churned) in subjects)
        {
            starts.Add(start);
            stops.Add(stop);
            flags.Add(churned ? (byte)1 : (byte)0);
        }

        var startSpan = CollectionsMarshal.AsSpan(starts);
        var stopSpan = CollectionsMarshal.AsSpan(stops);
        CheckStartStop(startSpan, stopSpan, nameof(subjects), ".Start", ".Stop");
        return WithEntries(startSpan, Build(stopSpan, CollectionsMarshal.AsSpan(flags), nameof(subjects), nameof(subjects)));
    }

    /// <summary>
    /// Builds a tally with delayed entry from counts: exits (events and censorings) per time as in
    /// <see cref="FromCounts(ReadOnlySpan{double}, ReadOnlySpan{long}, ReadOnlySpan{long})"/>, plus the number of subjects entering late at
    /// each entry time (the others are at risk from the origin). Times may come in any order and repeat. The counts must describe
    /// possible data: at every exit time the subjects leaving are at risk (entered strictly before), and no more subjects enter than exit.
    /// </summary>
    /// <param name="times">Exit times, finite and ≥ 0.</param>
    /// <param name="events">Events at each exit time, ≥ 0.</param>
    /// <param name="censored">Censorings at each exit time, ≥ 0.</param>
    /// <param name="entryTimes">Entry times, finite and ≥ 0.</param>
    /// <param name="entered">Subjects entering at each entry time, ≥ 0.</param>
    /// <exception cref="ArgumentException">The spans differ in length, or the counts are impossible (more exits at a time than subjects at risk, more entries than subjects).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A time is negative, NaN or infinite, or a count is negative; the message names its index and value.</exception>
    public static SurvivalTally FromCounts(ReadOnlySpan<double> times, ReadOnlySpan<long> events, ReadOnlySpan<long> censored,
        ReadOnlySpan<double> entryTimes, ReadOnlySpan<long> entered)
    {
        var exits = FromCounts(times, events, censored);
        if (entered.Length != entryTimes.Length)
        {
            throw new ArgumentException(
                $"entryTimes and entered must have one element per entry time; got {entryTimes.Length} and {entered.Length}.", nameof(entered));
        }

        for (int i = 0; i < entered.Length; i++)
        {
            CheckDuration(entryTimes[i], nameof(entryTimes), i, "");
            if (entered[i] < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(entered), entered[i], $"entered[{i}] = {entered[i]} is negative.");
            }
        }

        var entries = FromCounts(entryTimes, entered, new long[entryTimes.Length]);

        return Feasible(new SurvivalTally(exits.times, exits.events, exits.censored, entries.times, entries.events), nameof(entered));
    }

    /// <summary>
    /// Builds a tally from counts per time, for example partial tallies computed in SQL (<c>GROUP BY time</c>). Times may come in
    /// any order and repeat (their counts add); times with no subject are dropped.
    /// </summary>
    /// <param name="times">Times, finite and ≥ 0.</param>
    /// <param name="events">Events at each time, ≥ 0.</param>
    /// <param name="censored">Censorings at each time, ≥ 0.</param>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A time is negative, NaN or infinite, or a count is negative; the message names its index and value.</exception>
    public static SurvivalTally FromCounts(ReadOnlySpan<double> times, ReadOnlySpan<long> events, ReadOnlySpan<long> censored)
    {
        if (events.Length != times.Length || censored.Length != times.Length)
        {
            throw new ArgumentException(
                $"times, events and censored must have one element per time; got {times.Length}, {events.Length} and {censored.Length}.",
                events.Length != times.Length ? nameof(events) : nameof(censored));
        }

        var order = new int[times.Length];
        var keys = new double[times.Length];
        for (int i = 0; i < times.Length; i++)
        {
            CheckDuration(times[i], nameof(times), i, "");
            if (events[i] < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(events), events[i], $"events[{i}] = {events[i]} is negative.");
            }

            if (censored[i] < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(censored), censored[i], $"censored[{i}] = {censored[i]} is negative.");
            }

            order[i] = i;
            keys[i] = times[i] + 0.0; // −0.0 → +0.0
        }

        Array.Sort(keys, order);
        var outTimes = new List<double>();
        var outEvents = new List<long>();
        var outCensored = new List<long>();
        for (int j = 0; j < order.Length; j++)
        {
            int i = order[j];
            if (events[i] == 0 && censored[i] == 0)
            {
                continue;
            }

            if (outTimes.Count > 0 && outTimes[^1] == keys[j])
            {
                outEvents[^1] = Add(outEvents[^1], events[i]);
                outCensored[^1] = Add(outCensored[^1], censored[i]);
            }
            else
            {
                outTimes.Add(keys[j]);
                outEvents.Add(events[i]);
                outCensored.Add(censored[i]);
            }
        }

        return outTimes.Count == 0 ? Empty : new SurvivalTally([.. outTimes], [.. outEvents], [.. outCensored]);
    }

    /// <summary>
    /// The tally as compact versioned JSON in canonical form:
    /// <c>{"version":2,"times":[1,2.5],"events":[1,0],"censored":[0,2],"entryTimes":[0.5],"entered":[1]}</c> (distinct exit times
    /// strictly increasing with the events and censorings at each; distinct entry times of late entrants with the number entering at
    /// each, both empty without delayed entry). Version 1 documents (without the entry arrays) are still read.
    /// </summary>
    public string ToJson() => AccumulatorJson.Serialize(ToState());

    /// <summary>Reads and validates a tally written by <see cref="ToJson"/> (version 2, or version 1 of earlier builds); <c>FromJson(t.ToJson())</c> equals <c>t</c>.</summary>
    /// <param name="json">The JSON document.</param>
    /// <exception cref="ArgumentException">The JSON is malformed or of an unknown version, an array is missing or of another length, a time is out of order or not finite, a count is negative or a row empty, or the entries are impossible for the exits; the message names the field, index and value.</exception>
    public static SurvivalTally FromJson(string json) => FromState(AccumulatorJson.Deserialize<SurvivalTallyState>(json));

    /// <summary>The serialisable, versioned state of this tally in canonical form (version <see cref="SurvivalTallyState.CurrentVersion"/>).</summary>
    internal SurvivalTallyState ToState() =>
        new(SurvivalTallyState.CurrentVersion, (double[])times.Clone(), (long[])events.Clone(), (long[])censored.Clone(),
            (double[])entryTimes.Clone(), (long[])entered.Clone());

    /// <summary>The tally a canonical state describes; <c>FromState(t.ToState())</c> equals <c>t</c>.</summary>
    /// <param name="state">A state of version 2 (or 1, without entries): times strictly increasing, finite and ≥ 0; every time with at least one subject; entries feasible.</param>
    /// <exception cref="ArgumentException">The version is unknown, an array is missing or of another length, a time is out of order or invalid, a count is negative or a row empty, or the entries are impossible; the message names the field, index and value.</exception>
    internal static SurvivalTally FromState(SurvivalTallyState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        const string type = nameof(SurvivalTallyState);
        if (state.Version != SurvivalTallyState.RightCensoredVersion)
        {
            Serialization.StateGuard.Version(state.Version, SurvivalTallyState.CurrentVersion, type);
        }

        var t = Serialization.StateGuard.Required(state.Times, type, nameof(state.Times));
        var d = Serialization.StateGuard.Required(state.Events, type, nameof(state.Events));
        var c = Serialization.StateGuard.Required(state.Censored, type, nameof(state.Censored));
        Serialization.StateGuard.SameLength(t.Length, d.Length, type, nameof(state.Times), nameof(state.Events));
        Serialization.StateGuard.SameLength(t.Length, c.Length, type, nameof(state.Times), nameof(state.Censored));
        CheckStateRows(t, d, c, type, nameof(state.Times), nameof(state.Events), nameof(state.Censored));
        double[] s = [];
        long[] e = [];
        if (state.Version == SurvivalTallyState.RightCensoredVersion)
        {
            if (state.EntryTimes is not null || state.Entered is not null)
            {
                throw Serialization.StateGuard.Invalid(type, nameof(state.EntryTimes),
                    "a version 1 state has no entry times (delayed entry came with version 2).");
            }
        }
        else
        {
            s = Serialization.StateGuard.Required(state.EntryTimes, type, nameof(state.EntryTimes));
            e = Serialization.StateGuard.Required(state.Entered, type, nameof(state.Entered));
            Serialization.StateGuard.SameLength(s.Length, e.Length, type, nameof(state.EntryTimes), nameof(state.Entered));
            CheckStateRows(s, e, null, type, nameof(state.EntryTimes), nameof(state.Entered), null);
        }

        if (t.Length == 0 && s.Length == 0)
        {
            return Empty;
        }

        var tally = new SurvivalTally(t.Select(x => x + 0.0).ToArray(), (long[])d.Clone(), (long[])c.Clone(), s.Select(x => x + 0.0).ToArray(), (long[])e.Clone());
        try
        {
            return Feasible(tally, "state");
        }
        catch (ArgumentException ex)
        {
            throw Serialization.StateGuard.Invalid(type, nameof(state.Entered), ex.Message);
        }
    }

    private static void CheckStateRows(double[] t, long[] first, long[]? second, string type, string timesField, string firstField, string? secondField)
    {
        for (int i = 0; i < t.Length; i++)
        {
            if (!(t[i] >= 0 && t[i] <= double.MaxValue) || (i > 0 && !(t[i] > t[i - 1])))
            {
                throw Serialization.StateGuard.Invalid(type, $"{timesField}[{i}]",
                    $"{Guard.Format(t[i])} is not a valid next time: times are finite, ≥ 0 and strictly increasing.");
            }

            Serialization.StateGuard.NonNegative(first[i], type, firstField, i);
            if (second is not null)
            {
                Serialization.StateGuard.NonNegative(second[i], type, secondField!, i);
            }

            if (first[i] == 0 && (second is null || second[i] == 0))
            {
                throw Serialization.StateGuard.Invalid(type, $"{firstField}[{i}]", $"the time {Guard.Format(t[i])} has no subject; a canonical state lists only times with a subject.");
            }
        }
    }

    /// <summary>Merges two tallies: counts add per time (a sorted merge, linear in the number of distinct times). Associative, commutative, with <see cref="Empty"/> as identity.</summary>
    /// <param name="left">A tally.</param>
    /// <param name="right">Another tally.</param>
    /// <exception cref="ArgumentNullException">A tally is null.</exception>
    public static SurvivalTally operator +(SurvivalTally left, SurvivalTally right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        if (right.IsEmpty)
        {
            return left;
        }

        if (left.IsEmpty)
        {
            return right;
        }

        var (times, events, censored) = MergeRows(left.times, left.events, left.censored, right.times, right.events, right.censored);
        var (entryTimes, entered, _) = MergeRows(left.entryTimes, left.entered, left.entered, right.entryTimes, right.entered, right.entered);
        return new SurvivalTally(times, events, censored, entryTimes, entered);
    }

    /// <summary>Sorted merge of two (time, count, count) row sets: counts add where times coincide.</summary>
    private static (double[] Times, long[] First, long[] Second) MergeRows(double[] a, long[] aFirst, long[] aSecond, double[] b, long[] bFirst, long[] bSecond)
    {
        if (b.Length == 0)
        {
            return (a, aFirst, aSecond);
        }

        if (a.Length == 0)
        {
            return (b, bFirst, bSecond);
        }

        int i = 0, j = 0, m = 0;
        while (i < a.Length || j < b.Length)
        {
            if (j == b.Length || (i < a.Length && a[i] < b[j]))
            {
                i++;
            }
            else if (i == a.Length || b[j] < a[i])
            {
                j++;
            }
            else
            {
                i++;
                j++;
            }

            m++;
        }

        var times = new double[m];
        var events = new long[m];
        var censored = new long[m];
        i = j = 0;
        for (int k = 0; k < m; k++)
        {
            if (j == b.Length || (i < a.Length && a[i] < b[j]))
            {
                (times[k], events[k], censored[k]) = (a[i], aFirst[i], aSecond[i]);
                i++;
            }
            else if (i == a.Length || b[j] < a[i])
            {
                (times[k], events[k], censored[k]) = (b[j], bFirst[j], bSecond[j]);
                j++;
            }
            else
            {
                (times[k], events[k], censored[k]) = (a[i], Add(aFirst[i], bFirst[j]), Add(aSecond[i], bSecond[j]));
                i++;
                j++;
            }
        }

        return (times, events, censored);
    }

    /// <summary>Merges <paramref name="other"/> into a new tally (same as <c>+</c>).</summary>
    /// <param name="other">The tally to merge.</param>
    public SurvivalTally Merge(SurvivalTally other) => this + other;

    /// <summary>True when both tallies have the same times and counts.</summary>
    /// <param name="other">The other tally.</param>
    public bool Equals(SurvivalTally? other) =>
        other is not null
        && (ReferenceEquals(this, other)
            || (times.AsSpan().SequenceEqual(other.times) && events.AsSpan().SequenceEqual(other.events)
                && censored.AsSpan().SequenceEqual(other.censored) && entryTimes.AsSpan().SequenceEqual(other.entryTimes)
                && entered.AsSpan().SequenceEqual(other.entered)));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as SurvivalTally);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Count);
        hash.Add(EventCount);
        for (int i = 0; i < times.Length; i++)
        {
            hash.Add(times[i]);
            hash.Add(events[i]);
            hash.Add(censored[i]);
        }

        for (int i = 0; i < entryTimes.Length; i++)
        {
            hash.Add(entryTimes[i]);
            hash.Add(entered[i]);
        }

        return hash.ToHashCode();
    }

    /// <summary>"n = …, events = …, censored = …, distinct times = …" (and ", delayed entries = …" when some subject entered late).</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"n = {Count}, events = {EventCount}, censored = {CensoredCount}, distinct times = {DistinctTimeCount}")
        + (HasDelayedEntry ? string.Create(CultureInfo.InvariantCulture, $", delayed entries = {DelayedEntryCount}") : "");

    private static SurvivalTally Build<TFlag>(ReadOnlySpan<double> durations, ReadOnlySpan<TFlag> flags, string durationsName, string eventsName)
        where TFlag : unmanaged, IBinaryInteger<TFlag>
    {
        if (durations.Length != flags.Length)
        {
            throw new ArgumentException(
                $"{durationsName} has {durations.Length} elements but {eventsName} has {flags.Length}: give one event flag per duration.", eventsName);
        }

        int n = durations.Length;
        if (n == 0)
        {
            return Empty;
        }

        // Pass 1: validate, and learn whether every time is a whole number small enough to count directly.
        double max = 0;
        bool whole = true;
        for (int i = 0; i < n; i++)
        {
            double d = durations[i];
            if (!(d >= 0 && d <= double.MaxValue))
            {
                CheckDuration(d, durationsName, i, "");
            }

            TFlag f = flags[i];
            if (f != TFlag.Zero && f != TFlag.One)
            {
                throw BadFlag(eventsName, i, long.CreateTruncating(f));
            }

            max = Math.Max(max, d);
            whole &= d == Math.Floor(d);
        }

        if (whole && max <= CountingLimit(n))
        {
            return CountWholeTimes(durations, flags, (int)max);
        }

        ulong[] keys = ArrayPool<ulong>.Shared.Rent(n);
        ulong[] scratch = ArrayPool<ulong>.Shared.Rent(n);
        try
        {
            for (int i = 0; i < n; i++)
            {
                keys[i] = SurvivalSort.Key(durations[i], ulong.CreateTruncating(flags[i]));
            }

            return FromSortedKeys(SurvivalSort.Sort(keys.AsSpan(0, n), scratch.AsSpan(0, n)));
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(keys);
            ArrayPool<ulong>.Shared.Return(scratch);
        }
    }

    /// <summary>Whole-number times up to this bound are counted in an array of 2·(max + 1) ints instead of sorted.</summary>
    private static double CountingLimit(int n) => Math.Min((2.0 * n) + 256, (int.MaxValue / 2) - 1);

    /// <summary>Counting sort for whole-number times in [0, max]: slot 2t holds censorings at t, slot 2t + 1 events.</summary>
    private static SurvivalTally CountWholeTimes<TFlag>(ReadOnlySpan<double> durations, ReadOnlySpan<TFlag> flags, int max)
        where TFlag : unmanaged, IBinaryInteger<TFlag>
    {
        int slots = 2 * (max + 1);
        int[] rented = ArrayPool<int>.Shared.Rent(slots);
        try
        {
            var counts = rented.AsSpan(0, slots);
            counts.Clear();
            for (int i = 0; i < durations.Length; i++)
            {
                counts[(2 * (int)durations[i]) + int.CreateTruncating(flags[i])]++;
            }

            int m = 0;
            for (int t = 0; t <= max; t++)
            {
                m += (counts[2 * t] | counts[(2 * t) + 1]) != 0 ? 1 : 0;
            }

            var times = new double[m];
            var events = new long[m];
            var censored = new long[m];
            int k = 0;
            for (int t = 0; t <= max; t++)
            {
                int c = counts[2 * t], d = counts[(2 * t) + 1];
                if ((c | d) != 0)
                {
                    times[k] = t;
                    events[k] = d;
                    censored[k] = c;
                    k++;
                }
            }

            return new SurvivalTally(times, events, censored);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(rented);
        }
    }

    /// <summary>One pass over sorted keys: runs of equal time become one row; the low bit splits events from censorings.</summary>
    private static SurvivalTally FromSortedKeys(ReadOnlySpan<ulong> keys)
    {
        int m = 1;
        for (int i = 1; i < keys.Length; i++)
        {
            m += (keys[i] >> 1) != (keys[i - 1] >> 1) ? 1 : 0;
        }

        var times = new double[m];
        var events = new long[m];
        var censored = new long[m];
        int k = -1;
        ulong previous = ulong.MaxValue; // no valid key has all 63 time bits set (that would be a NaN)
        foreach (ulong key in keys)
        {
            ulong time = key >> 1;
            if (time != previous)
            {
                k++;
                times[k] = SurvivalSort.Time(key);
                previous = time;
            }

            if ((key & 1) != 0)
            {
                events[k]++;
            }
            else
            {
                censored[k]++;
            }
        }

        return new SurvivalTally(times, events, censored);
    }

    /// <summary>Validates start/stop pairs: start finite and ≥ 0, stop finite and &gt; start (R refuses stop ≤ start).</summary>
    private static void CheckStartStop(ReadOnlySpan<double> starts, ReadOnlySpan<double> stops, string paramName, string startMember, string stopMember)
    {
        string startsName = startMember.Length == 0 ? nameof(starts) : paramName;
        string stopsName = stopMember.Length == 0 ? nameof(stops) : paramName;
        if (starts.Length != stops.Length)
        {
            throw new ArgumentException(
                $"starts has {starts.Length} elements but stops has {stops.Length}: give one start and one stop per subject.", nameof(stops));
        }

        for (int i = 0; i < starts.Length; i++)
        {
            double start = starts[i], stop = stops[i];
            if (!(start >= 0 && start <= double.MaxValue))
            {
                throw new ArgumentOutOfRangeException(startsName, start,
                    $"{startsName}[{i}]{startMember} = {Guard.Format(start)} is not a valid entry time: entry times must be finite and ≥ 0.");
            }

            if (!(stop > start && stop <= double.MaxValue))
            {
                throw new ArgumentOutOfRangeException(stopsName, stop,
                    $"{stopsName}[{i}]{stopMember} = {Guard.Format(stop)} is not a valid exit time for the entry time {Guard.Format(start)}: the exit must be finite and after the entry (R's Surv(start, stop) needs stop > start).");
            }
        }
    }

    private static SurvivalTally StartStop<TFlag>(ReadOnlySpan<double> starts, ReadOnlySpan<double> stops, ReadOnlySpan<TFlag> flags)
        where TFlag : unmanaged, IBinaryInteger<TFlag>
    {
        CheckStartStop(starts, stops, "", "", "");
        return WithEntries(starts, Build(stops, flags, nameof(stops), "events"));
    }

    /// <summary>Adds the entry times of validated start/stop rows to the tally of their exits.</summary>
    private static SurvivalTally WithEntries(ReadOnlySpan<double> starts, SurvivalTally exits)
    {
        if (starts.Length == 0)
        {
            return exits;
        }

        var sorted = starts.ToArray();
        Array.Sort(sorted);
        int m = 1;
        for (int i = 1; i < sorted.Length; i++)
        {
            m += sorted[i] != sorted[i - 1] ? 1 : 0;
        }

        var entryTimes = new double[m];
        var entered = new long[m];
        int k = -1;
        for (int i = 0; i < sorted.Length; i++)
        {
            if (i == 0 || sorted[i] != sorted[i - 1])
            {
                k++;
                entryTimes[k] = sorted[i] + 0.0; // −0.0 → +0.0
            }

            entered[k]++;
        }

        return new SurvivalTally(exits.times, exits.events, exits.censored, entryTimes, entered);
    }

    /// <summary>
    /// Refuses counts no data could produce: more late entries than subjects, or exits at a time tᵢ beyond the subjects at risk there
    /// (entered strictly before tᵢ). This is also sufficient: entries can then be matched to later exits one to one.
    /// </summary>
    private static SurvivalTally Feasible(SurvivalTally tally, string paramName)
    {
        if (tally.DelayedEntryCount > tally.Count)
        {
            throw new ArgumentException(
                $"{tally.DelayedEntryCount} subjects enter late but only {tally.Count} leave (events + censorings): every entering subject must also exit.",
                paramName);
        }

        var cursor = new RiskCursor(tally);
        for (int i = 0; i < tally.times.Length; i++)
        {
            long risk = cursor.AtRisk(tally.times[i]);
            if (risk < tally.events[i] + tally.censored[i])
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"At the exit time {Guard.Format(tally.times[i])} {tally.events[i] + tally.censored[i]} subjects leave but only {risk} are at risk (entered strictly before it): the counts describe no possible data."),
                    paramName);
            }
        }

        return tally;
    }

    private static void CheckDuration(double value, string paramName, long index, string member)
    {
        if (!(value >= 0 && value <= double.MaxValue))
        {
            throw new ArgumentOutOfRangeException(paramName, value,
                $"{paramName}[{index}]{member} = {Guard.Format(value)} is not a valid duration: durations must be finite and ≥ 0.");
        }
    }

    /// <summary>a + b for counts; a sum beyond <see cref="long.MaxValue"/> is refused as an argument error, not an <see cref="OverflowException"/>.</summary>
    private static long Add(long a, long b) => a > long.MaxValue - b ? throw TooMany() : a + b;

    private static ArgumentOutOfRangeException TooMany() =>
        new("counts", string.Create(CultureInfo.InvariantCulture, $"The counts sum to more than {long.MaxValue} subjects (Int64.MaxValue)."));

    private static ArgumentOutOfRangeException BadFlag(string paramName, long index, long value) =>
        new(paramName, value, $"{paramName}[{index}] = {value} is not an event flag: use 1 for an event (churned) and 0 for censored (still active).");

    /// <summary>Growable builder of durations and flags used while streaming; the flags are 0/1 bytes.</summary>
    internal sealed class Builder
    {
        private readonly List<double> durations = [];
        private readonly List<byte> flags = [];

        public void Add(double duration, bool churned)
        {
            durations.Add(duration);
            flags.Add(churned ? (byte)1 : (byte)0);
        }

        public SurvivalTally Build() =>
            SurvivalTally.Build<byte>(CollectionsMarshal.AsSpan(durations), CollectionsMarshal.AsSpan(flags), "durations", "events");
    }
}
