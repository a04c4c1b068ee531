using Microsoft.DotNet.Interactive.Formatting;
using TrustMetrics.Presentation;

namespace TrustMetrics.Estimation;

/// <summary>
/// Comparison of two independent samples: <c>Difference = first − second</c>, its standard error, the test statistic
/// (z, or Welch's t when <see cref="DegreesOfFreedom"/> is set), the two-sided p-value <c>2·P(T ≥ |statistic|)</c>
/// and a confidence interval for the difference.
/// </summary>
/// <param name="Difference">first − second, with its sign kept (negative means the second sample scored higher).</param>
/// <param name="StandardError">Standard error of the difference.</param>
/// <param name="Statistic">The test statistic of H0: no difference.</param>
/// <param name="DegreesOfFreedom">Degrees of freedom of a t statistic; null for a z statistic.</param>
/// <param name="PValue">Two-sided p-value of H0: no difference.</param>
/// <param name="Interval">Confidence interval of the difference.</param>
/// <param name="Test">Machine-readable name of the test, for example "z-wald", "z-pooled", "welch-t".</param>
[TypeFormatterSource(typeof(NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
public readonly record struct DifferenceTest(
    double Difference,
    double StandardError,
    double Statistic,
    double? DegreesOfFreedom,
    double PValue,
    ConfidenceInterval Interval,
    string Test) : ITabularResult
{
    /// <summary>True when <see cref="PValue"/> is below 1 − level of the interval, i.e. the interval excludes zero for symmetric methods.</summary>
    public bool IsSignificant => PValue < 1.0 - Interval.Level;

    /// <summary>Multiplies difference, standard error and interval by <paramref name="factor"/> (statistic and p-value are scale-free).</summary>
    /// <param name="factor">A positive scale factor.</param>
    public DifferenceTest Scale(double factor) =>
        this with { Difference = Difference * factor, StandardError = StandardError * factor, Interval = Interval.Scale(factor) };

    /// <summary>"difference 5.2 (SE 2.1, 95% CI 1.1 to 9.3), z = 2.476, p = 0.0133 (z-wald)": invariant culture.</summary>
    public override string ToString() =>
        $"difference {InvariantText.Significant(Difference)} (SE {InvariantText.Significant(StandardError)}, " +
        $"{InvariantText.IntervalHeader(Interval)} {InvariantText.Bounds(Interval)}), " +
        $"{DifferenceTable.Statistic(this)}, p = {InvariantText.PValue(PValue)} ({Test})";

    /// <summary>The comparison as an HTML table (one well-formed <c>&lt;div&gt;</c>, text HTML-escaped, invariant culture).</summary>
    public string ToHtml() => ((ITabularResult)this).ToTable().ToHtml();

    /// <summary>The comparison as a markdown pipe table (cells escaped, invariant culture).</summary>
    public string ToMarkdown() => ((ITabularResult)this).ToTable().ToMarkdown();

    ResultTable ITabularResult.ToTable() => DifferenceTable.Create("Difference (first − second)", Interval).AddRow("difference", this);
}
