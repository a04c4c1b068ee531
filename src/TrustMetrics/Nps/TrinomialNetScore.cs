using TrustMetrics.Estimation;

namespace TrustMetrics.Nps;

/// <summary>
/// The one implementation of a trinomial "net" score, positive share − negative share: NPS (promoters − detractors) and net
/// sentiment (positive − negative mentions) both call it, so their values, standard errors and intervals cannot drift apart.
/// The counts travel as an <see cref="NpsTally"/> (detractor ↔ negative, passive ↔ neutral, promoter ↔ positive).
/// </summary>
internal static class TrinomialNetScore
{
    /// <summary>
    /// Score 100·(P − D)/n in points, SE 100·√(V/n) with V = pP + pD − (pP − pD)², and the interval of <paramref name="method"/>
    /// in points (survey-metrics.md §1.2–1.5). The caller has validated a non-empty tally, the level and the method.
    /// </summary>
    public static Estimate Estimate(NpsTally counts, double level, NpsIntervalMethod method)
    {
        double n = counts.Count;
        double score = (counts.Promoters - counts.Detractors) / n;
        double standardError = Math.Sqrt(NpsIntervals.Variance(counts.Detractors, counts.Promoters, n) / n);
        var (lower, upper) = NpsIntervals.Compute(counts, level, method);
        return new Estimate(score, standardError, new ConfidenceInterval(lower, upper, level, NpsIntervals.Name(method))).Scale(100.0);
    }
}
