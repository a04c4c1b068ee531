namespace TrustMetrics.Sentiment;

/// <summary>The polarity of one mention, review or post.</summary>
public enum SentimentLabel
{
    /// <summary>Negative.</summary>
    Negative = 0,

    /// <summary>Neutral (counts in the total, not in the net).</summary>
    Neutral = 1,

    /// <summary>Positive.</summary>
    Positive = 2,
}
