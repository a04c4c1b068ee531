using System.Collections;
using System.Reflection;
using TrustMetrics.Nps;

namespace TrustMetrics.Tests.Presentation;

/// <summary>
/// Finds and calls the notebook formatters exactly the way .NET Interactive's convention-based lookup does, without referencing
/// it (dotnet/interactive, Formatter.cs, TryRegisterFromConventionBasedFormatterSources): attributes on the value's type whose
/// type name is "TypeFormatterSourceAttribute", their public FormatterSourceType and PreferredMimeTypes properties,
/// Activator.CreateInstance of the source, its public CreateTypeFormatters() as an IEnumerable, and on each formatter the
/// public MimeType property and the one public method named Format(object, TextWriter) returning bool.
/// </summary>
public class NotebookFormatterTests
{
    public static TheoryData<string> Results => RenderedResults.Names();

    [Theory]
    [MemberData(nameof(Results))]
    public void Html_formatter_is_discovered_by_name_and_writes_the_html_table(string name)
    {
        var result = RenderedResults.Get(name);

        var formatters = ConventionBasedFormatters(result.GetType(), out var preferred);

        Assert.Equal(["text/html"], preferred ?? []);
        Assert.Equal(["text/html", "text/plain"], formatters.Select(f => f.MimeType));
        var (handled, html) = Format(formatters[0], result);
        Assert.True(handled);
        Assert.Equal(RenderingTests.Html(result), html);
        var (_, text) = Format(formatters[1], result);
        Assert.Equal(result.ToString(), text);
    }

    [Fact]
    public void Formatters_decline_values_that_are_not_results()
    {
        var formatters = ConventionBasedFormatters(typeof(NpsResult), out _);
        Assert.All(formatters, f => Assert.False(Format(f, "not a result").Handled));
    }

    [Fact]
    public void The_attribute_is_internal_and_lives_in_the_namespace_dotnet_interactive_expects()
    {
        var attribute = typeof(NpsResult).GetCustomAttributes(true).Single(a => a.GetType().Name == "TypeFormatterSourceAttribute").GetType();
        Assert.Equal("Microsoft.DotNet.Interactive.Formatting.TypeFormatterSourceAttribute", attribute.FullName);
        Assert.False(attribute.IsPublic);
        Assert.DoesNotContain(typeof(NpsResult).Assembly.GetReferencedAssemblies(), a => a.Name!.StartsWith("Microsoft.DotNet.Interactive", StringComparison.Ordinal));
    }

    private static List<(string MimeType, object Formatter)> ConventionBasedFormatters(Type type, out string[]? preferredMimeTypes)
    {
        var attribute = type.GetCustomAttributes(true).Single(a => a.GetType().Name == "TypeFormatterSourceAttribute");
        var sourceType = (Type)attribute.GetType().GetProperty("FormatterSourceType")!.GetValue(attribute)!;
        preferredMimeTypes = attribute.GetType().GetProperty("PreferredMimeTypes")!.GetValue(attribute) as string[];
        object source = Activator.CreateInstance(sourceType)!;
        var formatters = (IEnumerable)source.GetType().GetMethod("CreateTypeFormatters")!.Invoke(source, null)!;
        var list = new List<(string, object)>();
        foreach (object formatter in formatters)
        {
            list.Add(((string)formatter.GetType().GetProperty("MimeType")!.GetValue(formatter)!, formatter));
        }

        return list;
    }

    private static (bool Handled, string Output) Format((string MimeType, object Formatter) formatter, object value)
    {
        MethodInfo format = formatter.Formatter.GetType().GetMethod("Format")!; // GetMethod by name alone, as .NET Interactive does
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        bool handled = (bool)format.Invoke(formatter.Formatter, [value, writer])!;
        return (handled, writer.ToString());
    }
}
