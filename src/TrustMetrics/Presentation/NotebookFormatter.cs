namespace TrustMetrics.Presentation;

/// <summary>
/// One convention-based formatter as .NET Interactive expects it: a <see cref="MimeType"/> and
/// <c>bool Format(object instance, TextWriter writer)</c> that writes and returns true for the values it handles.
/// There must be exactly one public method named Format (it is looked up by name).
/// </summary>
internal sealed class NotebookFormatter
{
    private readonly Func<object, string?> render;

    /// <summary>A formatter for <paramref name="mimeType"/> writing what <paramref name="render"/> returns (null: not handled).</summary>
    public NotebookFormatter(string mimeType, Func<object, string?> render)
    {
        MimeType = mimeType;
        this.render = render;
    }

    /// <summary>"text/html" or "text/plain".</summary>
    public string MimeType { get; }

    /// <summary>Writes <paramref name="instance"/> rendered for <see cref="MimeType"/>; false when it is not a TrustMetrics result.</summary>
    public bool Format(object instance, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (instance is null || render(instance) is not { } text)
        {
            return false;
        }

        writer.Write(text);
        return true;
    }
}
