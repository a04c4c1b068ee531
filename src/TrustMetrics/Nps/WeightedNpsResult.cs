using TrustMetrics.Estimation;

namespace TrustMetrics.Nps;

/// <summary>
/// Survey-weighted NPS in points: 100·(Σw_promoters − Σw_detractors)/Σw. The standard error is the linearization
/// (Taylor) SE of R <c>survey::svymean</c> for a with-replacement design: √(n/(n−1)·Σw²(y − NPS)²/(Σw)²), y ∈ {+1, 0, −1};
/// the interval is Wald on that SE. <see cref="KishStandardError"/> is the quick approximation √(V_w/n_eff).
/// </summary>
/// <param name="Tally">The weighted counts the result was computed from.</param>
/// <param name="Score">Weighted NPS in points with its linearization standard error and Wald interval.</param>
/// <param name="KishStandardError">√(V_w / n_eff) in points, V_w = pP_w + pD_w − (pP_w − pD_w)².</param>
public sealed record WeightedNpsResult(WeightedNpsTally Tally, Estimate Score, double KishStandardError)
{
    /// <summary>Number of responses n (unweighted).</summary>
    public long Count => Tally.Count;

    /// <summary>Kish effective sample size (Σw)²/Σw².</summary>
    public double EffectiveSampleSize => Tally.EffectiveSampleSize;

    /// <summary>Design effect of weighting, n / n_eff = 1 + CV²(w).</summary>
    public double DesignEffect => Count / Tally.EffectiveSampleSize;

    /// <summary>Σw over detractors / Σw.</summary>
    public double DetractorShare => Tally.DetractorWeight / Tally.TotalWeight;

    /// <summary>Σw over passives / Σw.</summary>
    public double PassiveShare => Tally.PassiveWeight / Tally.TotalWeight;

    /// <summary>Σw over promoters / Σw.</summary>
    public double PromoterShare => Tally.PromoterWeight / Tally.TotalWeight;
}
