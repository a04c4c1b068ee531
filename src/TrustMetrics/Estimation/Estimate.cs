using Microsoft.DotNet.Interactive.Formatting;
using TrustMetrics.Presentation;

namespace TrustMetrics.Estimation;

/// <summary>
/// A point estimate with its standard error and a confidence interval: <c>Value ± …</c> with
/// <c>Interval</c> computed by <c>Interval.Method</c>. Methods that shrink toward a prior (adjusted Wald, Bayesian)
/// centre the interval on the shrunk value, so the interval need not be symmetric around <see cref="Value"/>.
/// </summary>
/// <param name="Value">The point estimate (maximum-likelihood / sample value).</param>
/// <param name="StandardError">The estimated standard error of <see cref="Value"/>; <see cref="double.PositiveInfinity"/> when the sample cannot estimate it (a mean of one response).</param>
/// <param name="Interval">The confidence interval.</param>
[TypeFormatterSource(typeof(NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
public readonly record struct Estimate(double Value, double StandardError, ConfidenceInterval Interval) : ITabularResult
{
    /// <summary>Multiplies value, standard error and interval by <paramref name="factor"/> (&gt; 0), for example share → percent.</summary>
    /// <param name="factor">A positive scale factor.</param>
    public Estimate Scale(double factor) => new(Value * factor, StandardError * factor, Interval.Scale(factor));

    /// <summary>"23.4 (SE 2.7, 95% CI 18.1 to 28.6, wilson)": four significant digits, invariant culture.</summary>
    public override string ToString() =>
        $"{InvariantText.Significant(Value)} (SE {InvariantText.Significant(StandardError)}, {InvariantText.Interval(Interval)})";

    /// <summary>The estimate as an HTML table (one well-formed <c>&lt;div&gt;</c>, text HTML-escaped, invariant culture).</summary>
    public string ToHtml() => ((ITabularResult)this).ToTable().ToHtml();

    /// <summary>The estimate as a markdown pipe table (cells escaped, invariant culture).</summary>
    public string ToMarkdown() => ((ITabularResult)this).ToTable().ToMarkdown();

    ResultTable ITabularResult.ToTable() =>
        new ResultTable("Estimate", "estimate", "SE", InvariantText.IntervalHeader(Interval), "method")
            .Row(InvariantText.Significant(Value), InvariantText.Significant(StandardError), InvariantText.Bounds(Interval), Interval.Method);
}
