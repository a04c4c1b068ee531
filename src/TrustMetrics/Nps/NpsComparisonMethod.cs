namespace TrustMetrics.Nps;

/// <summary>How two independent NPS samples are compared (docs/nps.md, "Comparing two scores").</summary>
public enum NpsComparisonMethod
{
    /// <summary>Adjusted Wald (MeasuringU; brendan-r/NPS): each sample gets ¾/1½/¾ pseudo-responses, Δ' ± z·√(V₁'/n₁' + V₂'/n₂'). The default: better small-sample behaviour than Wald.</summary>
    AdjustedWald = 0,

    /// <summary>Wald: Δ ± z·√(V₁/n₁ + V₂/n₂), z = Δ/SE.</summary>
    Wald = 1,
}
