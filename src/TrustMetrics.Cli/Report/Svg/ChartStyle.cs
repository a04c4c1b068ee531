using System.Globalization;

namespace TrustMetrics.Cli.Report.Svg;

/// <summary>Sizes, margins and colours every chart shares (Okabe–Ito colours: distinguishable with colour-vision deficiency).</summary>
internal static class ChartStyle
{
    public const double Width = 600;
    public const double Height = 320;
    public const double MarginLeft = 60;
    public const double MarginRight = 20;
    public const double MarginTop = 40;
    public const double MarginBottom = 56;

    public const string Axis = "#444444";
    public const string Grid = "#e3e3e3";
    public const string Ink = "#222222";
    public const string Muted = "#666666";

    public static readonly string[] Palette = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"];

    public static string Color(int index) => Palette[index % Palette.Length];

    /// <summary>A legend colour starting with this is drawn as a dashed line (the anytime-valid band's edges) in the colour after it.</summary>
    public const string DashedLegend = "dash:";

    /// <summary>The stroke pattern of an anytime-valid (confidence-sequence) band's edges.</summary>
    public const string Dash = "stroke-dasharray=\"5 3\"";

    /// <summary>A tick label: integers without decimals, otherwise as few decimals as the step needs.</summary>
    public static string Tick(double value, double step)
    {
        int decimals = step >= 1 ? 0 : Math.Min(4, (int)Math.Ceiling(-Math.Log10(step)));
        return value.ToString("F" + decimals, CultureInfo.InvariantCulture);
    }
}
