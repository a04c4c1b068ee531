using Microsoft.DotNet.Interactive.Formatting;
using TrustMetrics.Presentation;

namespace TrustMetrics.Clv;

/// <summary>A fitted BG/BB model with its standard errors and fit report.</summary>
/// <param name="Model">The model at the maximum-likelihood estimates.</param>
/// <param name="StandardErrors">Standard errors of α, β, γ, δ from the inverse observed information.</param>
/// <param name="Report">Log-likelihood, convergence report, covariance.</param>
[TypeFormatterSource(typeof(NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed record BgBbFit(BgBbModel Model, BgBbParameters StandardErrors, ClvFitReport Report) : ITabularResult
{
    /// <summary>The estimates (α, β, γ, δ).</summary>
    public BgBbParameters Parameters => Model.Parameters;

    /// <summary>The fit in one line, as <see cref="ClvFitReport.ToString"/>.</summary>
    public override string ToString() => Report.ToString();

    /// <summary>The estimates with standard errors and how the fit went as an HTML table (one well-formed <c>&lt;div&gt;</c>, text HTML-escaped, invariant culture) for notebooks and web pages.</summary>
    public string ToHtml() => ((ITabularResult)this).ToTable().ToHtml();

    /// <summary>The estimates with standard errors and how the fit went as a markdown pipe table (cells escaped, invariant culture) to paste into issues, wikis and docs.</summary>
    public string ToMarkdown() => ((ITabularResult)this).ToTable().ToMarkdown();

    ResultTable ITabularResult.ToTable() => ((ITabularResult)Report).ToTable();
}
