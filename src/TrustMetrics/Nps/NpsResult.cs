using Microsoft.DotNet.Interactive.Formatting;
using TrustMetrics.Estimation;
using TrustMetrics.Presentation;

namespace TrustMetrics.Nps;

/// <summary>
/// Net Promoter Score of a sample: NPS = 100·(promoters − detractors)/n in points on [−100, 100], its standard error
/// 100·√(V/n) from the trinomial variance V = pP + pD − (pP − pD)², and the chosen confidence interval (in points).
/// </summary>
/// <param name="Tally">The counts the result was computed from.</param>
/// <param name="Score">NPS in points with its standard error and interval.</param>
[TypeFormatterSource(typeof(NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed record NpsResult(NpsTally Tally, Estimate Score) : ITabularResult
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

    /// <summary>The score, its interval and the three groups as an HTML table (one well-formed <c>&lt;div&gt;</c>, text HTML-escaped, invariant culture) for notebooks and web pages.</summary>
    public string ToHtml() => ((ITabularResult)this).ToTable().ToHtml();

    /// <summary>The score, its interval and the three groups as a markdown pipe table (cells escaped, invariant culture) to paste into issues, wikis and docs.</summary>
    public string ToMarkdown() => ((ITabularResult)this).ToTable().ToMarkdown();

    ResultTable ITabularResult.ToTable() =>
        new ResultTable("Net Promoter Score", "NPS", "SE", InvariantText.IntervalHeader(Interval), "n", "promoters", "passives", "detractors")
            .Row(InvariantText.Number(Score.Value, "0.0"), InvariantText.Number(StandardError, "0.0"), InvariantText.Bounds(Interval, "0.0"),
                InvariantText.Count(Count), Group(Tally.Promoters), Group(Tally.Passives), Group(Tally.Detractors))
            .Note($"Interval method: {Interval.Method}. NPS = % promoters (9–10) − % detractors (0–6), in points.");

    private string Group(long count) => $"{InvariantText.Count(count)} ({InvariantText.Percent((double)count / Count)})";
}
