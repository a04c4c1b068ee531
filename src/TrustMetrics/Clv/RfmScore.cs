namespace TrustMetrics.Clv;

/// <summary>
/// One customer's RFM quintile scores (1 = worst fifth, 5 = best), the 3-digit code "RFM" (e.g. "553") and the named segment of the
/// R×F rule table (<see cref="RfmScoring"/>). Built by <see cref="RfmScoring.Score"/>; immutable.
/// </summary>
public sealed class RfmScore
{
    internal RfmScore(int recency, int frequency, int monetary)
    {
        Recency = recency;
        Frequency = frequency;
        Monetary = monetary;
        Segment = RfmScoring.SegmentOf(recency, frequency);
    }

    /// <summary>Recency score 1–5 (5 = the most recent fifth: smallest T − t_x).</summary>
    public int Recency { get; }

    /// <summary>Frequency score 1–5 (5 = the most frequent fifth: largest x).</summary>
    public int Frequency { get; }

    /// <summary>Monetary score 1–5 (5 = the highest fifth of mean repeat spend m̄).</summary>
    public int Monetary { get; }

    /// <summary>The conventional 3-digit code R·100 + F·10 + M as text, e.g. "553".</summary>
    public string Code => $"{Recency}{Frequency}{Monetary}";

    /// <summary>Named segment from the R×F rule table: "champions", "loyal customers", "potential loyalists", "new customers", "promising", "need attention", "about to sleep", "at risk", "can't lose them", "hibernating", "lost".</summary>
    public string Segment { get; }

    /// <summary>"553 (champions)".</summary>
    public override string ToString() => $"{Code} ({Segment})";
}
