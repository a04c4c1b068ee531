using TrustMetrics.Presentation;
using TrustMetrics.Serialization;

namespace TrustMetrics.Sentiment;

/// <summary>
/// The classifier's confusion counts on a validation sample: how many items of each true (human) label received each predicted
/// (classifier) label, nine counts in <see cref="SentimentLabel"/> order (negative, neutral, positive) for the truth by rows and the
/// prediction by columns. Column-normalised it estimates the misclassification matrix P(predicted | true) that
/// <see cref="ICorrectedSentimentCalculator"/> inverts. Confusion tallies merge by addition and travel as versioned JSON
/// (<c>{"version":1,"counts":[…9 counts…]}</c>); the default value is the empty tally.
/// </summary>
public readonly struct SentimentConfusion : IAccumulator<SentimentConfusion>, IEquatable<SentimentConfusion>
{
    private const int Classes = 3;
    private readonly long[]? counts;

    private SentimentConfusion(long[] counts) => this.counts = counts;

    /// <summary>Number of validation items: the sum of the nine counts.</summary>
    public long Count => counts?.Sum() ?? 0;

    /// <summary>Two confusion tallies are equal when all nine counts are.</summary>
    /// <param name="left">A tally.</param>
    /// <param name="right">Another tally.</param>
    public static bool operator ==(SentimentConfusion left, SentimentConfusion right) => left.Equals(right);

    /// <summary>True when any count differs.</summary>
    /// <param name="left">A tally.</param>
    /// <param name="right">Another tally.</param>
    public static bool operator !=(SentimentConfusion left, SentimentConfusion right) => !left.Equals(right);

    /// <summary>
    /// A confusion tally from nine counts, row-major: truth negative (predicted negative, neutral, positive), truth neutral (…),
    /// truth positive (…).
    /// </summary>
    /// <param name="counts">Nine counts ≥ 0.</param>
    /// <exception cref="ArgumentException">Not nine counts, or a count is negative (the message names its index and value), or the total exceeds <see cref="long.MaxValue"/>.</exception>
    public static SentimentConfusion FromCounts(ReadOnlySpan<long> counts)
    {
        if (counts.Length != Classes * Classes)
        {
            throw new ArgumentException($"counts has {counts.Length} elements: a sentiment confusion tally has 9 (3 true × 3 predicted labels).", nameof(counts));
        }

        long total = 0;
        for (int i = 0; i < counts.Length; i++)
        {
            if (counts[i] < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(counts), counts[i], $"counts[{i}] = {counts[i]} is negative: counts are ≥ 0.");
            }

            total = counts[i] <= long.MaxValue - total ? total + counts[i]
                : throw new ArgumentOutOfRangeException(nameof(counts), counts[i], $"counts[{i}]: the counts add up to more than the largest count ({long.MaxValue}).");
        }

        return new SentimentConfusion(counts.ToArray());
    }

    /// <summary>Counts (truth, predicted) pairs, e.g. the human and the classifier label of each validation item.</summary>
    /// <param name="pairs">Pairs of labels.</param>
    /// <exception cref="ArgumentOutOfRangeException">A label is undefined; the message names its position and value.</exception>
    public static SentimentConfusion FromPairs(IEnumerable<(SentimentLabel Truth, SentimentLabel Predicted)> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var counts = new long[Classes * Classes];
        long index = 0;
        foreach (var (truth, predicted) in pairs)
        {
            if (!Enum.IsDefined(truth) || !Enum.IsDefined(predicted))
            {
                throw new ArgumentOutOfRangeException(nameof(pairs), (truth, predicted), $"pairs[{index}] = ({truth}, {predicted}) holds a value that is not a sentiment label.");
            }

            counts[Classes * (int)truth + (int)predicted]++;
            index++;
        }

        return new SentimentConfusion(counts);
    }

    /// <summary>Validation items whose true label is <paramref name="truth"/> and predicted label is <paramref name="predicted"/>.</summary>
    /// <param name="truth">The human (gold) label.</param>
    /// <param name="predicted">The classifier's label.</param>
    /// <exception cref="ArgumentOutOfRangeException">A label is undefined.</exception>
    public long this[SentimentLabel truth, SentimentLabel predicted]
    {
        get
        {
            Guard.Defined(truth);
            Guard.Defined(predicted);
            return counts is null ? 0 : counts[Classes * (int)truth + (int)predicted];
        }
    }

    /// <summary>This tally with one more validation item.</summary>
    /// <param name="truth">Its human (gold) label.</param>
    /// <param name="predicted">Its classifier label.</param>
    /// <exception cref="ArgumentOutOfRangeException">A label is undefined, or the count would exceed <see cref="long.MaxValue"/>.</exception>
    public SentimentConfusion Add(SentimentLabel truth, SentimentLabel predicted)
    {
        Guard.Defined(truth);
        Guard.Defined(predicted);
        var next = counts is null ? new long[Classes * Classes] : (long[])counts.Clone();
        int cell = Classes * (int)truth + (int)predicted;
        next[cell] = next[cell] < long.MaxValue ? next[cell] + 1
            : throw new ArgumentOutOfRangeException(nameof(truth), $"The count of ({truth}, {predicted}) would exceed the largest count ({long.MaxValue}).");
        return new SentimentConfusion(next);
    }

    /// <summary>The tally of both validation samples: counts add.</summary>
    /// <param name="other">Another confusion tally.</param>
    /// <exception cref="ArgumentOutOfRangeException">A merged count would exceed <see cref="long.MaxValue"/>.</exception>
    public SentimentConfusion Merge(SentimentConfusion other)
    {
        var merged = new long[Classes * Classes];
        for (int i = 0; i < merged.Length; i++)
        {
            long a = Cell(i), b = other.Cell(i);
            merged[i] = a <= long.MaxValue - b ? a + b
                : throw new ArgumentOutOfRangeException(nameof(other), $"Counts[{i}]: {a} + {b} exceeds the largest count ({long.MaxValue}).");
        }

        return new SentimentConfusion(merged);
    }

    /// <summary>The tally as compact versioned JSON: <c>{"version":1,"counts":[…]}</c>, nine counts row-major (truth × predicted).</summary>
    public string ToJson() => AccumulatorJson.Serialize(ToState());

    /// <summary>Reads and validates a tally written by <see cref="ToJson"/>; <c>FromJson(c.ToJson()) == c</c>.</summary>
    /// <param name="json">The JSON document.</param>
    /// <exception cref="ArgumentException">Malformed JSON, an unknown version, not nine counts or a negative count; the message names the field and value.</exception>
    public static SentimentConfusion FromJson(string json) => FromState(AccumulatorJson.Deserialize<SentimentConfusionState>(json));

    /// <summary>True when all nine counts are equal.</summary>
    /// <param name="other">Another tally.</param>
    public bool Equals(SentimentConfusion other)
    {
        for (int i = 0; i < Classes * Classes; i++)
        {
            if (Cell(i) != other.Cell(i))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is SentimentConfusion other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        for (int i = 0; i < Classes * Classes; i++)
        {
            hash.Add(Cell(i));
        }

        return hash.ToHashCode();
    }

    /// <summary>"n = 300 validation items, 246 agree (82.0%)", invariant culture.</summary>
    public override string ToString() =>
        $"n = {InvariantText.Count(Count)} validation items, {InvariantText.Count(Agreeing)} agree" + (Count > 0 ? $" ({InvariantText.Percent((double)Agreeing / Count)})" : string.Empty);

    /// <summary>Items whose predicted label equals the true label.</summary>
    internal long Agreeing => Cell(0) + Cell(4) + Cell(8);

    /// <summary>The counts as [truth, predicted] in label order.</summary>
    internal long[,] ToMatrix()
    {
        var matrix = new long[Classes, Classes];
        for (int t = 0; t < Classes; t++)
        {
            for (int p = 0; p < Classes; p++)
            {
                matrix[t, p] = Cell(Classes * t + p);
            }
        }

        return matrix;
    }

    /// <summary>The serialisable, versioned state (version <see cref="SentimentConfusionState.CurrentVersion"/>).</summary>
    internal SentimentConfusionState ToState() => new(SentimentConfusionState.CurrentVersion, Enumerable.Range(0, Classes * Classes).Select(Cell).ToArray());

    /// <summary>The tally a state describes; <c>FromState(c.ToState()) == c</c>.</summary>
    /// <param name="state">A state of version <see cref="SentimentConfusionState.CurrentVersion"/>.</param>
    /// <exception cref="ArgumentException">Unknown version, missing or wrong-length counts, a negative count; the message names the field and value.</exception>
    internal static SentimentConfusion FromState(SentimentConfusionState state)
    {
        const string type = nameof(SentimentConfusionState);
        StateGuard.Version(state.Version, SentimentConfusionState.CurrentVersion, type);
        var values = StateGuard.Required(state.Counts, type, nameof(state.Counts));
        StateGuard.SameLength(Classes * Classes, values.Length, type, "Classes²", nameof(state.Counts));
        for (int i = 0; i < values.Length; i++)
        {
            StateGuard.NonNegative(values[i], type, nameof(state.Counts), i);
        }

        try
        {
            return FromCounts(values);
        }
        catch (ArgumentException e)
        {
            throw StateGuard.Invalid(type, nameof(state.Counts), e.Message);
        }
    }

    private long Cell(int index) => counts is null ? 0 : counts[index];
}
