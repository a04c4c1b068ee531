namespace TrustMetrics.Nps;

/// <summary>Reichheld's (2003) classes of a 0–10 likelihood-to-recommend answer.</summary>
public enum NpsCategory
{
    /// <summary>Scores 0–6.</summary>
    Detractor = 0,

    /// <summary>Scores 7–8.</summary>
    Passive = 1,

    /// <summary>Scores 9–10.</summary>
    Promoter = 2,
}
