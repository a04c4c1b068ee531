using TrustMetrics.Estimation;

namespace TrustMetrics.Presentation;

/// <summary>The layout shared by every two-sample comparison: one row per compared quantity.</summary>
internal static class DifferenceTable
{
    /// <summary>An empty comparison table whose interval column is headed by <paramref name="level"/>'s "95% CI".</summary>
    public static ResultTable Create(string caption, ConfidenceInterval level) =>
        new(caption, "quantity", "difference", "SE", InvariantText.IntervalHeader(level), "statistic", "p", "test");

    /// <summary>Adds <paramref name="test"/> as the row <paramref name="label"/>.</summary>
    public static ResultTable AddRow(this ResultTable table, string label, DifferenceTest test) =>
        table.Row(label, InvariantText.Significant(test.Difference), InvariantText.Significant(test.StandardError),
            InvariantText.Bounds(test.Interval), Statistic(test), InvariantText.PValue(test.PValue), test.Test);

    /// <summary>"z = 2.47" or "t(35.2) = 2.47".</summary>
    public static string Statistic(DifferenceTest test) => test.DegreesOfFreedom is { } df
        ? $"t({InvariantText.Number(df, "0.#")}) = {InvariantText.Number(test.Statistic, "0.###")}"
        : $"z = {InvariantText.Number(test.Statistic, "0.###")}";
}
