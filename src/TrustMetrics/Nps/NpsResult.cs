using Microsoft.DotNet.Interactive.Formatting;
using TrustMetrics.Estimation;
using TrustMetrics.Presentation;

namespace TrustMetrics.Nps;

/// <summary>
/// Net Promoter Score of a sample: NPS = 100·(promoters − detractors)/n in points on [−100, 100], its standard error
/// 100·√(V/n) from the trinomial variance V = pP + pD − (pP − pD)², and the chosen confidence interval (in points).
/// </summary>
/// <remarks>Render with <see cref="ResultFormatter"/> (HTML or markdown); notebooks pick it up on their own.</remarks>
[TypeFormatterSource(typeof(NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed class NpsResult : ITabularResult
{
    internal NpsResult(NpsTally tally, Estimate score)
    {
        Tally = tally;
        Score = score;
    }

    /// <summary>The counts the result was computed from (non-empty).</summary>
    public NpsTally Tally { get; }

    /// <summary>NPS in points with its standard error 100·√(V/n) and interval.</summary>
    public Estimate Score { get; }

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

    ResultTable ITabularResult.ToTable() =>
        new ResultTable("Net Promoter Score", "NPS", "SE", InvariantText.IntervalHeader(Interval), "n", "promoters", "passives", "detractors")
            .Row(InvariantText.Number(Score.Value, "0.0"), InvariantText.Number(StandardError, "0.0"), InvariantText.Bounds(Interval, "0.0"),
                InvariantText.Count(Count), Group(Tally.Promoters), Group(Tally.Passives), Group(Tally.Detractors))
            .Note($"Interval method: {Interval.Method}. NPS = % promoters (9–10) − % detractors (0–6), in points.");

    private string Group(long count) => $"{InvariantText.Count(count)} ({InvariantText.Percent((double)count / Count)})";
}
