using Microsoft.DotNet.Interactive.Formatting;
using TrustMetrics.Estimation;
using TrustMetrics.Presentation;

namespace TrustMetrics.Reviews;

/// <summary>
/// Two independent rating samples (two products, or one product in two periods), first − second: the mean difference by
/// Welch's t test and interval, and the positive-share difference (a share, not percent) by the pooled two-proportion z test
/// with Newcombe's hybrid score interval. Rendered by <see cref="ResultFormatter"/>.
/// </summary>
[TypeFormatterSource(typeof(NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed class RatingComparison : ITabularResult
{
    internal RatingComparison(DifferenceTest mean, DifferenceTest positiveShare)
    {
        Mean = mean;
        PositiveShare = positiveShare;
    }

    /// <summary>first − second mean rating (Welch).</summary>
    public DifferenceTest Mean { get; }

    /// <summary>first − second positive share (pooled z, Newcombe interval).</summary>
    public DifferenceTest PositiveShare { get; }

    /// <summary>"mean difference 0.31 (95% CI 0.12 to 0.5, welch-t, p = 0.0014); positive share difference 0.08 (…)", invariant culture.</summary>
    public override string ToString() =>
        $"mean difference {InvariantText.Significant(Mean.Difference)} ({InvariantText.Interval(Mean.Interval)}, p = {InvariantText.PValue(Mean.PValue)}); " +
        $"positive share difference {InvariantText.Significant(PositiveShare.Difference)} ({InvariantText.Interval(PositiveShare.Interval)}, p = {InvariantText.PValue(PositiveShare.PValue)})";

    ResultTable ITabularResult.ToTable() =>
        DifferenceTable.Create("Ratings compared (first − second)", Mean.Interval)
            .AddRow("mean rating", Mean)
            .AddRow("positive share", PositiveShare)
            .Note("Mean rating: Welch's t test, in stars. Positive share: pooled two-proportion z test with Newcombe's interval, as a share (0.05 = 5 points).");
}
