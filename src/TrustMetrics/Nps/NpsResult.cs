using TrustMetrics.Estimation;

namespace TrustMetrics.Nps;

/// <summary>
/// Net Promoter Score of a sample: NPS = 100·(promoters − detractors)/n in points on [−100, 100], its standard error
/// 100·√(V/n) from the trinomial variance V = pP + pD − (pP − pD)², and the chosen confidence interval (in points).
/// </summary>
/// <param name="Tally">The counts the result was computed from.</param>
/// <param name="Score">NPS in points with its standard error and interval.</param>
public sealed record NpsResult(NpsTally Tally, Estimate Score)
{
    /// <summary>Number of responses n.</summary>
    public long Count => Tally.Count;

    /// <summary>Detractors / n.</summary>
    public double DetractorShare => (double)Tally.Detractors / Tally.Count;

    /// <summary>Passives / n.</summary>
    public double PassiveShare => (double)Tally.Passives / Tally.Count;

    /// <summary>Promoters / n.</summary>
    public double PromoterShare => (double)Tally.Promoters / Tally.Count;

    /// <summary>Standard error of the score in points.</summary>
    public double StandardError => Score.StandardError;

    /// <summary>Confidence interval of the score in points.</summary>
    public ConfidenceInterval Interval => Score.Interval;

    /// <summary>A one-line summary such as <c>NPS 30.0 [14.0, 44.3] (95% score, n = 100)</c>.</summary>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"NPS {Score.Value:0.0} [{Interval.Lower:0.0}, {Interval.Upper:0.0}] ({Interval.Level * 100:0.##}% {Interval.Method}, n = {Count})");
}
