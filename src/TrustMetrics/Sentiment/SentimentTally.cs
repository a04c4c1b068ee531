using TrustMetrics.Nps;
using TrustMetrics.Presentation;
using TrustMetrics.Serialization;

namespace TrustMetrics.Sentiment;

/// <summary>
/// Counts of negative, neutral and positive mentions: the sufficient statistic of net sentiment. Tallies merge by addition
/// (the tally of a concatenation is the sum of the tallies) and travel as versioned JSON
/// (<c>{"version":1,"negative":12,"neutral":30,"positive":58}</c>). The default value is the empty tally.
/// </summary>
public readonly struct SentimentTally : IAccumulator<SentimentTally>, IEquatable<SentimentTally>
{
    /// <summary>A tally of the given counts.</summary>
    /// <param name="negative">Negative mentions ≥ 0.</param>
    /// <param name="neutral">Neutral mentions ≥ 0.</param>
    /// <param name="positive">Positive mentions ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative (the message names it and its value), or the total exceeds <see cref="long.MaxValue"/>.</exception>
    public SentimentTally(long negative, long neutral, long positive)
    {
        Guard.NonNegative(negative);
        Guard.NonNegative(neutral);
        Guard.NonNegative(positive);
        if (neutral > long.MaxValue - negative || positive > long.MaxValue - negative - neutral)
        {
            throw new ArgumentOutOfRangeException(nameof(positive), positive,
                $"The counts {negative} + {neutral} + {positive} add up to more than the largest count ({long.MaxValue}).");
        }

        Negative = negative;
        Neutral = neutral;
        Positive = positive;
    }

    /// <summary>Negative mentions.</summary>
    public long Negative { get; }

    /// <summary>Neutral mentions.</summary>
    public long Neutral { get; }

    /// <summary>Positive mentions.</summary>
    public long Positive { get; }

    /// <summary>n = negative + neutral + positive.</summary>
    public long Count => Negative + Neutral + Positive;

    /// <summary>True when the tally holds no mention.</summary>
    internal bool IsEmpty => Count == 0;

    /// <summary>Two tallies are equal when all three counts are.</summary>
    /// <param name="left">A tally.</param>
    /// <param name="right">Another tally.</param>
    public static bool operator ==(SentimentTally left, SentimentTally right) => left.Equals(right);

    /// <summary>True when any count differs.</summary>
    /// <param name="left">A tally.</param>
    /// <param name="right">Another tally.</param>
    public static bool operator !=(SentimentTally left, SentimentTally right) => !left.Equals(right);

    /// <summary>The tally of both inputs: counts add.</summary>
    /// <param name="other">The tally to merge.</param>
    /// <exception cref="ArgumentOutOfRangeException">A merged count would exceed <see cref="long.MaxValue"/>.</exception>
    public SentimentTally Merge(SentimentTally other) =>
        new(Sum(Negative, other.Negative, nameof(Negative), nameof(other)), Sum(Neutral, other.Neutral, nameof(Neutral), nameof(other)),
            Sum(Positive, other.Positive, nameof(Positive), nameof(other)));

    /// <summary>The tally as compact versioned JSON: <c>{"version":1,"negative":12,"neutral":30,"positive":58}</c>.</summary>
    public string ToJson() => AccumulatorJson.Serialize(ToState());

    /// <summary>Reads and validates a tally written by <see cref="ToJson"/>; <c>FromJson(t.ToJson()) == t</c>.</summary>
    /// <param name="json">The JSON document.</param>
    /// <exception cref="ArgumentException">The JSON is malformed, of an unknown version or holds a negative count; the message names the field and value.</exception>
    public static SentimentTally FromJson(string json) => FromState(AccumulatorJson.Deserialize<SentimentTallyState>(json));

    /// <summary>True when all three counts are equal.</summary>
    /// <param name="other">Another tally.</param>
    public bool Equals(SentimentTally other) => Negative == other.Negative && Neutral == other.Neutral && Positive == other.Positive;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is SentimentTally other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Negative, Neutral, Positive);

    /// <summary>"12 negative, 30 neutral, 58 positive", invariant culture.</summary>
    public override string ToString() =>
        $"{InvariantText.Count(Negative)} negative, {InvariantText.Count(Neutral)} neutral, {InvariantText.Count(Positive)} positive";

    /// <summary>The serialisable, versioned state of this tally (version <see cref="SentimentTallyState.CurrentVersion"/>).</summary>
    internal SentimentTallyState ToState() => new(SentimentTallyState.CurrentVersion, Negative, Neutral, Positive);

    /// <summary>The tally a state describes; <c>FromState(t.ToState()) == t</c>.</summary>
    /// <param name="state">A state of version <see cref="SentimentTallyState.CurrentVersion"/>.</param>
    /// <exception cref="ArgumentException">The version is unknown or a count is negative; the message names the field and value.</exception>
    internal static SentimentTally FromState(SentimentTallyState state)
    {
        const string type = nameof(SentimentTallyState);
        StateGuard.Version(state.Version, SentimentTallyState.CurrentVersion, type);
        StateGuard.NonNegative(state.Negative, type, nameof(state.Negative));
        StateGuard.NonNegative(state.Neutral, type, nameof(state.Neutral));
        StateGuard.NonNegative(state.Positive, type, nameof(state.Positive));
        return new SentimentTally(state.Negative, state.Neutral, state.Positive);
    }

    /// <summary>This tally with one more mention of <paramref name="label"/>.</summary>
    /// <param name="label">The mention's polarity.</param>
    /// <exception cref="ArgumentOutOfRangeException">The label is not a defined <see cref="SentimentLabel"/>.</exception>
    public SentimentTally Add(SentimentLabel label) => label switch
    {
        SentimentLabel.Negative => new(Sum(Negative, 1, nameof(Negative), nameof(label)), Neutral, Positive),
        SentimentLabel.Neutral => new(Negative, Sum(Neutral, 1, nameof(Neutral), nameof(label)), Positive),
        SentimentLabel.Positive => new(Negative, Neutral, Sum(Positive, 1, nameof(Positive), nameof(label))),
        _ => throw new ArgumentOutOfRangeException(nameof(label), label, $"{label} is not a sentiment label."),
    };

    /// <summary>Counts labels.</summary>
    /// <param name="labels">Polarities.</param>
    /// <exception cref="ArgumentOutOfRangeException">A label is undefined; the message names its index and value.</exception>
    public static SentimentTally FromLabels(ReadOnlySpan<SentimentLabel> labels)
    {
        long negative = 0, neutral = 0, positive = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            switch (labels[i])
            {
                case SentimentLabel.Negative: negative++; break;
                case SentimentLabel.Neutral: neutral++; break;
                case SentimentLabel.Positive: positive++; break;
                default: throw new ArgumentOutOfRangeException(nameof(labels), labels[i], $"labels[{i}] = {labels[i]} is not a sentiment label.");
            }
        }

        return new SentimentTally(negative, neutral, positive);
    }

    /// <summary>Counts text labels mapped by <paramref name="map"/> (default: positive/pos, neutral/neu, negative/neg, any case).</summary>
    /// <param name="labels">Label texts.</param>
    /// <param name="map">Which texts mean which polarity; null for <see cref="SentimentLabelMap.Default"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A text is not a known label; the message names its position and value.</exception>
    public static SentimentTally FromLabels(IEnumerable<string> labels, SentimentLabelMap? map = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        map ??= SentimentLabelMap.Default;
        var tally = default(SentimentTally);
        long index = 0;
        foreach (string text in labels)
        {
            tally = tally.Add(map.TryMap(text, out var label) ? label
                : throw new ArgumentOutOfRangeException(nameof(labels), text, $"labels[{index}] = '{text}' is not a known sentiment label ({map.Describe()})."));
            index++;
        }

        return tally;
    }

    private static long Sum(long count, long more, string field, string paramName) =>
        count <= long.MaxValue - more ? count + more
            : throw new ArgumentOutOfRangeException(paramName, $"{field}: {count} + {more} exceeds the largest count ({long.MaxValue}).");

    /// <summary>The counts in the trinomial order the shared net-score core uses (negative ↔ detractor, positive ↔ promoter).</summary>
    internal NpsTally AsTrinomial => new(Negative, Neutral, Positive);
}
