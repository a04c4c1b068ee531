using System.Globalization;
using System.Text;

namespace TrustMetrics.Cli.Report.Svg;

/// <summary>
/// Writes SVG markup: every attribute and text node escaped, every number in the invariant culture with at most two
/// decimals, and never NaN or infinity (a non-finite coordinate is a bug in the caller, so it throws rather than draws).
/// </summary>
internal sealed class SvgWriter
{
    private readonly StringBuilder text = new();

    public SvgWriter(double width, double height, string title)
    {
        text.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Number(width)} {Number(height)}\" width=\"{Number(width)}\" height=\"{Number(height)}\" role=\"img\" class=\"chart\" font-family=\"system-ui, sans-serif\">");
        text.Append("<title>").Append(Escape(title)).Append("</title>");
    }

    /// <summary>A number for an attribute: invariant culture, up to two decimals, no exponent.</summary>
    public static string Number(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "An SVG coordinate must be finite.");
        }

        string formatted = Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);
        return formatted == "-0" ? "0" : formatted;
    }

    /// <summary>Escapes the five XML special characters, so data values (group names, titles) can never break the markup.</summary>
    public static string Escape(string value) => value
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal)
        .Replace("'", "&apos;", StringComparison.Ordinal);

    public SvgWriter Rect(double x, double y, double width, double height, string fill, string? extra = null, string? tooltip = null)
    {
        text.Append(CultureInfo.InvariantCulture,
            $"<rect x=\"{Number(x)}\" y=\"{Number(y)}\" width=\"{Number(Math.Max(0, width))}\" height=\"{Number(Math.Max(0, height))}\" fill=\"{Escape(fill)}\"");
        Attributes(extra);
        return Close("rect", tooltip);
    }

    public SvgWriter Line(double x1, double y1, double x2, double y2, string stroke, double width = 1, string? extra = null)
    {
        text.Append(CultureInfo.InvariantCulture,
            $"<line x1=\"{Number(x1)}\" y1=\"{Number(y1)}\" x2=\"{Number(x2)}\" y2=\"{Number(y2)}\" stroke=\"{Escape(stroke)}\" stroke-width=\"{Number(width)}\"");
        Attributes(extra);
        text.Append("/>");
        return this;
    }

    /// <summary>An open polyline through the points.</summary>
    public SvgWriter Polyline(IReadOnlyList<(double X, double Y)> points, string stroke, double width = 2, string? extra = null)
    {
        if (points.Count == 0)
        {
            return this;
        }

        text.Append("<polyline points=\"");
        AppendPoints(points);
        text.Append(CultureInfo.InvariantCulture, $"\" fill=\"none\" stroke=\"{Escape(stroke)}\" stroke-width=\"{Number(width)}\"");
        Attributes(extra);
        text.Append("/>");
        return this;
    }

    /// <summary>A filled polygon (an interval band: the upper edge left to right, then the lower edge back).</summary>
    public SvgWriter Polygon(IReadOnlyList<(double X, double Y)> points, string fill, double opacity, string? extra = null)
    {
        if (points.Count == 0)
        {
            return this;
        }

        text.Append("<polygon points=\"");
        AppendPoints(points);
        text.Append(CultureInfo.InvariantCulture, $"\" fill=\"{Escape(fill)}\" fill-opacity=\"{Number(opacity)}\" stroke=\"none\"");
        Attributes(extra);
        text.Append("/>");
        return this;
    }

    public SvgWriter Circle(double x, double y, double radius, string fill, string? tooltip = null)
    {
        text.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{Number(x)}\" cy=\"{Number(y)}\" r=\"{Number(radius)}\" fill=\"{Escape(fill)}\"");
        return Close("circle", tooltip);
    }

    /// <summary>A text node; <paramref name="anchor"/> is start, middle or end.</summary>
    public SvgWriter Text(double x, double y, string content, string anchor = "start", double size = 12, string? extra = null)
    {
        text.Append(CultureInfo.InvariantCulture,
            $"<text x=\"{Number(x)}\" y=\"{Number(y)}\" text-anchor=\"{anchor}\" font-size=\"{Number(size)}\"");
        Attributes(extra);
        text.Append('>').Append(Escape(content)).Append("</text>");
        return this;
    }

    public override string ToString() => text + "</svg>";

    private void AppendPoints(IReadOnlyList<(double X, double Y)> points)
    {
        for (int i = 0; i < points.Count; i++)
        {
            if (i > 0)
            {
                text.Append(' ');
            }

            text.Append(Number(points[i].X)).Append(',').Append(Number(points[i].Y));
        }
    }

    // Extra attributes come from the chart code, never from data, so they are trusted markup.
    private void Attributes(string? extra)
    {
        if (!string.IsNullOrEmpty(extra))
        {
            text.Append(' ').Append(extra);
        }
    }

    private SvgWriter Close(string element, string? tooltip)
    {
        if (tooltip is null)
        {
            text.Append("/>");
        }
        else
        {
            text.Append("><title>").Append(Escape(tooltip)).Append("</title></").Append(element).Append('>');
        }

        return this;
    }
}
