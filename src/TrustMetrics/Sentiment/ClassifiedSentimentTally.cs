using TrustMetrics.Presentation;
using TrustMetrics.Serialization;

namespace TrustMetrics.Sentiment;

/// <summary>
/// The streaming tally of a classifier's output on production texts: the predicted-label counts (a <see cref="SentimentTally"/>)
/// and, for the items that came with probabilities, their number and the sums of P(positive), P(neutral), P(negative) (the
/// probabilistic average is sum / scored). Tallies merge by addition (label counts exactly; probability sums up to floating-point
/// rounding, about 1e-16 relative per item) and travel as versioned JSON. The default value is the empty tally.
/// </summary>
public readonly struct ClassifiedSentimentTally : IAccumulator<ClassifiedSentimentTally>, IEquatable<ClassifiedSentimentTally>
{
    private ClassifiedSentimentTally(SentimentTally labels, long scored, double negative, double neutral, double positive)
    {
        Labels = labels;
        Scored = scored;
        NegativeProbabilitySum = negative;
        NeutralProbabilitySum = neutral;
        PositiveProbabilitySum = positive;
    }

    /// <summary>The predicted-label counts (what the plain label tally would hold).</summary>
    public SentimentTally Labels { get; }

    /// <summary>Items that came with probabilities.</summary>
    public long Scored { get; }

    /// <summary>Sum of P(negative) over the scored items.</summary>
    public double NegativeProbabilitySum { get; }

    /// <summary>Sum of P(neutral) over the scored items.</summary>
    public double NeutralProbabilitySum { get; }

    /// <summary>Sum of P(positive) over the scored items.</summary>
    public double PositiveProbabilitySum { get; }

    /// <summary>Equal when label counts, scored count and probability sums are exactly equal.</summary>
    /// <param name="left">A tally.</param>
    /// <param name="right">Another tally.</param>
    public static bool operator ==(ClassifiedSentimentTally left, ClassifiedSentimentTally right) => left.Equals(right);

    /// <summary>True when anything differs.</summary>
    /// <param name="left">A tally.</param>
    /// <param name="right">Another tally.</param>
    public static bool operator !=(ClassifiedSentimentTally left, ClassifiedSentimentTally right) => !left.Equals(right);

    /// <summary>A tally from counts and sums (for tallies kept elsewhere: SQL, Spark).</summary>
    /// <param name="labels">Predicted-label counts.</param>
    /// <param name="scored">Items with probabilities, 0 … labels.Count.</param>
    /// <param name="positiveProbabilitySum">Sum of P(positive), finite, 0 … scored.</param>
    /// <param name="neutralProbabilitySum">Sum of P(neutral), finite, 0 … scored.</param>
    /// <param name="negativeProbabilitySum">Sum of P(negative), finite, 0 … scored.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value out of its range (the message names it and its value), or the three sums do not add up to <paramref name="scored"/> within 1e-6 per item.</exception>
    public static ClassifiedSentimentTally FromSums(SentimentTally labels, long scored, double positiveProbabilitySum, double neutralProbabilitySum, double negativeProbabilitySum)
    {
        Guard.NonNegative(scored);
        if (scored > labels.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(scored), scored, $"scored = {scored} exceeds the {labels.Count} labelled items.");
        }

        Sum(positiveProbabilitySum, scored, nameof(positiveProbabilitySum));
        Sum(neutralProbabilitySum, scored, nameof(neutralProbabilitySum));
        Sum(negativeProbabilitySum, scored, nameof(negativeProbabilitySum));
        double total = positiveProbabilitySum + neutralProbabilitySum + negativeProbabilitySum;
        if (!(Math.Abs(total - scored) <= 1e-6 * Math.Max(1, scored)))
        {
            throw new ArgumentOutOfRangeException(nameof(negativeProbabilitySum), total,
                $"The probability sums add up to {Guard.Format(total)}, not to the {scored} scored items (each item's probabilities sum to 1).");
        }

        return new ClassifiedSentimentTally(labels, scored, negativeProbabilitySum, neutralProbabilitySum, positiveProbabilitySum);
    }

    /// <summary>Runs <paramref name="classifier"/> over <paramref name="texts"/> and tallies its predictions.</summary>
    /// <param name="texts">Production texts.</param>
    /// <param name="classifier">The application's model.</param>
    /// <param name="cancellationToken">Checked between texts.</param>
    /// <exception cref="ArgumentException">The classifier returned null (the message names the position).</exception>
    public static ClassifiedSentimentTally Classify(IEnumerable<string> texts, ISentimentClassifier classifier, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(classifier);
        var tally = default(ClassifiedSentimentTally);
        long index = 0;
        foreach (string text in texts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var prediction = classifier.Classify(text)
                ?? throw new ArgumentException($"The classifier returned null for texts[{index}].", nameof(classifier));
            tally = tally.Add(prediction);
            index++;
        }

        return tally;
    }

    /// <summary>This tally with one more prediction.</summary>
    /// <param name="prediction">A classifier output.</param>
    public ClassifiedSentimentTally Add(SentimentPrediction prediction)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        var labels = Labels.Add(prediction.Label);
        return prediction.PositiveProbability is { } positive
            ? new ClassifiedSentimentTally(labels, Scored + 1, NegativeProbabilitySum + prediction.NegativeProbability!.Value,
                NeutralProbabilitySum + prediction.NeutralProbability!.Value, PositiveProbabilitySum + positive)
            : new ClassifiedSentimentTally(labels, Scored, NegativeProbabilitySum, NeutralProbabilitySum, PositiveProbabilitySum);
    }

    /// <summary>The tally of both inputs: counts and sums add.</summary>
    /// <param name="other">Another tally.</param>
    /// <exception cref="ArgumentOutOfRangeException">A merged count would exceed <see cref="long.MaxValue"/>.</exception>
    public ClassifiedSentimentTally Merge(ClassifiedSentimentTally other) =>
        new(Labels.Merge(other.Labels), Scored + other.Scored, NegativeProbabilitySum + other.NegativeProbabilitySum,
            NeutralProbabilitySum + other.NeutralProbabilitySum, PositiveProbabilitySum + other.PositiveProbabilitySum);

    /// <summary>The tally as compact versioned JSON (label counts, scored count, probability sums).</summary>
    public string ToJson() => AccumulatorJson.Serialize(ToState());

    /// <summary>Reads and validates a tally written by <see cref="ToJson"/>; <c>FromJson(t.ToJson()) == t</c>.</summary>
    /// <param name="json">The JSON document.</param>
    /// <exception cref="ArgumentException">Malformed JSON, an unknown version or an invalid field; the message names the field and value.</exception>
    public static ClassifiedSentimentTally FromJson(string json) => FromState(AccumulatorJson.Deserialize<ClassifiedSentimentTallyState>(json));

    /// <summary>True when every count and sum is exactly equal.</summary>
    /// <param name="other">Another tally.</param>
    public bool Equals(ClassifiedSentimentTally other) => Labels == other.Labels && Scored == other.Scored
        && NegativeProbabilitySum.Equals(other.NegativeProbabilitySum) && NeutralProbabilitySum.Equals(other.NeutralProbabilitySum)
        && PositiveProbabilitySum.Equals(other.PositiveProbabilitySum);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ClassifiedSentimentTally other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Labels, Scored, NegativeProbabilitySum, NeutralProbabilitySum, PositiveProbabilitySum);

    /// <summary>"12 negative, 30 neutral, 58 positive; 100 scored", invariant culture.</summary>
    public override string ToString() => $"{Labels}; {InvariantText.Count(Scored)} scored";

    /// <summary>The serialisable, versioned state (version <see cref="ClassifiedSentimentTallyState.CurrentVersion"/>).</summary>
    internal ClassifiedSentimentTallyState ToState() => new(ClassifiedSentimentTallyState.CurrentVersion, Labels.Negative, Labels.Neutral, Labels.Positive,
        Scored, NegativeProbabilitySum, NeutralProbabilitySum, PositiveProbabilitySum);

    /// <summary>The tally a state describes; <c>FromState(t.ToState()) == t</c>.</summary>
    /// <param name="state">A state of version <see cref="ClassifiedSentimentTallyState.CurrentVersion"/>.</param>
    /// <exception cref="ArgumentException">Unknown version or an invalid field; the message names the field and value.</exception>
    internal static ClassifiedSentimentTally FromState(ClassifiedSentimentTallyState state)
    {
        const string type = nameof(ClassifiedSentimentTallyState);
        StateGuard.Version(state.Version, ClassifiedSentimentTallyState.CurrentVersion, type);
        StateGuard.NonNegative(state.Negative, type, nameof(state.Negative));
        StateGuard.NonNegative(state.Neutral, type, nameof(state.Neutral));
        StateGuard.NonNegative(state.Positive, type, nameof(state.Positive));
        StateGuard.NonNegative(state.Scored, type, nameof(state.Scored));
        StateGuard.FiniteNonNegative(state.NegativeProbability, type, nameof(state.NegativeProbability));
        StateGuard.FiniteNonNegative(state.NeutralProbability, type, nameof(state.NeutralProbability));
        StateGuard.FiniteNonNegative(state.PositiveProbability, type, nameof(state.PositiveProbability));
        try
        {
            return FromSums(new SentimentTally(state.Negative, state.Neutral, state.Positive), state.Scored, state.PositiveProbability, state.NeutralProbability,
                state.NegativeProbability);
        }
        catch (ArgumentException e)
        {
            throw StateGuard.Invalid(type, e.ParamName ?? nameof(state.Scored), e.Message);
        }
    }

    private static void Sum(double value, long scored, string paramName)
    {
        if (!(double.IsFinite(value) && value >= 0 && value <= scored * (1 + 1e-6) + 1e-9))
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} = {Guard.Format(value)} must be finite and between 0 and the {scored} scored items.");
        }
    }
}
