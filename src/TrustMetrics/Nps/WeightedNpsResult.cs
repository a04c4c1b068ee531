using Microsoft.DotNet.Interactive.Formatting;
using TrustMetrics.Estimation;
using TrustMetrics.Presentation;

namespace TrustMetrics.Nps;

/// <summary>
/// Survey-weighted NPS in points: 100·(Σw_promoters − Σw_detractors)/Σw. The standard error is the linearization
/// (Taylor) SE of R <c>survey::svymean</c> for a with-replacement design: √(n/(n−1)·Σw²(y − NPS)²/(Σw)²), y ∈ {+1, 0, −1};
/// the interval is Wald on that SE. <see cref="KishStandardError"/> is the quick approximation √(V_w/n_eff).
/// </summary>
/// <remarks>
/// With one response the linearization SE is unknown (no degrees of freedom): it is reported as +∞ and the interval is the whole
/// range [−100, 100]. Render with <see cref="ResultFormatter"/>.
/// </remarks>
[TypeFormatterSource(typeof(NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed class WeightedNpsResult : ITabularResult
{
    internal WeightedNpsResult(WeightedNpsTally tally, Estimate score, double kishStandardError)
    {
        Tally = tally;
        Score = score;
        KishStandardError = kishStandardError;
    }

    /// <summary>The weighted counts the result was computed from (positive total weight).</summary>
    public WeightedNpsTally Tally { get; }

    /// <summary>Weighted NPS in points with its linearization standard error and Wald interval.</summary>
    public Estimate Score { get; }

    /// <summary>√(V_w / n_eff) in points, V_w = pP_w + pD_w − (pP_w − pD_w)².</summary>
    public double KishStandardError { get; }

    /// <summary>Number of responses n (unweighted).</summary>
    internal long Count => Tally.Counts.Count;

    /// <summary>Kish effective sample size (Σw)²/Σw².</summary>
    internal double EffectiveSampleSize => Tally.EffectiveSampleSize;

    /// <summary>Design effect of weighting, n / n_eff = 1 + CV²(w).</summary>
    public double DesignEffect => Count / Tally.EffectiveSampleSize;

    /// <summary>Σw over detractors / Σw.</summary>
    public double DetractorShare => Tally.DetractorWeight / Tally.TotalWeight;

    /// <summary>Σw over passives / Σw.</summary>
    public double PassiveShare => Tally.PassiveWeight / Tally.TotalWeight;

    /// <summary>Σw over promoters / Σw.</summary>
    public double PromoterShare => Tally.PromoterWeight / Tally.TotalWeight;

    /// <summary>"Weighted NPS 12.3 [4.1, 20.5] (95% wald, n = 1,204, effective n = 980.5)": invariant culture.</summary>
    public override string ToString() =>
        $"Weighted NPS {InvariantText.Number(Score.Value, "0.0")} [{InvariantText.Number(Score.Interval.Lower, "0.0")}, {InvariantText.Number(Score.Interval.Upper, "0.0")}] " +
        $"({InvariantText.Level(Score.Interval.Level)} {Score.Interval.Method}, n = {InvariantText.Count(Count)}, effective n = {InvariantText.Number(EffectiveSampleSize, "0.0")})";

    ResultTable ITabularResult.ToTable() =>
        new ResultTable("Weighted Net Promoter Score", "NPS", "SE", "Kish SE", InvariantText.IntervalHeader(Score.Interval), "n", "effective n",
                "promoters", "passives", "detractors")
            .Row(InvariantText.Number(Score.Value, "0.0"), InvariantText.Number(Score.StandardError, "0.0"), InvariantText.Number(KishStandardError, "0.0"),
                InvariantText.Bounds(Score.Interval, "0.0"), InvariantText.Count(Count), InvariantText.Number(EffectiveSampleSize, "0.0"),
                InvariantText.Percent(PromoterShare), InvariantText.Percent(PassiveShare), InvariantText.Percent(DetractorShare))
            .Note($"Interval method: {Score.Interval.Method} on the linearization SE; shares are weighted.");
}
