namespace TrustMetrics.Nps;

/// <summary>The 0–10 likelihood-to-recommend scale and its classification: detractor 0–6, passive 7–8, promoter 9–10 (Reichheld 2003).</summary>
public static class NpsScale
{
    /// <summary>Lowest valid score (0).</summary>
    public const int MinScore = 0;

    /// <summary>Highest valid score (10).</summary>
    public const int MaxScore = 10;

    /// <summary>Highest detractor score (6).</summary>
    public const int MaxDetractorScore = 6;

    /// <summary>Lowest promoter score (9).</summary>
    public const int MinPromoterScore = 9;

    /// <summary>Classifies a score: 0–6 detractor, 7–8 passive, 9–10 promoter.</summary>
    /// <param name="score">A score in 0–10.</param>
    /// <exception cref="ArgumentOutOfRangeException">The score is outside 0–10.</exception>
    public static NpsCategory Classify(int score)
    {
        if ((uint)score > MaxScore)
        {
            throw new ArgumentOutOfRangeException(nameof(score), score, $"An NPS score must be an integer from 0 to 10; got {score}.");
        }

        return score <= MaxDetractorScore ? NpsCategory.Detractor
            : score >= MinPromoterScore ? NpsCategory.Promoter
            : NpsCategory.Passive;
    }

    /// <summary>Throws for the score at <paramref name="index"/> of <paramref name="paramName"/>, naming index and value.</summary>
    internal static ArgumentOutOfRangeException OutOfRange(string paramName, long index, long value) =>
        new(paramName, value, $"{paramName}[{index}] = {value} is outside the NPS scale 0–10.");
}
