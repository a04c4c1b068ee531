using TrustMetrics.Estimation;
using TrustMetrics.Presentation;

namespace TrustMetrics.TrustIndex;

/// <summary>
/// The layouts the trust-index results share: one row for the index and one per dimension (score, SE, interval, weight, mean
/// answer, alpha, n), so the whole survey and each segment read the same way in notebooks, markdown and HTML.
/// </summary>
internal static class TrustIndexTables
{
    /// <summary>An index-and-dimensions table for one unit (all respondents or a segment).</summary>
    public static ResultTable Scores(string caption, Estimate index, long count, IReadOnlyList<DimensionResult> dimensions, string? scale)
    {
        var table = new ResultTable(caption, "measure", "score (0–100)", "SE", InvariantText.IntervalHeader(index.Interval), "weight",
            scale is null ? "mean answer" : $"mean ({scale})", "Cronbach's α", "n");
        table.Row(TrustIndexCalculator.IndexMeasure, Score(index.Value), Error(index.StandardError),
            InvariantText.OptionalBounds(index.Interval, "0.0"), "1", "–", "–", InvariantText.Count(count));
        foreach (var d in dimensions)
        {
            table.Row(d.Name, Score(d.Score.Value), Error(d.Score.StandardError), InvariantText.OptionalBounds(d.Score.Interval, "0.0"),
                InvariantText.Number(d.Weight, "0.###"), InvariantText.Number(d.MeanScore, "0.00"), Alpha(d.Reliability), InvariantText.Count(d.Count));
        }

        return table;
    }

    /// <summary>"0.81", "0.62 (low)" below the warning threshold, "–" when undefined.</summary>
    public static string Alpha(DimensionReliability reliability) => reliability.CronbachAlpha is { } alpha
        ? InvariantText.Number(alpha, "0.00") + (reliability.IsBelowThreshold ? " (low)" : "")
        : "–";

    /// <summary>A 0–100 score with one decimal.</summary>
    public static string Score(double value) => InvariantText.Number(value, "0.0");

    /// <summary>"72.3 [71.6, 73.0]", or "72.3" when the bootstrap was switched off.</summary>
    public static string ScoreWithInterval(Estimate estimate) => double.IsInfinity(estimate.Interval.Lower)
        ? Score(estimate.Value)
        : $"{Score(estimate.Value)} [{Score(estimate.Interval.Lower)}, {Score(estimate.Interval.Upper)}]";

    private static string Error(double standardError) => double.IsInfinity(standardError) ? "–" : InvariantText.Number(standardError, "0.00");
}
