using System.Globalization;
using System.Numerics;
using TrustMetrics.Serialization;

namespace TrustMetrics.Survival;

/// <summary>
/// Right-censored durations with competing causes reduced to their sufficient statistic: for each distinct time tᵢ (ascending), the
/// events dₖᵢ of each cause k (e.g. "voluntary" churn and "payment failure") and the censorings cᵢ (still active). The Aalen–Johansen
/// cumulative incidence and Gray's test need nothing else. Tallies merge by adding counts per time and cause (causes are matched by
/// name), so per-shard tallies summed equal the tally of the whole (<c>+</c>, <see cref="Merge"/>, versioned JSON through
/// <see cref="ToJson"/>/<see cref="FromJson"/>). Canonical form: causes sorted ordinally, each with at least one event; strictly
/// increasing times, each with at least one subject. Immutable and thread-safe.
/// </summary>
public sealed class CompetingRisksTally :
    IAccumulator<CompetingRisksTally>,
    IAdditionOperators<CompetingRisksTally, CompetingRisksTally, CompetingRisksTally>,
    IEquatable<CompetingRisksTally>
{
    private readonly string[] causes;
    private readonly double[] times;
    private readonly long[][] events; // events[k][i]: cause k at time i
    private readonly long[] censored;

    private CompetingRisksTally(string[] causes, double[] times, long[][] events, long[] censored)
    {
        this.causes = causes;
        this.times = times;
        this.events = events;
        this.censored = censored;
        long count = 0, eventCount = 0;
        try
        {
            for (int i = 0; i < times.Length; i++)
            {
                count = checked(count + censored[i]);
                foreach (var cause in events)
                {
                    eventCount = checked(eventCount + cause[i]);
                }
            }

            Count = checked(count + eventCount);
        }
        catch (OverflowException)
        {
            throw new ArgumentOutOfRangeException("counts", string.Create(CultureInfo.InvariantCulture, $"The counts sum to more than {long.MaxValue} subjects."));
        }

        EventCount = eventCount;
        Causes = Array.AsReadOnly(causes);
    }

    /// <summary>The empty tally: no subject. The identity of <c>+</c>.</summary>
    public static CompetingRisksTally Empty { get; } = new([], [], [], []);

    /// <summary>The causes with at least one event, in ordinal order.</summary>
    public IReadOnlyList<string> Causes { get; }

    /// <summary>Number of subjects n.</summary>
    public long Count { get; }

    /// <summary>Number of events of any cause.</summary>
    public long EventCount { get; }

    /// <summary>Number of censored subjects.</summary>
    public long CensoredCount => Count - EventCount;

    /// <summary>True when the tally holds no subject.</summary>
    public bool IsEmpty => times.Length == 0;

    /// <summary>Number of distinct times.</summary>
    public int DistinctTimeCount => times.Length;

    /// <summary>The distinct times, strictly increasing, finite and ≥ 0.</summary>
    public ReadOnlySpan<double> Times => times;

    /// <summary>Censorings at each time of <see cref="Times"/>.</summary>
    public ReadOnlySpan<long> Censored => censored;

    /// <summary>Events of cause <see cref="Causes"/>[<paramref name="cause"/>] at each time of <see cref="Times"/>.</summary>
    /// <param name="cause">Index into <see cref="Causes"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside the causes.</exception>
    public ReadOnlySpan<long> EventsOf(int cause)
    {
        if ((uint)cause >= (uint)causes.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(cause), cause, $"The cause index must be in [0, {causes.Length}); got {cause}.");
        }

        return events[cause];
    }

    /// <summary>The all-cause tally (every event as churn), for the Kaplan–Meier curve of staying and the log-rank test.</summary>
    public SurvivalTally AllCauses()
    {
        var all = new long[times.Length];
        for (int i = 0; i < times.Length; i++)
        {
            foreach (var cause in events)
            {
                all[i] += cause[i];
            }
        }

        return SurvivalTally.FromCounts(times, all, censored);
    }

    /// <summary>
    /// Tallies one subject per row: its duration and the cause it churned from, or null (or empty) when it is still active (censored).
    /// </summary>
    /// <param name="subjects">(duration finite and ≥ 0, cause) rows.</param>
    /// <exception cref="ArgumentNullException"><paramref name="subjects"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A duration is negative, NaN or infinite; the message names its row and value.</exception>
    public static CompetingRisksTally FromRows(IEnumerable<(double Duration, string? Cause)> subjects)
    {
        ArgumentNullException.ThrowIfNull(subjects);
        var rows = new Dictionary<(double, string), long>();
        long index = 0;
        foreach (var (duration, cause) in subjects)
        {
            if (!(duration >= 0 && duration <= double.MaxValue))
            {
                throw new ArgumentOutOfRangeException(nameof(subjects), duration,
                    $"{nameof(subjects)}[{index}].Duration = {Guard.Format(duration)} is not a valid duration: durations must be finite and ≥ 0.");
            }

            var key = (duration + 0.0, string.IsNullOrEmpty(cause) ? "" : cause);
            rows[key] = rows.GetValueOrDefault(key) + 1;
            index++;
        }

        return Build(rows);
    }

    /// <summary>
    /// Builds a tally from counts per (time, cause), e.g. a SQL <c>GROUP BY time, cause</c>; a null or empty cause counts censorings.
    /// Rows may come in any order and repeat (their counts add).
    /// </summary>
    /// <param name="times">Times, finite and ≥ 0.</param>
    /// <param name="causes">The cause of each row; null or empty for censored.</param>
    /// <param name="counts">Subjects in each row, ≥ 0.</param>
    /// <exception cref="ArgumentException">The inputs differ in length.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="causes"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A time or count is invalid; the message names its index and value.</exception>
    public static CompetingRisksTally FromCounts(ReadOnlySpan<double> times, IReadOnlyList<string?> causes, ReadOnlySpan<long> counts)
    {
        ArgumentNullException.ThrowIfNull(causes);
        if (causes.Count != times.Length || counts.Length != times.Length)
        {
            throw new ArgumentException(
                $"times, causes and counts must have one element per row; got {times.Length}, {causes.Count} and {counts.Length}.", nameof(counts));
        }

        var rows = new Dictionary<(double, string), long>();
        for (int i = 0; i < times.Length; i++)
        {
            if (!(times[i] >= 0 && times[i] <= double.MaxValue))
            {
                throw new ArgumentOutOfRangeException(nameof(times), times[i], $"times[{i}] = {Guard.Format(times[i])} is not a valid time: times must be finite and ≥ 0.");
            }

            if (counts[i] < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(counts), counts[i], $"counts[{i}] = {counts[i]} is negative.");
            }

            var key = (times[i] + 0.0, string.IsNullOrEmpty(causes[i]) ? "" : causes[i]!);
            rows[key] = Add(rows.GetValueOrDefault(key), counts[i]);
        }

        return Build(rows);
    }

    /// <summary>Compact versioned JSON: <c>{"version":1,"causes":["payment","voluntary"],"times":[1,2],"censored":[0,1],"events":[[1,0],[0,2]]}</c> (events per cause, per time).</summary>
    public string ToJson() => AccumulatorJson.Serialize(ToState());

    /// <summary>Reads and validates a tally written by <see cref="ToJson"/>.</summary>
    /// <param name="json">The JSON document.</param>
    /// <exception cref="ArgumentException">The JSON is malformed, of an unknown version, or not canonical (causes unsorted, repeated, empty or without events; times out of order; negative counts; an empty time); the message names the field.</exception>
    public static CompetingRisksTally FromJson(string json) => FromState(AccumulatorJson.Deserialize<CompetingRisksTallyState>(json));

    internal CompetingRisksTallyState ToState() => new(CompetingRisksTallyState.CurrentVersion, (string[])causes.Clone(), (double[])times.Clone(),
        (long[])censored.Clone(), events.Select(e => (long[])e.Clone()).ToArray());

    internal static CompetingRisksTally FromState(CompetingRisksTallyState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        const string type = nameof(CompetingRisksTallyState);
        StateGuard.Version(state.Version, CompetingRisksTallyState.CurrentVersion, type);
        var c = StateGuard.Required(state.Causes, type, nameof(state.Causes));
        var t = StateGuard.Required(state.Times, type, nameof(state.Times));
        var cens = StateGuard.Required(state.Censored, type, nameof(state.Censored));
        var e = StateGuard.Required(state.Events, type, nameof(state.Events));
        StateGuard.SameLength(t.Length, cens.Length, type, nameof(state.Times), nameof(state.Censored));
        StateGuard.SameLength(c.Length, e.Length, type, nameof(state.Causes), nameof(state.Events));
        for (int k = 0; k < c.Length; k++)
        {
            if (string.IsNullOrEmpty(c[k]) || (k > 0 && string.CompareOrdinal(c[k - 1], c[k]) >= 0))
            {
                throw StateGuard.Invalid(type, $"{nameof(state.Causes)}[{k}]", $"'{c[k]}' is not a valid next cause: causes are non-empty, distinct and in ordinal order.");
            }

            var ek = StateGuard.Required(e[k], type, $"{nameof(state.Events)}[{k}]");
            StateGuard.SameLength(t.Length, ek.Length, type, nameof(state.Times), $"{nameof(state.Events)}[{k}]");
            if (ek.All(x => x == 0))
            {
                throw StateGuard.Invalid(type, $"{nameof(state.Events)}[{k}]", $"the cause '{c[k]}' has no event; a canonical state lists only causes with events.");
            }
        }

        for (int i = 0; i < t.Length; i++)
        {
            if (!(t[i] >= 0 && t[i] <= double.MaxValue) || (i > 0 && !(t[i] > t[i - 1])))
            {
                throw StateGuard.Invalid(type, $"{nameof(state.Times)}[{i}]", $"{Guard.Format(t[i])} is not a valid next time: times are finite, ≥ 0 and strictly increasing.");
            }

            StateGuard.NonNegative(cens[i], type, nameof(state.Censored), i);
            long any = cens[i];
            for (int k = 0; k < c.Length; k++)
            {
                StateGuard.NonNegative(e[k][i], type, $"{nameof(state.Events)}[{k}]", i);
                any |= e[k][i];
            }

            if (any == 0)
            {
                throw StateGuard.Invalid(type, $"{nameof(state.Times)}[{i}]", $"the time {Guard.Format(t[i])} has no subject; a canonical state lists only times with a subject.");
            }
        }

        return t.Length == 0 ? Empty
            : new CompetingRisksTally((string[])c.Clone(), t.Select(x => x + 0.0).ToArray(), e.Select(x => (long[])x.Clone()).ToArray(), (long[])cens.Clone());
    }

    /// <summary>Merges two tallies: counts add per time and cause (causes matched by name). Associative, commutative, <see cref="Empty"/> the identity.</summary>
    /// <param name="left">A tally.</param>
    /// <param name="right">Another tally.</param>
    /// <exception cref="ArgumentNullException">A tally is null.</exception>
    public static CompetingRisksTally operator +(CompetingRisksTally left, CompetingRisksTally right)
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

        var rows = new Dictionary<(double, string), long>();
        foreach (var tally in (CompetingRisksTally[])[left, right])
        {
            for (int i = 0; i < tally.times.Length; i++)
            {
                var key = (tally.times[i], "");
                rows[key] = Add(rows.GetValueOrDefault(key), tally.censored[i]);
                for (int k = 0; k < tally.causes.Length; k++)
                {
                    key = (tally.times[i], tally.causes[k]);
                    rows[key] = Add(rows.GetValueOrDefault(key), tally.events[k][i]);
                }
            }
        }

        return Build(rows);
    }

    /// <summary>Merges <paramref name="other"/> into a new tally (same as <c>+</c>).</summary>
    /// <param name="other">The tally to merge.</param>
    public CompetingRisksTally Merge(CompetingRisksTally other) => this + other;

    /// <summary>True when both tallies have the same causes, times and counts.</summary>
    /// <param name="other">The other tally.</param>
    public bool Equals(CompetingRisksTally? other) =>
        other is not null
        && (ReferenceEquals(this, other)
            || (causes.AsSpan().SequenceEqual(other.causes) && times.AsSpan().SequenceEqual(other.times)
                && censored.AsSpan().SequenceEqual(other.censored)
                && events.Zip(other.events).All(p => p.First.AsSpan().SequenceEqual(p.Second))));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as CompetingRisksTally);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Count);
        hash.Add(EventCount);
        foreach (string cause in causes)
        {
            hash.Add(cause, StringComparer.Ordinal);
        }

        foreach (double time in times)
        {
            hash.Add(time);
        }

        return hash.ToHashCode();
    }

    /// <summary>"n = 100, censored = 40, voluntary = 35, payment = 25, distinct times = 80" (invariant culture).</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"n = {Count}, censored = {CensoredCount}{string.Concat(causes.Select((c, k) => $", {c} = {events[k].Sum()}"))}, distinct times = {DistinctTimeCount}");

    private static CompetingRisksTally Build(Dictionary<(double Time, string Cause), long> rows)
    {
        var causes = rows.Where(r => r.Key.Cause.Length > 0 && r.Value > 0).Select(r => r.Key.Cause).Distinct().Order(StringComparer.Ordinal).ToArray();
        var times = rows.Where(r => r.Value > 0).Select(r => r.Key.Time).Distinct().Order().ToArray();
        if (times.Length == 0)
        {
            return Empty;
        }

        var timeIndex = new Dictionary<double, int>(times.Length);
        for (int i = 0; i < times.Length; i++)
        {
            timeIndex[times[i]] = i;
        }

        var causeIndex = causes.Select((c, k) => (c, k)).ToDictionary(p => p.c, p => p.k, StringComparer.Ordinal);
        var events = causes.Select(_ => new long[times.Length]).ToArray();
        var censored = new long[times.Length];
        foreach (var ((time, cause), count) in rows)
        {
            if (count == 0)
            {
                continue;
            }

            int i = timeIndex[time];
            if (cause.Length == 0)
            {
                censored[i] = Add(censored[i], count);
            }
            else
            {
                events[causeIndex[cause]][i] = Add(events[causeIndex[cause]][i], count);
            }
        }

        return new CompetingRisksTally(causes, times, events, censored);
    }

    private static long Add(long a, long b) => a > long.MaxValue - b
        ? throw new ArgumentOutOfRangeException("counts", string.Create(CultureInfo.InvariantCulture, $"The counts sum to more than {long.MaxValue} subjects."))
        : a + b;
}

/// <summary>The serialisable, versioned form of a <see cref="CompetingRisksTally"/> in canonical form.</summary>
/// <param name="Version">Format version: 1.</param>
/// <param name="Causes">Causes with at least one event, ordinal order.</param>
/// <param name="Times">Distinct times, strictly increasing, finite and ≥ 0.</param>
/// <param name="Censored">Censorings at each time.</param>
/// <param name="Events">Events per cause (outer, as <paramref name="Causes"/>) per time (inner).</param>
internal sealed record CompetingRisksTallyState(int Version, string[] Causes, double[] Times, long[] Censored, long[][] Events)
{
    /// <summary>The format version this build writes and reads: 1.</summary>
    public const int CurrentVersion = 1;
}
