namespace TrustMetrics.TrustIndex;

/// <summary>
/// How a respondent's dimension score treats unanswered items (a NaN cell in <see cref="TrustSurvey"/>).
/// See docs/trust-index.md, "Missing answers".
/// </summary>
public enum MissingAnswerPolicy
{
    /// <summary>
    /// Default. A respondent's dimension score is the mean of the dimension's answered items, provided the answered share is
    /// at least <see cref="TrustIndexOptions.MinimumAnsweredShare"/>; otherwise that dimension is missing for that respondent
    /// (the other dimensions still count). This is COINr's <c>dat_thresh</c> rule applied within a respondent.
    /// </summary>
    AvailableItemMean,

    /// <summary>Listwise (complete-case) deletion: a respondent with any unanswered item of the model is left out entirely.</summary>
    Listwise,
}
