namespace TrustMetrics.TrustIndex;

/// <summary>The trust breakdown alert: every segment × measure change between two periods, Holm-adjusted as one family.</summary>
/// <param name="Changes">Every comparison: for the whole sample and each segment present in both periods, the index then each dimension.</param>
/// <param name="SignificanceLevel">1 − confidence level: the adjusted p-value below which a drop is an alert.</param>
public sealed record TrustBreakdownResult(IReadOnlyList<TrustChange> Changes, double SignificanceLevel)
{
    /// <summary>The changes flagged as alerts (significant drops).</summary>
    public IReadOnlyList<TrustChange> Alerts => Changes.Where(c => c.IsAlert).ToList();
}
