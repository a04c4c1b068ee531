namespace TrustMetrics.Presentation;

/// <summary>
/// Renders any TrustMetrics result as a table: one HTML <c>&lt;div&gt;</c> (well-formed, text escaped) for notebooks and web
/// pages, or a markdown pipe table for issues, wikis and docs. Cells use the invariant culture and "\n" line endings, so the
/// text is the same on every machine. The same tables appear in .NET Interactive notebooks through the results'
/// formatter attribute, with no call at all.
/// </summary>
public static class ResultFormatter
{
    /// <summary>True when <paramref name="result"/> is a TrustMetrics result this formatter can lay out.</summary>
    /// <param name="result">Any object.</param>
    public static bool CanFormat(object? result) => result is ITabularResult;

    /// <summary>The result as one HTML <c>&lt;div class="trustmetrics"&gt;</c> holding a captioned table and its notes.</summary>
    /// <param name="result">A TrustMetrics result (see <see cref="CanFormat"/>).</param>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="result"/> is not a TrustMetrics result.</exception>
    public static string ToHtml(object result) => Table(result).ToHtml();

    /// <summary>The result as a markdown pipe table (bold caption line, escaped cells, notes underneath).</summary>
    /// <param name="result">A TrustMetrics result (see <see cref="CanFormat"/>).</param>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="result"/> is not a TrustMetrics result.</exception>
    public static string ToMarkdown(object result) => Table(result).ToMarkdown();

    private static ResultTable Table(object result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result is ITabularResult tabular
            ? tabular.ToTable()
            : throw new ArgumentException($"{result.GetType().Name} is not a TrustMetrics result; nothing to format.", nameof(result));
    }
}
