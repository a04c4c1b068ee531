using Microsoft.DotNet.Interactive.Formatting;
using TrustMetrics.Estimation;
using TrustMetrics.Presentation;

namespace TrustMetrics.Scales;

/// <summary>
/// Two independent samples of a scale metric: the top-box difference in percentage points (pooled z test, Newcombe
/// interval) and the mean difference (Welch's t test and interval).
/// </summary>
/// <param name="TopBox">first − second top-box share, in percentage points.</param>
/// <param name="Mean">first − second mean answer.</param>
[TypeFormatterSource(typeof(NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed record ScaleComparison(DifferenceTest TopBox, DifferenceTest Mean) : ITabularResult
{
    /// <summary>"top box: difference …; mean: difference …" (see <see cref="DifferenceTest.ToString"/>).</summary>
    public override string ToString() => $"top box: {TopBox}; mean: {Mean}";

    /// <summary>Both differences as an HTML table (one well-formed <c>&lt;div&gt;</c>, text HTML-escaped, invariant culture).</summary>
    public string ToHtml() => ((ITabularResult)this).ToTable().ToHtml();

    /// <summary>Both differences as a markdown pipe table (cells escaped, invariant culture).</summary>
    public string ToMarkdown() => ((ITabularResult)this).ToTable().ToMarkdown();

    ResultTable ITabularResult.ToTable() => DifferenceTable.Create("Scale comparison (first − second)", TopBox.Interval)
        .AddRow("top box (points)", TopBox)
        .AddRow("mean", Mean);
}
