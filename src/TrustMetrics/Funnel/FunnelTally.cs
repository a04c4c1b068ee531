using TrustMetrics.Serialization;

namespace TrustMetrics.Funnel;

/// <summary>
/// A journey funnel's counts: for each ordered stage, the number of users whose furthest stage it is. A user who reached stage i
/// passed every earlier stage (a closed funnel), so the number reaching stage i is the sum over stages ≥ i. Tallies over the same
/// stages merge by adding counts (the tally of a concatenation is the sum) and travel as versioned JSON
/// (<c>{"version":1,"stages":[…],"furthestCounts":[…]}</c>). Immutable.
/// </summary>
public sealed class FunnelTally : IAccumulator<FunnelTally>, System.Numerics.IAdditionOperators<FunnelTally, FunnelTally, FunnelTally>, IEquatable<FunnelTally>
{
    private readonly string[] stages;
    private readonly long[] furthest;

    private FunnelTally(string[] stages, long[] furthest)
    {
        this.stages = stages;
        this.furthest = furthest;
        long total = 0;
        foreach (long count in furthest)
        {
            total = Sum(total, count, "furthest counts");
        }

        Count = total;
    }

    /// <summary>Stage names in funnel order.</summary>
    public IReadOnlyList<string> Stages => stages;

    /// <summary>Users whose furthest stage is each stage, in funnel order.</summary>
    public ReadOnlySpan<long> FurthestCounts => furthest;

    /// <summary>Number of users n₀ (those who entered the first stage).</summary>
    public long Count { get; }

    /// <summary>Users who reached stage <paramref name="stage"/> (index in funnel order): Σ_{j ≥ stage} furthest_j.</summary>
    /// <param name="stage">0 ≤ stage &lt; number of stages.</param>
    public long Reached(int stage)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(stage);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(stage, stages.Length);
        long total = 0;
        for (int j = stage; j < furthest.Length; j++)
        {
            total += furthest[j];
        }

