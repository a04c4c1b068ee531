using Microsoft.DotNet.Interactive.Formatting;
using TrustMetrics.Estimation;
using TrustMetrics.Presentation;

namespace TrustMetrics.TrustIndex;

/// <summary>
/// One dimension of a sample (all respondents or one segment): its mean score in scale units, its normalised 0–100 score
/// with a bootstrap interval, the weight it received and the reliability of its items. When nobody in the sample has a score
/// on the dimension (<see cref="Count"/> = 0) the mean and the score are undefined: null. Render with <see cref="ResultFormatter"/>.
/// </summary>
[TypeFormatterSource(typeof(NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed class DimensionResult : ITabularResult
{
    internal DimensionResult(string name, long count, double? meanScore, Estimate? score, double weight, DimensionReliability reliability)
    {
        Name = name;
        Count = count;
        MeanScore = meanScore;
        Score = score;
        Weight = weight;
        Reliability = reliability;
    }

    /// <summary>Dimension name.</summary>
    public string Name { get; }

    /// <summary>Respondents with a score on this dimension (see the missing-answer policy).</summary>
    public long Count { get; }

    /// <summary>Mean of respondents' dimension scores, in scale units; null when <see cref="Count"/> is 0.</summary>
    public double? MeanScore { get; }

    /// <summary>Normalised score (0–100) with its bootstrap standard error and percentile interval; null when <see cref="Count"/> is 0.</summary>
    public Estimate? Score { get; }

    /// <summary>The dimension's weight in this sample's index (weights sum to 1).</summary>
    public double Weight { get; }

    /// <summary>Cronbach's alpha and item analysis of the dimension within this sample.</summary>
    public DimensionReliability Reliability { get; }

    /// <summary>"transparency 67.3 [66.5, 68.1] (weight 0.2, α 0.81, n = 4,000)", invariant culture.</summary>
    public override string ToString() =>
        $"{Name} {TrustIndexTables.ScoreWithInterval(Score)} (weight {InvariantText.Number(Weight, "0.###")}, α {TrustIndexTables.Alpha(Reliability)}, n = {InvariantText.Count(Count)})";

    ResultTable ITabularResult.ToTable()
    {
        string header = Score is { } s ? TrustIndexTables.IntervalHeader(s.Interval.Level) : "CI";
        var table = new ResultTable($"Trust dimension {Name}", "score (0–100)", "SE", header, "weight", "mean answer", "Cronbach's α", "n")
            .Row(TrustIndexTables.Score(Score?.Value), TrustIndexTables.Error(Score), TrustIndexTables.Bounds(Score), InvariantText.Number(Weight, "0.###"),
                InvariantText.Optional(MeanScore, "0.00"), TrustIndexTables.Alpha(Reliability), InvariantText.Count(Count));
        return Reliability.UndefinedReason is { } reason ? table.Note("Alpha undefined: " + reason) : table;
    }
}
