namespace TrustMetrics.Sentiment;

/// <summary>
/// The serialisable, versioned form of a <see cref="ClassifiedSentimentTally"/>: the label counts, the number of items that
/// came with probabilities and the three probability sums. Built by <see cref="ClassifiedSentimentTally.ToState"/>, read by
/// <see cref="ClassifiedSentimentTally.FromState"/>.
/// </summary>
/// <param name="Version">Format version; <see cref="CurrentVersion"/> for states this build writes.</param>
/// <param name="Negative">Items predicted negative.</param>
/// <param name="Neutral">Items predicted neutral.</param>
/// <param name="Positive">Items predicted positive.</param>
/// <param name="Scored">Items that came with probabilities.</param>
/// <param name="NegativeProbability">Sum of P(negative) over the scored items.</param>
/// <param name="NeutralProbability">Sum of P(neutral) over the scored items.</param>
/// <param name="PositiveProbability">Sum of P(positive) over the scored items.</param>
internal readonly record struct ClassifiedSentimentTallyState(int Version, long Negative, long Neutral, long Positive, long Scored,
    double NegativeProbability, double NeutralProbability, double PositiveProbability)
{
    /// <summary>The format version this build writes and reads: 1.</summary>
    public const int CurrentVersion = 1;
}