        return total;
    }

    /// <summary>An empty funnel over <paramref name="stages"/>.</summary>
    /// <param name="stages">At least two distinct, non-blank stage names in order.</param>
    /// <exception cref="ArgumentException">Fewer than two stages, a blank name or a repeated name.</exception>
    public static FunnelTally Empty(IEnumerable<string> stages)
    {
        var names = CheckStages(stages);
        return new FunnelTally(names, new long[names.Length]);
    }

    /// <summary>A funnel from the number of users reaching each stage, n₀ ≥ n₁ ≥ … (survey-metrics.md §6.1).</summary>
    /// <param name="stages">Stage names in order.</param>
    /// <param name="reached">Users reaching each stage; non-increasing and non-negative.</param>
    /// <exception cref="ArgumentException">The lengths differ, or a count exceeds the one before it (an open funnel; the message names the stage).</exception>
    public static FunnelTally FromReached(IEnumerable<string> stages, ReadOnlySpan<long> reached)
    {
        var names = CheckStages(stages);
        if (reached.Length != names.Length)
        {
            throw new ArgumentException($"{names.Length} stages but {reached.Length} counts were given.", nameof(reached));
        }

        var furthest = new long[names.Length];
        for (int i = 0; i < reached.Length; i++)
        {
            if (reached[i] < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(reached), reached[i], $"reached[{i}] ('{names[i]}') = {reached[i]} is negative.");
            }

            long next = i + 1 < reached.Length ? reached[i + 1] : 0;
            if (next > reached[i])
            {
                throw new ArgumentException(
                    $"reached[{i + 1}] ('{names[i + 1]}') = {next} exceeds reached[{i}] ('{names[i]}') = {reached[i]}: every stage must be a subset of the one before it.",
                    nameof(reached));
            }

            furthest[i] = reached[i] - next;
        }

        return new FunnelTally(names, furthest);
    }

    /// <summary>This tally with one more user whose furthest stage is <paramref name="stage"/>.</summary>
    /// <param name="stage">Index in funnel order.</param>
    public FunnelTally Add(int stage)
    {
        if ((uint)stage >= (uint)stages.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(stage), stage, $"The stage index must lie in [0, {stages.Length - 1}]; got {stage}.");
        }

        var copy = (long[])furthest.Clone();
        copy[stage] = Sum(copy[stage], 1, nameof(stage));
        return new FunnelTally(stages, copy);
    }

    /// <summary>The tally as compact versioned JSON: <c>{"version":1,"stages":["visit","cart"],"furthestCounts":[70,30]}</c>.</summary>
    public string ToJson() => AccumulatorJson.Serialize(ToState());

    /// <summary>Reads and validates a tally written by <see cref="ToJson"/>; <c>FromJson(t.ToJson())</c> equals <c>t</c>.</summary>
    /// <param name="json">The JSON document.</param>
    /// <exception cref="ArgumentException">The JSON is malformed, of an unknown version, or its stages or counts are invalid; the message names the field and value.</exception>
    public static FunnelTally FromJson(string json) => FromState(AccumulatorJson.Deserialize<FunnelTallyState>(json));

    /// <summary>The serialisable, versioned state of this tally (version <see cref="FunnelTallyState.CurrentVersion"/>).</summary>
    internal FunnelTallyState ToState() => new(FunnelTallyState.CurrentVersion, (string[])stages.Clone(), (long[])furthest.Clone());

    /// <summary>The tally a state describes; <c>FromState(t.ToState())</c> equals <c>t</c>.</summary>
    /// <param name="state">A state of version <see cref="FunnelTallyState.CurrentVersion"/>.</param>
    /// <exception cref="ArgumentException">The version is unknown, the stages invalid, or the counts missing, of the wrong length or negative; the message names the field and value.</exception>
    internal static FunnelTally FromState(FunnelTallyState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        const string type = nameof(FunnelTallyState);
        Serialization.StateGuard.Version(state.Version, FunnelTallyState.CurrentVersion, type);
        var names = Serialization.StateGuard.Required(state.Stages, type, nameof(state.Stages));
        var counts = Serialization.StateGuard.Required(state.FurthestCounts, type, nameof(state.FurthestCounts));
        try
        {
            names = CheckStages(names);
        }
        catch (ArgumentException e)
        {
            throw Serialization.StateGuard.Invalid(type, nameof(state.Stages), e.Message);
        }

        Serialization.StateGuard.SameLength(names.Length, counts.Length, type, nameof(state.Stages), nameof(state.FurthestCounts));
        for (int i = 0; i < counts.Length; i++)
        {
            Serialization.StateGuard.NonNegative(counts[i], type, nameof(state.FurthestCounts), i);
        }

        return new FunnelTally(names, (long[])counts.Clone());
    }

    /// <summary>True when both tallies have the same stages and counts.</summary>
    /// <param name="other">The other tally.</param>
    public bool Equals(FunnelTally? other) =>
        other is not null && stages.AsSpan().SequenceEqual(other.stages) && furthest.AsSpan().SequenceEqual(other.furthest);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as FunnelTally);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (string s in stages)
        {
            hash.Add(s, StringComparer.Ordinal);
        }

        foreach (long c in furthest)
        {
            hash.Add(c);
        }

        return hash.ToHashCode();
    }

    /// <summary>Counts furthest stages given as indices.</summary>
    /// <param name="stages">Stage names in order.</param>
    /// <param name="furthestStages">Each user's furthest stage index.</param>
    /// <exception cref="ArgumentOutOfRangeException">An index is off the funnel; the message names its position and value.</exception>
    public static FunnelTally FromFurthestStages(IEnumerable<string> stages, ReadOnlySpan<int> furthestStages)
    {
        var names = CheckStages(stages);
        var counts = new long[names.Length];
        for (int i = 0; i < furthestStages.Length; i++)
        {
            int s = furthestStages[i];
            if ((uint)s >= (uint)names.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(furthestStages), s, $"furthestStages[{i}] = {s} is not a stage index in [0, {names.Length - 1}].");
            }

            counts[s]++;
        }

        return new FunnelTally(names, counts);
    }

    /// <summary>Merges two tallies over the same stages: counts add.</summary>
    /// <param name="left">A tally.</param>
    /// <param name="right">A tally over the same stages.</param>
    /// <exception cref="ArgumentException">The stages differ.</exception>
    public static FunnelTally operator +(FunnelTally left, FunnelTally right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        if (!left.stages.AsSpan().SequenceEqual(right.stages))
        {
            throw new ArgumentException(
                $"Cannot merge funnels with different stages: [{string.Join(", ", left.stages)}] and [{string.Join(", ", right.stages)}].", nameof(right));
        }

        var sum = new long[left.furthest.Length];
        for (int i = 0; i < sum.Length; i++)
        {
            sum[i] = Sum(left.furthest[i], right.furthest[i], nameof(right));
        }

        return new FunnelTally(left.stages, sum);
    }

    /// <summary>The tally of both inputs: counts add (same as <c>+</c>).</summary>
    /// <param name="other">A tally over the same stages.</param>
    /// <exception cref="ArgumentException">The stages differ.</exception>
    public FunnelTally Merge(FunnelTally other) => this + other;

    /// <summary>count + more for non-negative counts; a total beyond <see cref="long.MaxValue"/> is refused, not wrapped.</summary>
    private static long Sum(long count, long more, string paramName) =>
        count <= long.MaxValue - more ? count + more
            : throw new ArgumentOutOfRangeException(paramName, $"The funnel counts add up to more than the largest count ({long.MaxValue}): {count} + {more}.");

    private static string[] CheckStages(IEnumerable<string> stages)
    {
        ArgumentNullException.ThrowIfNull(stages);
        var names = stages.ToArray();
        if (names.Length < 2)
        {
            throw new ArgumentException($"A funnel needs at least 2 stages; got {names.Length}.", nameof(stages));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < names.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(names[i]))
            {
                throw new ArgumentException($"stages[{i}] is blank.", nameof(stages));
            }

            if (!seen.Add(names[i]))
            {
                throw new ArgumentException($"stages[{i}] = '{names[i]}' repeats an earlier stage.", nameof(stages));
            }
        }

        return names;
    }
}
