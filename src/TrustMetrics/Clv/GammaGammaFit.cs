using Microsoft.DotNet.Interactive.Formatting;
using TrustMetrics.Presentation;

namespace TrustMetrics.Clv;

/// <summary>A fitted Gamma–Gamma spend model.</summary>
/// <param name="Model">The model at the maximum-likelihood estimates.</param>
/// <param name="StandardErrors">Standard errors of p, q, γ from the inverse observed information.</param>
/// <param name="Report">Log-likelihood, convergence report, covariance.</param>
/// <param name="SkippedCustomers">Customers left out because they have no repeat purchase (x = 0).</param>
[TypeFormatterSource(typeof(NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed record GammaGammaFit(GammaGammaModel Model, GammaGammaParameters StandardErrors, ClvFitReport Report, long SkippedCustomers) : ITabularResult
{
    /// <summary>The estimates (p, q, γ).</summary>
    public GammaGammaParameters Parameters => Model.Parameters;

    /// <summary>The fit in one line, as <see cref="ClvFitReport.ToString"/>, with the customers left out.</summary>
    public override string ToString() => $"{Report}, {InvariantText.Count(SkippedCustomers)} customers without repeat purchases skipped";

    /// <summary>The estimates with standard errors and how the fit went as an HTML table (one well-formed <c>&lt;div&gt;</c>, text HTML-escaped, invariant culture) for notebooks and web pages.</summary>
    public string ToHtml() => ((ITabularResult)this).ToTable().ToHtml();

    /// <summary>The estimates with standard errors and how the fit went as a markdown pipe table (cells escaped, invariant culture) to paste into issues, wikis and docs.</summary>
    public string ToMarkdown() => ((ITabularResult)this).ToTable().ToMarkdown();

    ResultTable ITabularResult.ToTable() => ((ITabularResult)Report).ToTable()
        .Note($"{InvariantText.Count(SkippedCustomers)} customers without repeat purchases (x = 0) were left out of the spend model.");
}
