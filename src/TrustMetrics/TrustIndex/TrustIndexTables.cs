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
        table.Row(TrustIndexCalculator.IndexMeasure, Score(index.Value), Error(index), Bounds(index), "1", "–", "–", InvariantText.Count(count));
        foreach (var d in dimensions)
        {
            table.Row(d.Name, Score(d.Score?.Value), Error(d.Score), Bounds(d.Score), InvariantText.Number(d.Weight, "0.###"),
                InvariantText.Optional(d.MeanScore, "0.00"), Alpha(d.Reliability), InvariantText.Count(d.Count));
        }

        return table;
    }

    /// <summary>"0.81", "0.62 (low)" below the warning threshold, "–" when undefined.</summary>
    public static string Alpha(DimensionReliability reliability) => reliability.CronbachAlpha is { } alpha
        ? InvariantText.Number(alpha, "0.00") + (reliability.IsBelowThreshold ? " (low)" : "")
        : "–";

    /// <summary>A 0–100 score with one decimal; "–" when undefined.</summary>
    public static string Score(double? value) => InvariantText.Optional(value, "0.0");

    /// <summary>"72.3 [71.6, 73.0]", "72.3" when the bootstrap was switched off, "–" when undefined.</summary>
    public static string ScoreWithInterval(Estimate? estimate) => estimate is not { } e
        ? "–"
        : HasInterval(e) ? $"{Score(e.Value)} [{Score(e.Interval.Lower)}, {Score(e.Interval.Upper)}]" : Score(e.Value);

    /// <summary>The standard error with two decimals; "–" without bootstrap or when undefined.</summary>
    public static string Error(Estimate? estimate) => estimate is { } e && HasInterval(e) ? InvariantText.Number(e.StandardError, "0.00") : "–";

    /// <summary>The interval bounds with one decimal; "–" without bootstrap or when undefined.</summary>
    public static string Bounds(Estimate? estimate) => estimate is { } e && HasInterval(e) ? InvariantText.Bounds(e.Interval, "0.0") : "–";

    /// <summary>The interval bounds with three decimals; "–" without bootstrap.</summary>
    public static string Bounds3(Estimate estimate) => HasInterval(estimate) ? InvariantText.Bounds(estimate.Interval, "0.000") : "–";

    /// <summary>"95% CI" for the level of a result's intervals.</summary>
    public static string IntervalHeader(double level) => InvariantText.Level(level) + " CI";

    /// <summary>True when the estimate carries a bootstrap interval (method other than "none").</summary>
    public static bool HasInterval(Estimate estimate) => double.IsFinite(estimate.Interval.Lower) && double.IsFinite(estimate.Interval.Upper);
}
