using System.Numerics;
using System.Runtime.InteropServices;
using TrustMetrics.Serialization;

namespace TrustMetrics.Scales;

/// <summary>
/// The distribution of answers on a <see cref="RatingScale"/>: one count per scale point. It is the sufficient statistic of
/// CSAT and CES (top-box share, mean, variance), and it merges by adding counts, so tallies of partitions add up to the
/// tally of the whole (<see cref="Merge"/>); it travels as JSON (<see cref="ToJson"/>, <see cref="FromJson"/>). Immutable and
/// thread-safe; counts are never negative.
/// </summary>
public sealed class ScaleTally : IAccumulator<ScaleTally>, IEquatable<ScaleTally>
{
    private readonly long[] counts;

    private ScaleTally(RatingScale scale, long[] counts)
    {
        Scale = scale;
        this.counts = counts;
        foreach (long c in counts)
        {
            Count = Count <= long.MaxValue - c ? Count + c
                : throw new ArgumentOutOfRangeException(nameof(counts), $"The counts add up to more than {long.MaxValue}.");
        }
    }

    /// <summary>The answer scale.</summary>
    public RatingScale Scale { get; }

    /// <summary>Number of answers n.</summary>
    public long Count { get; }

    /// <summary>Counts per scale point, index 0 holding <c>Scale.Min</c>.</summary>
    public ReadOnlySpan<long> Counts => counts;

    /// <summary>The empty tally on <paramref name="scale"/>.</summary>
    /// <param name="scale">The answer scale.</param>
    public static ScaleTally Empty(RatingScale scale) => new(CheckScale(scale), new long[scale.Points]);

    /// <summary>Number of answers equal to <paramref name="score"/> (users read <c>Counts[score - Scale.Min]</c>).</summary>
    /// <param name="score">A point on the scale.</param>
    internal long CountOf(int score) => Scale.Contains(score) ? counts[score - Scale.Min]
        : throw new ArgumentOutOfRangeException(nameof(score), score, $"{score} is not on the scale {Scale}.");

