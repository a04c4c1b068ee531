using Microsoft.DotNet.Interactive.Formatting;
using TrustMetrics.Estimation;
using TrustMetrics.Presentation;

namespace TrustMetrics.TrustIndex;

/// <summary>
/// One dimension of a sample (all respondents or one segment): its mean score in scale units, its normalised 0–100 score
/// with a bootstrap interval, the weight it received and the reliability of its items.
/// </summary>
/// <param name="Name">Dimension name.</param>
/// <param name="Count">Respondents with a score on this dimension (see the missing-answer policy).</param>
/// <param name="MeanScore">Mean of respondents' dimension scores, in scale units (NaN when <see cref="Count"/> is 0).</param>
/// <param name="Score">Normalised score (0–100) with its bootstrap standard error and percentile interval.</param>
/// <param name="Weight">The dimension's weight in this sample's index (weights sum to 1).</param>
/// <param name="Reliability">Cronbach's alpha and item analysis of the dimension within this sample.</param>
[TypeFormatterSource(typeof(NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed record DimensionResult(string Name, long Count, double MeanScore, Estimate Score, double Weight, DimensionReliability Reliability) : ITabularResult
{
    /// <summary>"transparency 67.3 [66.5, 68.1] (weight 0.2, α 0.81, n = 4,000)", invariant culture.</summary>
    public override string ToString() =>
        $"{Name} {TrustIndexTables.ScoreWithInterval(Score)} (weight {InvariantText.Number(Weight, "0.###")}, α {TrustIndexTables.Alpha(Reliability)}, n = {InvariantText.Count(Count)})";

    /// <summary>The dimension's score, interval, weight, mean answer and alpha as an HTML table (one well-formed <c>&lt;div&gt;</c>, text HTML-escaped, invariant culture).</summary>
    public string ToHtml() => ((ITabularResult)this).ToTable().ToHtml();

    /// <summary>The same table as <see cref="ToHtml"/> as a markdown pipe table (cells escaped, invariant culture).</summary>
    public string ToMarkdown() => ((ITabularResult)this).ToTable().ToMarkdown();

    ResultTable ITabularResult.ToTable()
    {
        var table = new ResultTable($"Trust dimension {Name}", "score (0–100)", "SE", InvariantText.IntervalHeader(Score.Interval), "weight", "mean answer", "Cronbach's α", "n")
            .Row(TrustIndexTables.Score(Score.Value), double.IsInfinity(Score.StandardError) ? "–" : InvariantText.Number(Score.StandardError, "0.00"),
                InvariantText.OptionalBounds(Score.Interval, "0.0"), InvariantText.Number(Weight, "0.###"), InvariantText.Number(MeanScore, "0.00"),
                TrustIndexTables.Alpha(Reliability), InvariantText.Count(Count));
        return Reliability.UndefinedReason is { } reason ? table.Note("Alpha undefined: " + reason) : table;
    }
}
