using Microsoft.DotNet.Interactive.Formatting;
using TrustMetrics.Estimation;
using TrustMetrics.Presentation;

namespace TrustMetrics.Scales;

/// <summary>
/// Two independent samples of a scale metric: the top-box difference in percentage points (pooled z test, Newcombe
/// interval) and the mean difference (Welch's t test and interval).
/// </summary>
/// <remarks>Render with <see cref="ResultFormatter"/>.</remarks>
[TypeFormatterSource(typeof(NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed class ScaleComparison : ITabularResult
{
    internal ScaleComparison(DifferenceTest topBox, DifferenceTest mean)
    {
        TopBox = topBox;
        Mean = mean;
    }

    /// <summary>first − second top-box share, in percentage points (pooled z test, Newcombe interval).</summary>
    public DifferenceTest TopBox { get; }

    /// <summary>first − second mean answer (Welch's t test and interval).</summary>
    public DifferenceTest Mean { get; }

    /// <summary>"top box: difference …; mean: difference …" (see <see cref="DifferenceTest.ToString"/>).</summary>
    public override string ToString() => $"top box: {TopBox}; mean: {Mean}";

    ResultTable ITabularResult.ToTable() => DifferenceTable.Create("Scale comparison (first − second)", TopBox.Interval)
        .AddRow("top box (points)", TopBox)
        .AddRow("mean", Mean);
}