    /// <summary>Number of answers ≥ <paramref name="threshold"/> (the top box when threshold is e.g. 4 on 1–5).</summary>
    /// <param name="threshold">A point on the scale.</param>
    internal long CountAtLeast(int threshold)
    {
        if (!Scale.Contains(threshold))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, $"The threshold {threshold} is not on the scale {Scale}.");
        }

        long total = 0;
        for (int i = threshold - Scale.Min; i < counts.Length; i++)
        {
            total += counts[i];
        }

        return total;
    }

    /// <summary>Mean answer Σk·c_k / n; requires a non-empty tally (users read it from <see cref="ScaleMetricResult.Mean"/>).</summary>
    internal double Mean
    {
        get
        {
            if (Count == 0)
            {
                throw new InvalidOperationException("The mean of an empty tally is undefined.");
            }

            return Statistics.Descriptive.MeanOfCounts(counts, Scale.Min, Count);
        }
    }

    /// <summary>Sample variance Σc_k(k − mean)²/(n − 1); 0 when n = 1.</summary>
    internal double SampleVariance
    {
        get
        {
            double mean = Mean; // throws for an empty tally, as before
            return Count > 1 ? Statistics.Descriptive.VarianceOfCounts(counts, Scale.Min, Count, mean) : 0.0;
        }
    }

    /// <summary>Builds a tally from counts per scale point (index 0 = <c>scale.Min</c>), e.g. partial tallies computed in SQL.</summary>
    /// <param name="scale">The answer scale.</param>
    /// <param name="counts">One non-negative count per scale point.</param>
    /// <exception cref="ArgumentException">The number of counts differs from the number of scale points.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative.</exception>
    public static ScaleTally FromCounts(RatingScale scale, ReadOnlySpan<long> counts)
    {
        CheckScale(scale);
        if (counts.Length != scale.Points)
        {
            throw new ArgumentException($"The scale {scale} has {scale.Points} points but {counts.Length} counts were given.", nameof(counts));
        }

        for (int i = 0; i < counts.Length; i++)
        {
            if (counts[i] < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(counts), counts[i], $"counts[{i}] = {counts[i]} is negative.");
            }
        }

        return new ScaleTally(scale, counts.ToArray());
    }

    /// <summary>The versioned state as compact JSON: <c>{"version":1,"min":1,"max":5,"counts":[3,5,10,40,42]}</c>.</summary>
    public string ToJson() => System.Text.Json.JsonSerializer.Serialize(ToState(), AccumulatorJsonContext.Default.ScaleTallyState);

    /// <summary>Reads a tally written by <see cref="ToJson"/>; <c>FromJson(t.ToJson())</c> equals <c>t</c>.</summary>
    /// <param name="json">The JSON document.</param>
    /// <exception cref="ArgumentException">The JSON is malformed, of an unknown version, not a scale, or holds missing, mis-sized or negative counts; the message names the field and value.</exception>
    public static ScaleTally FromJson(string json) => FromState(AccumulatorJson.Deserialize<ScaleTallyState>(json));

    /// <summary>The serialisable, versioned state of this tally (version <see cref="ScaleTallyState.CurrentVersion"/>).</summary>
    internal ScaleTallyState ToState() => new(ScaleTallyState.CurrentVersion, Scale.Min, Scale.Max, (long[])counts.Clone());

    /// <summary>The tally a state describes; <c>FromState(t.ToState())</c> equals <c>t</c>.</summary>
    /// <param name="state">A state of version <see cref="ScaleTallyState.CurrentVersion"/>.</param>
    /// <exception cref="ArgumentException">The version is unknown, the scale invalid, the counts missing, of the wrong length or negative; the message names the field and value.</exception>
    internal static ScaleTally FromState(ScaleTallyState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        const string type = nameof(ScaleTallyState);
        StateGuard.Version(state.Version, ScaleTallyState.CurrentVersion, type);
        var counts = StateGuard.Required(state.Counts, type, nameof(state.Counts));
        if (state.Max <= state.Min || (long)state.Max - state.Min + 1 > RatingScale.MaxPoints)
        {
            throw StateGuard.Invalid(type, "Min/Max", $"{state.Min}–{state.Max} is not a scale (max > min, at most {RatingScale.MaxPoints} points).");
        }

        var scale = new RatingScale(state.Min, state.Max);
        StateGuard.SameLength(scale.Points, counts.Length, type, "Min/Max (points)", nameof(state.Counts));
        for (int i = 0; i < counts.Length; i++)
        {
            StateGuard.NonNegative(counts[i], type, nameof(state.Counts), i);
        }

        return new ScaleTally(scale, (long[])counts.Clone());
    }

    /// <summary>Tallies answers stored as <see cref="int"/>.</summary>
    /// <param name="scale">The answer scale.</param>
    /// <param name="scores">Answers on the scale.</param>
    /// <exception cref="ArgumentOutOfRangeException">An answer is off the scale; the message names its index and value.</exception>
    internal static ScaleTally FromScores(RatingScale scale, ReadOnlySpan<int> scores) => CountScores(scale, scores);

    /// <summary>Tallies answers stored one per byte (scales within 0–255); vectorised and allocation-free apart from the result for scales of up to 16 points.</summary>
    /// <param name="scale">The answer scale.</param>
    /// <param name="scores">Answers on the scale.</param>
    /// <exception cref="ArgumentOutOfRangeException">An answer is off the scale; the message names its index and value.</exception>
    public static ScaleTally FromScores(RatingScale scale, ReadOnlySpan<byte> scores)
    {
        // Vectorised for small scales (one compare per scale point per vector; see Numerics.ByteHistogram).
        var result = new long[CheckScale(scale).Points];
        long bad = Numerics.ByteHistogram.Count(scores, scale.Min, result);
        return bad < 0 ? new ScaleTally(scale, result) : throw OffScale(scale, nameof(scores), bad, scores[(int)bad]);
    }

    /// <summary>Tallies answers (an array or list is counted in place; any other sequence in one pass without buffering it).</summary>
    /// <param name="scale">The answer scale.</param>
    /// <param name="scores">Answers on the scale.</param>
    /// <exception cref="ArgumentOutOfRangeException">An answer is off the scale; the message names its position and value.</exception>
    public static ScaleTally FromScores(RatingScale scale, IEnumerable<int> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        switch (scores)
        {
            case int[] array:
                return FromScores(scale, new ReadOnlySpan<int>(array));
            case List<int> list:
                return FromScores(scale, CollectionsMarshal.AsSpan(list));
        }

        var builder = new Builder(scale);
        long index = 0;
        foreach (int s in scores)
        {
            builder.Add(s, nameof(scores), index++);
        }

        return builder.Build();
    }

    /// <summary>Merges two tallies on the same scale: counts add (associative, commutative, <see cref="Empty"/> is the identity).</summary>
    /// <param name="other">A tally on the same scale.</param>
    /// <exception cref="ArgumentException">The scales differ (the message names both), or a merged count overflows.</exception>
    public ScaleTally Merge(ScaleTally other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (Scale != other.Scale)
        {
            throw new ArgumentException($"Cannot merge a tally on scale {Scale} with one on scale {other.Scale}.", nameof(other));
        }

        var sum = new long[counts.Length];
        for (int i = 0; i < sum.Length; i++)
        {
            sum[i] = counts[i] <= long.MaxValue - other.counts[i] ? counts[i] + other.counts[i]
                : throw new ArgumentOutOfRangeException(nameof(other), $"Merging overflows the count of answer {Scale.Min + i} ({counts[i]} + {other.counts[i]}).");
        }

        return new ScaleTally(Scale, sum);
    }

    /// <summary>True when both tallies have the same scale and counts.</summary>
    /// <param name="other">The other tally.</param>
    public bool Equals(ScaleTally? other) =>
        other is not null && Scale == other.Scale && counts.AsSpan().SequenceEqual(other.counts);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ScaleTally);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Scale);
        foreach (long c in counts)
        {
            hash.Add(c);
        }

        return hash.ToHashCode();
    }

    /// <summary>"scale 1-5: [c1, c2, …]".</summary>
    public override string ToString() => $"scale {Scale}: [{string.Join(", ", counts)}]";

    /// <summary>One counting loop for every integer element type (int and byte today).</summary>
    private static ScaleTally CountScores<T>(RatingScale scale, ReadOnlySpan<T> scores)
        where T : IBinaryInteger<T>
    {
        var result = new long[CheckScale(scale).Points];
        for (int i = 0; i < scores.Length; i++)
        {
            long offset = long.CreateTruncating(scores[i]) - scale.Min;
            if ((ulong)offset >= (ulong)result.Length)
            {
                throw OffScale(scale, nameof(scores), i, long.CreateTruncating(scores[i]));
            }

            result[offset]++;
        }

        return new ScaleTally(scale, result);
    }

    internal static ArgumentOutOfRangeException OffScale(RatingScale scale, string paramName, long index, long value) =>
        new(paramName, value, $"{paramName}[{index}] = {value} is outside the scale {scale}.");

    private static RatingScale CheckScale(RatingScale scale) => scale.Points >= 2 ? scale
        : throw new ArgumentException("The scale is uninitialised (default); create it with new RatingScale(min, max).", nameof(scale));

    /// <summary>Mutable one-pass counter used while streaming and grouping; never escapes unbuilt.</summary>
    internal sealed class Builder(RatingScale scale)
    {
        private readonly long[] counts = new long[CheckScale(scale).Points];

        public void Add(int score, string paramName, long index)
        {
            int offset = score - scale.Min;
            if ((uint)offset >= (uint)counts.Length)
            {
                throw OffScale(scale, paramName, index, score);
            }

            counts[offset]++;
        }

        public ScaleTally Build() => new(scale, (long[])counts.Clone());
    }
}
