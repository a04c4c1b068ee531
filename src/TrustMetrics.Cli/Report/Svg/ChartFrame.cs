namespace TrustMetrics.Cli.Report.Svg;

/// <summary>
/// The parts every x–y chart shares: title, legend, the plot area, a y axis with grid lines and tick labels, and axis
/// titles. Charts draw their marks between <see cref="Begin"/> and <see cref="ToString"/>.
/// </summary>
internal sealed class ChartFrame
{
    private ChartFrame(SvgWriter svg, LinearScale y, IReadOnlyList<double> yTicks)
    {
        Svg = svg;
        Y = y;
        YTicks = yTicks;
    }

    public SvgWriter Svg { get; }

    public LinearScale Y { get; }

    public IReadOnlyList<double> YTicks { get; }

    public static double Left => ChartStyle.MarginLeft;

    public static double Right => ChartStyle.Width - ChartStyle.MarginRight;

    public static double Top => ChartStyle.MarginTop;

    public static double Bottom => ChartStyle.Height - ChartStyle.MarginBottom;

    /// <summary>Starts a chart: title, legend, y axis over [yMin, yMax] (rounded out to nice ticks unless <paramref name="exact"/>).</summary>
    public static ChartFrame Begin(string title, string yLabel, string? xLabel, double yMin, double yMax, IReadOnlyList<(string Name, string Color)> legend, bool exact = false)
    {
        var svg = new SvgWriter(ChartStyle.Width, ChartStyle.Height, title);
        svg.Rect(0, 0, ChartStyle.Width, ChartStyle.Height, "#ffffff");
        svg.Text(8, 18, title, size: 14, extra: "font-weight=\"600\" fill=\"" + ChartStyle.Ink + "\"");
        double x = Left;
        foreach (var (given, color) in legend)
        {
            // A blank group cell is the group "(blank)" everywhere; a legend entry never has an empty label.
            string name = given.Length == 0 ? "(blank)" : given;
            if (color.StartsWith(ChartStyle.DashedLegend, StringComparison.Ordinal))
            {
                // A dashed line: the anytime-valid band's edges (LineChart).
                svg.Line(x - 4, 31, x + 12, 31, color[ChartStyle.DashedLegend.Length..], 1.5, ChartStyle.Dash);
                x += 4;
            }
            else
            {
                svg.Rect(x, 26, 10, 10, color);
            }

            svg.Text(x + 14, 35, name, size: 11, extra: "fill=\"" + ChartStyle.Ink + "\"");
            x += 24 + 6.5 * name.Length;
        }

        LinearScale y;
        IReadOnlyList<double> ticks;
        if (exact)
        {
            y = new LinearScale(yMin, yMax, Bottom, Top);
            double step = LinearScale.NiceStep((y.DomainMax - y.DomainMin) / 5);
            var list = new List<double>();
            for (double t = Math.Ceiling(y.DomainMin / step) * step; t <= y.DomainMax + step * 1e-9; t += step)
            {
                list.Add(Math.Round(t, 6));
            }

            ticks = list;
        }
        else
        {
            (y, ticks) = LinearScale.Nice(yMin, yMax, Bottom, Top);
        }

        double tickStep = ticks.Count > 1 ? ticks[1] - ticks[0] : 1;
        foreach (double tick in ticks)
        {
            double py = y.Map(tick);
            svg.Line(Left, py, Right, py, ChartStyle.Grid);
            svg.Text(Left - 6, py + 4, ChartStyle.Tick(tick, tickStep), "end", 11, "fill=\"" + ChartStyle.Muted + "\"");
        }

        svg.Line(Left, Top, Left, Bottom, ChartStyle.Axis);
        svg.Line(Left, Bottom, Right, Bottom, ChartStyle.Axis);
        svg.Text(14, (Top + Bottom) / 2, yLabel, "middle", 11,
            $"fill=\"{ChartStyle.Muted}\" transform=\"rotate(-90 14 {SvgWriter.Number((Top + Bottom) / 2)})\"");
        if (xLabel is not null)
        {
            svg.Text((Left + Right) / 2, ChartStyle.Height - 8, xLabel, "middle", 11, "fill=\"" + ChartStyle.Muted + "\"");
        }

        return new ChartFrame(svg, y, ticks);
    }

    /// <summary>Category labels centred under equal-width slots; every k-th label when they would collide.</summary>
    public void CategoryLabels(IReadOnlyList<string> categories)
    {
        double slot = (Right - Left) / Math.Max(1, categories.Count);
        int longest = categories.Count == 0 ? 1 : categories.Max(c => c.Length);
        int every = Math.Max(1, (int)Math.Ceiling(longest * 6.5 / slot));
        for (int i = 0; i < categories.Count; i += every)
        {
            Svg.Text(Left + slot * (i + 0.5), Bottom + 16, categories[i], "middle", 11, "fill=\"" + ChartStyle.Ink + "\"");
        }
    }

    /// <summary>A numeric x axis: nice ticks along the bottom, returning the scale.</summary>
    public LinearScale NumericX(double min, double max)
    {
        var (x, ticks) = LinearScale.Nice(min, max, Left, Right, 8);
        double step = ticks.Count > 1 ? ticks[1] - ticks[0] : 1;
        foreach (double tick in ticks)
        {
            double px = x.Map(tick);
            Svg.Line(px, Bottom, px, Bottom + 4, ChartStyle.Axis);
            Svg.Text(px, Bottom + 16, ChartStyle.Tick(tick, step), "middle", 11, "fill=\"" + ChartStyle.Ink + "\"");
        }

        return x;
    }

    public override string ToString() => Svg.ToString();
}
