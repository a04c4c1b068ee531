using System.Diagnostics.CodeAnalysis;

namespace Microsoft.DotNet.Interactive.Formatting;

/// <summary>
/// A name-matched stand-in for .NET Interactive's attribute of the same name, so notebooks that still run .NET Interactive
/// (Polyglot Notebooks, deprecated in 2026) render TrustMetrics results as HTML tables without this package referencing theirs.
/// .NET Interactive's <c>Formatter</c> looks for an attribute on the value's type whose type name is
/// <c>TypeFormatterSourceAttribute</c>, reads its public <see cref="FormatterSourceType"/> and <see cref="PreferredMimeTypes"/>
/// properties, creates the source with its public parameterless constructor, calls its public <c>CreateTypeFormatters()</c>, and
/// from each returned object uses the public <c>MimeType</c> property and <c>bool Format(object, TextWriter)</c> method
/// (dotnet/interactive, src/Microsoft.DotNet.Interactive.Formatting/Formatter.cs, <c>TryRegisterFromConventionBasedFormatterSources</c>).
/// Internal: it is nobody else's API.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false, Inherited = false)]
internal sealed class TypeFormatterSourceAttribute : Attribute
{
    /// <summary>Names the formatter source; its constructor and methods are kept by the trimmer because notebooks reach them by reflection.</summary>
    public TypeFormatterSourceAttribute(
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor | DynamicallyAccessedMemberTypes.PublicMethods)]
        Type formatterSourceType)
    {
        FormatterSourceType = formatterSourceType;
    }

    /// <summary>The type whose <c>CreateTypeFormatters()</c> returns the formatters.</summary>
    [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor | DynamicallyAccessedMemberTypes.PublicMethods)]
    public Type FormatterSourceType { get; }

    /// <summary>MIME types to prefer for the attributed type, best first (results prefer "text/html").</summary>
    public string[]? PreferredMimeTypes { get; set; }
}
