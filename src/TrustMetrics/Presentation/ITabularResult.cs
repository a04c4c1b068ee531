namespace TrustMetrics.Presentation;

/// <summary>
/// A result that can lay itself out as a <see cref="ResultTable"/>. Every result type with <c>ToHtml()</c>/<c>ToMarkdown()</c>
/// implements it (explicitly, so it stays out of the public API) and carries
/// <c>[TypeFormatterSource(typeof(NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]</c>, which is all a new
/// family needs to render in notebooks, markdown and HTML the same way as the others.
/// </summary>
internal interface ITabularResult
{
    /// <summary>The result as a table.</summary>
    ResultTable ToTable();
}
