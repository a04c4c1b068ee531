namespace TrustMetrics.Sentiment;

/// <summary>
/// The serialisable, versioned form of a <see cref="SentimentConfusion"/>: nine counts, row-major, true label by rows and
/// predicted label by columns in <see cref="SentimentLabel"/> order. Built by <see cref="SentimentConfusion.ToState"/>, read by
/// <see cref="SentimentConfusion.FromState"/>.
/// </summary>
/// <param name="Version">Format version; <see cref="CurrentVersion"/> for states this build writes.</param>
/// <param name="Counts">The nine counts.</param>
internal sealed record SentimentConfusionState(int Version, long[]? Counts)
{
    /// <summary>The format version this build writes and reads: 1.</summary>
    public const int CurrentVersion = 1;
}
