namespace TrustMetrics.Presentation;

/// <summary>
/// The formatter source named by every result type's <c>TypeFormatterSource</c> attribute: an HTML formatter (the result's
/// <c>ToHtml()</c> table) and a plain-text formatter (its <c>ToString()</c>). Found by reflection, by member name, so the
/// members must stay public and keep these names and signatures; a test calls them the way .NET Interactive does.
/// </summary>
internal sealed class NotebookFormatterSource
{
    /// <summary>The formatters, HTML first.</summary>
    public IEnumerable<object> CreateTypeFormatters() =>
    [
        new NotebookFormatter("text/html", static value => value is ITabularResult result ? result.ToTable().ToHtml() : null),
        new NotebookFormatter("text/plain", static value => value is ITabularResult ? value.ToString() : null),
    ];
}
