namespace TrustMetrics.Nps;

/// <summary>Confidence-interval methods for NPS = p(promoter) − p(detractor). Formulas and sources: docs/nps.md.</summary>
public enum NpsIntervalMethod
{
    /// <summary>
    /// Score interval (Tango 1998) inverted from the restricted-ML score statistic of pP − pD; the R NPS package's
    /// "iterative" method. The default: like Wilson for a proportion it keeps near-nominal coverage at small n, stays
    /// inside [−100, 100] without clipping, always contains the reported score, and does not collapse to zero width when
    /// every respondent falls in one class.
    /// </summary>
    Score = 0,

    /// <summary>
    /// Adjusted Wald (Rocks 2016; Lewis &amp; Sauro): add ¾ detractor, 1½ passive and ¾ promoter pseudo-responses, then Wald
    /// around the adjusted score. The interval is centred on the adjusted score, clipped to [−100, 100].
    /// </summary>
    AdjustedWald = 1,

    /// <summary>Wald: NPS ± z·√(V/n), V = pP + pD − (pP − pD)², clipped to [−100, 100]. Zero width when V = 0.</summary>
    Wald = 2,

    /// <summary>
    /// Bayesian equal-tailed credible interval of θP − θD under a Dirichlet(1, 1, 1) prior (Costa et al.; BayesNPS),
    /// computed deterministically by quadrature and root finding.
    /// </summary>
    Bayesian = 3,
}
