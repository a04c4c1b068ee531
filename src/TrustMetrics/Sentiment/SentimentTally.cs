using System.Numerics;
using TrustMetrics.Nps;

namespace TrustMetrics.Sentiment;

/// <summary>
/// Counts of negative, neutral and positive mentions: the sufficient statistic of net sentiment. Tallies merge by addition
/// (the tally of a concatenation is the sum of the tallies). The default value is the empty tally.
/// </summary>
/// <param name="Negative">Negative mentions.</param>
/// <param name="Neutral">Neutral mentions.</param>
/// <param name="Positive">Positive mentions.</param>
public readonly record struct SentimentTally(long Negative, long Neutral, long Positive)
    : IAdditionOperators<SentimentTally, SentimentTally, SentimentTally>, IAdditiveIdentity<SentimentTally, SentimentTally>
{
    /// <summary>The empty tally.</summary>
    public static SentimentTally Empty => default;

    /// <inheritdoc cref="Empty"/>
    public static SentimentTally AdditiveIdentity => default;

    /// <summary>n = negative + neutral + positive.</summary>
    public long Count => Negative + Neutral + Positive;

    /// <summary>True when the tally holds no mention.</summary>
    public bool IsEmpty => Count == 0;

    /// <summary>Builds a tally from validated counts.</summary>
    /// <param name="negative">Negative count ≥ 0.</param>
    /// <param name="neutral">Neutral count ≥ 0.</param>
    /// <param name="positive">Positive count ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative.</exception>
    public static SentimentTally FromCounts(long negative, long neutral, long positive)
    {
        Guard.NonNegative(negative);
        Guard.NonNegative(neutral);
        Guard.NonNegative(positive);
        return new SentimentTally(negative, neutral, positive);
    }

    /// <summary>Merges two tallies: counts add.</summary>
    /// <param name="left">A tally.</param>
    /// <param name="right">Another tally.</param>
    public static SentimentTally operator +(SentimentTally left, SentimentTally right) =>
        new(checked(left.Negative + right.Negative), checked(left.Neutral + right.Neutral), checked(left.Positive + right.Positive));

    /// <summary>Merges <paramref name="other"/> into a new tally (same as <c>+</c>).</summary>
    /// <param name="other">The tally to merge.</param>
    public SentimentTally Merge(SentimentTally other) => this + other;

    /// <summary>The serialisable, versioned state of this tally (version <see cref="SentimentTallyState.CurrentVersion"/>).</summary>
    public SentimentTallyState ToState() => new(SentimentTallyState.CurrentVersion, Negative, Neutral, Positive);

    /// <summary>The tally a state describes; <c>FromState(t.ToState()) == t</c>.</summary>
    /// <param name="state">A state of version <see cref="SentimentTallyState.CurrentVersion"/>.</param>
    /// <exception cref="ArgumentException">The version is unknown or a count is negative; the message names the field and value.</exception>
    public static SentimentTally FromState(SentimentTallyState state)
    {
        const string type = nameof(SentimentTallyState);
        Serialization.StateGuard.Version(state.Version, SentimentTallyState.CurrentVersion, type);
        Serialization.StateGuard.NonNegative(state.Negative, type, nameof(state.Negative));
        Serialization.StateGuard.NonNegative(state.Neutral, type, nameof(state.Neutral));
        Serialization.StateGuard.NonNegative(state.Positive, type, nameof(state.Positive));
        return new SentimentTally(state.Negative, state.Neutral, state.Positive);
    }

    /// <summary>This tally with one more mention of <paramref name="label"/>.</summary>
    /// <param name="label">The mention's polarity.</param>
    /// <exception cref="ArgumentOutOfRangeException">The label is not a defined <see cref="SentimentLabel"/>.</exception>
    public SentimentTally Add(SentimentLabel label) => label switch
    {
        SentimentLabel.Negative => this with { Negative = Negative + 1 },
        SentimentLabel.Neutral => this with { Neutral = Neutral + 1 },
        SentimentLabel.Positive => this with { Positive = Positive + 1 },
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
        var tally = Empty;
        long index = 0;
        foreach (string text in labels)
        {
            tally = tally.Add(map.TryMap(text, out var label) ? label
                : throw new ArgumentOutOfRangeException(nameof(labels), text, $"labels[{index}] = '{text}' is not a known sentiment label ({map})."));
            index++;
        }

        return tally;
    }

    /// <summary>The counts in the trinomial order the shared net-score core uses (negative ↔ detractor, positive ↔ promoter).</summary>
    internal NpsTally AsTrinomial => new(Negative, Neutral, Positive);
}
