namespace TrustMetrics.Cli.Report.Svg;

/// <summary>
/// Horizontal bars, one row per category (dimension, driver, product): long category names stay readable on the left. Grouped
/// (one bar per series in each row, with interval whiskers where given) or stacked (series laid end to end: a distribution).
/// With <c>dots</c>, each value is a dot on its whisker instead of a bar, on an axis spanning the data (intervals, not amounts).
/// An optional note per row is printed at the right edge (alpha, n). The height grows with the rows; non-finite values are left out.
/// </summary>
internal static class HorizontalBarChart
{
    private const double Top = 44, Bottom = 40, Right = 20, NoteWidth = 86;

    public static string Render(string title, IReadOnlyList<string> categories, IReadOnlyList<BarSeries> series, string xLabel,
        double? xMin = null, double? xMax = null, bool stacked = false, IReadOnlyList<string>? notes = null, IReadOnlyList<string>? categoryColors = null, bool dots = false,
        IReadOnlyList<string>? seriesColors = null)
    {
        var finite = stacked
            ? categories.Select((_, c) => series.Sum(s => double.IsFinite(s.Values[c]) ? s.Values[c] : 0)).ToList()
            : series.SelectMany(s => s.Values.Concat(s.Lower ?? []).Concat(s.Upper ?? [])).Where(double.IsFinite).ToList();
        // Dots with whiskers need no zero baseline, so their axis spans the data; bars start at zero.
        double low = xMin ?? (dots ? finite.DefaultIfEmpty(0).Min() : Math.Min(0, finite.DefaultIfEmpty(0).Min()));
        double high = xMax ?? (dots ? finite.DefaultIfEmpty(1).Max() : Math.Max(0, finite.DefaultIfEmpty(1).Max()));
        int longest = categories.Count == 0 ? 4 : categories.Max(c => c.Length);
        double left = Math.Clamp(12 + 6.6 * longest, 70, 230);
        double right = ChartStyle.Width - Right - (notes is null ? 0 : NoteWidth);
        double barHeight = stacked ? 18 : Math.Clamp(28.0 / Math.Max(1, series.Count), 9, 18);
        double rowHeight = stacked ? 26 : barHeight * series.Count + 10;
        double height = Top + rowHeight * categories.Count + Bottom;

        var svg = new SvgWriter(ChartStyle.Width, height, title);
        svg.Rect(0, 0, ChartStyle.Width, height, "#ffffff");
        svg.Text(8, 18, title, size: 14, extra: "font-weight=\"600\" fill=\"" + ChartStyle.Ink + "\"");
        if (categoryColors is null)
        {
            double lx = left;
            for (int s = 0; s < series.Count; s++)
            {
                svg.Rect(lx, 26, 10, 10, seriesColors?[s] ?? ChartStyle.Color(s));
                svg.Text(lx + 14, 35, series[s].Name, size: 11, extra: "fill=\"" + ChartStyle.Ink + "\"");
                lx += 24 + 6.5 * series[s].Name.Length;
            }
        }

        double bottom = Top + rowHeight * categories.Count;
        LinearScale x;
        IReadOnlyList<double> ticks;
        if (xMin is not null && xMax is not null)
        {
            x = new LinearScale(low, high, left, right);
            double step = LinearScale.NiceStep((x.DomainMax - x.DomainMin) / 5);
            var list = new List<double>();
            for (double t = Math.Ceiling(x.DomainMin / step) * step; t <= x.DomainMax + step * 1e-9; t += step)
            {
                list.Add(Math.Round(t, 6));
            }

            ticks = list;
        }
        else
        {
            (x, ticks) = LinearScale.Nice(low, high, left, right);
        }

        double tickStep = ticks.Count > 1 ? ticks[1] - ticks[0] : 1;
        foreach (double tick in ticks)
        {
            double px = x.Map(tick);
            svg.Line(px, Top, px, bottom, ChartStyle.Grid);
            svg.Text(px, bottom + 16, ChartStyle.Tick(tick, tickStep), "middle", 11, "fill=\"" + ChartStyle.Ink + "\"");
        }

        svg.Line(left, Top, left, bottom, ChartStyle.Axis);
        svg.Line(left, bottom, right, bottom, ChartStyle.Axis);
        svg.Text((left + right) / 2, height - 8, xLabel, "middle", 11, "fill=\"" + ChartStyle.Muted + "\"");

        double zero = x.MapClamped(Math.Clamp(0, x.DomainMin, x.DomainMax));
        for (int c = 0; c < categories.Count; c++)
        {
            double rowTop = Top + rowHeight * c;
            svg.Text(left - 6, rowTop + rowHeight / 2 + 4, categories[c], "end", 11, "fill=\"" + ChartStyle.Ink + "\"");
            if (notes is not null && c < notes.Count && notes[c].Length > 0)
            {
                svg.Text(right + 6, rowTop + rowHeight / 2 + 4, notes[c], "start", 10, "fill=\"" + ChartStyle.Muted + "\"");
            }

            double start = zero;
            double running = 0;
            for (int s = 0; s < series.Count; s++)
            {
                double value = series[s].Values[c];
                if (!double.IsFinite(value))
                {
                    continue;
                }

                string color = categoryColors?[c] ?? seriesColors?[s] ?? ChartStyle.Color(s);
                double y = stacked ? rowTop + (rowHeight - barHeight) / 2 : rowTop + 5 + barHeight * s;
                string tooltip = $"{categories[c]} · {series[s].Name}: {Label(value)}";
                if (stacked)
                {
                    double end = x.MapClamped(running + value);
                    svg.Rect(start, y, end - start, barHeight, color, "stroke=\"#ffffff\" stroke-width=\"1\"", tooltip);
                    start = end;
                    running += value;
                    continue;
                }

                double tip = x.MapClamped(value);
                if (!dots)
                {
                    svg.Rect(Math.Min(zero, tip), y + 1, Math.Abs(tip - zero), barHeight - 2, color, tooltip: tooltip);
                }

                if (series[s].Lower is { } lower && series[s].Upper is { } upper && double.IsFinite(lower[c]) && double.IsFinite(upper[c]))
                {
                    double centre = y + barHeight / 2;
                    double xl = x.MapClamped(lower[c]), xu = x.MapClamped(upper[c]);
                    double half = Math.Min(4, barHeight / 2 - 1);
                    string stroke = dots ? color : ChartStyle.Ink;
                    svg.Line(xl, centre, xu, centre, stroke, 1.2);
                    svg.Line(xl, centre - half, xl, centre + half, stroke, 1.2);
                    svg.Line(xu, centre - half, xu, centre + half, stroke, 1.2);
                }

                if (dots)
                {
                    svg.Circle(tip, y + barHeight / 2, Math.Min(4.5, barHeight / 2), color, tooltip);
                }
            }
        }

        return svg.ToString();
    }

    private static string Label(double value) => value.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);
}
