namespace TrustMetrics.Sentiment;

/// <summary>
/// The serialisable, versioned form of a <see cref="SentimentTally"/>: the three polarity counts. Build it with
/// <see cref="SentimentTally.ToState"/>, read it back with <see cref="SentimentTally.FromState"/>; users see it as the JSON of
/// <see cref="SentimentTally.ToJson"/>.
/// </summary>
/// <param name="Version">Format version; <see cref="CurrentVersion"/> for states this build writes.</param>
/// <param name="Negative">Negative mentions.</param>
/// <param name="Neutral">Neutral mentions.</param>
/// <param name="Positive">Positive mentions.</param>
internal readonly record struct SentimentTallyState(int Version, long Negative, long Neutral, long Positive)
{
    /// <summary>The format version this build writes and reads: 1.</summary>
    public const int CurrentVersion = 1;
}
