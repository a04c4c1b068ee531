namespace TrustMetrics.TrustIndex;

/// <summary>How dimensions are weighted (OECD/JRC Handbook 2008, step 6). Weights always sum to 1.</summary>
public enum TrustWeighting
{
    /// <summary>Default. Every dimension weighs 1/p.</summary>
    Equal,

    /// <summary><see cref="TrustIndexOptions.Weights"/>, rescaled to sum to 1.</summary>
    User,

    /// <summary>
    /// Principal-component weights: w_j = v_j² with v the eigenvector of the largest eigenvalue of the correlation matrix of
    /// respondent-level dimension scores (complete cases). This is the Handbook's factor-analysis weighting when one factor is
    /// retained — the usual case for strongly correlated trust drivers. Statistical, not normative, weights.
    /// </summary>
    Pca,

    /// <summary>
    /// Benefit of the doubt (Melyn &amp; Moesen 1991; Cherchye et al. 2007): each segment c gets the weights that maximise
    /// Σ_q I_qc·w_q subject to Σ_q I_qk·w_q ≤ 1 for every segment k and w ≥ 0 (I on [0, 1]), solved exactly by a small simplex;
    /// the optimal weights, rescaled to sum to 1, are then used by the chosen aggregation. Needs at least two segments.
    /// </summary>
    BenefitOfTheDoubt,
}
