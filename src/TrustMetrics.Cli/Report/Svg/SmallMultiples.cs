using System.Globalization;

namespace TrustMetrics.Cli.Report.Svg;

/// <summary>
/// One small line chart per group on a shared y axis (small multiples): each panel draws its group's line and interval band in
/// its own colour over the overall line in grey, so four groups' bands never overlap and every group is compared with the same
/// reference. Panels run two, three or four to a row; period labels sit under the bottom row only.
/// </summary>
internal static class SmallMultiples
{
    private const double PanelHeight = 130;
    private const double TitleHeight = 44;
    private const double AxisHeight = 34;
    private const double Left = 44;
    private const double Gap = 14;
    private const double RowGap = 30;

    /// <param name="title">The chart title.</param>
    /// <param name="categories">The periods along every panel's x axis.</param>
    /// <param name="panels">One series per panel (its name is the panel title; an empty name is shown as "(blank)").</param>
    /// <param name="reference">The overall series drawn in grey in every panel, or null.</param>
    /// <param name="referenceName">The legend name of the reference line.</param>
    /// <param name="yLabel">The y axis title.</param>
    /// <param name="anytimeLegend">The legend entry of the dashed anytime-valid band (shown when a panel has one).</param>
    public static string Render(string title, IReadOnlyList<string> categories, IReadOnlyList<LineSeries> panels, LineSeries? reference, string referenceName, string yLabel,
        string? anytimeLegend = null)
    {
        int columns = panels.Count <= 4 ? 2 : panels.Count <= 6 ? 3 : 4;
        int rows = (panels.Count + columns - 1) / Math.Max(1, columns);
        double height = TitleHeight + rows * (PanelHeight + RowGap) + AxisHeight;
        var svg = new SvgWriter(ChartStyle.Width, height, title);
        svg.Rect(0, 0, ChartStyle.Width, height, "#ffffff");
        svg.Text(8, 18, title, size: 14, extra: "font-weight=\"600\" fill=\"" + ChartStyle.Ink + "\"");
        if (reference is not null)
        {
            svg.Line(Left, 31, Left + 16, 31, ReferenceColor, 2);
            svg.Text(Left + 20, 35, referenceName, size: 11, extra: "fill=\"" + ChartStyle.Ink + "\"");
        }

        if (anytimeLegend is not null && panels.Any(p => p.AnytimeLower is not null))
        {
            double x = Left + (reference is null ? 0 : 40 + 6.5 * referenceName.Length);
            svg.Line(x, 31, x + 16, 31, ChartStyle.Muted, 1.5, ChartStyle.Dash);
            svg.Text(x + 20, 35, anytimeLegend, size: 11, extra: "fill=\"" + ChartStyle.Ink + "\"");
        }

        var finite = panels.Append(reference).OfType<LineSeries>().SelectMany(s => s.Drawn()).ToList();
        double panelWidth = (ChartStyle.Width - Left - 10 - (columns - 1) * Gap) / columns;
        for (int p = 0; p < panels.Count; p++)
        {
            int row = p / columns, column = p % columns;
            double x0 = Left + column * (panelWidth + Gap);
            double top = TitleHeight + row * (PanelHeight + RowGap) + 16;
            double bottom = TitleHeight + row * (PanelHeight + RowGap) + PanelHeight;
            var (y, ticks) = LinearScale.Nice(finite.DefaultIfEmpty(0).Min(), finite.DefaultIfEmpty(1).Max(), bottom, top, 3);
            double step = ticks.Count > 1 ? ticks[1] - ticks[0] : 1;
            string color = ChartStyle.Color(p);
            svg.Text(x0, top - 5, panels[p].Name.Length == 0 ? "(blank)" : panels[p].Name, size: 12, extra: $"font-weight=\"600\" fill=\"{color}\"");
            foreach (double tick in ticks)
            {
                svg.Line(x0, y.Map(tick), x0 + panelWidth, y.Map(tick), ChartStyle.Grid);
                if (column == 0)
                {
                    svg.Text(x0 - 5, y.Map(tick) + 4, ChartStyle.Tick(tick, step), "end", 10, "fill=\"" + ChartStyle.Muted + "\"");
                }
            }

            svg.Line(x0, bottom, x0 + panelWidth, bottom, ChartStyle.Axis);
            double slot = panelWidth / Math.Max(1, categories.Count);
            double X(int i) => x0 + slot * (i + 0.5);
            var series = panels[p];
            if (series.Lower is { } lower && series.Upper is { } upper)
            {
                foreach (var run in LineChart.Runs(categories.Count, i => double.IsFinite(lower[i]) && double.IsFinite(upper[i])))
                {
                    svg.Polygon(run.Select(i => (X(i), y.MapClamped(upper[i]))).Concat(run.AsEnumerable().Reverse().Select(i => (X(i), y.MapClamped(lower[i])))).ToList(), color, 0.18);
                }
            }

            if (series.AnytimeLower is { } anyLower && series.AnytimeUpper is { } anyUpper)
            {
                foreach (var edge in new[] { anyLower, anyUpper })
                {
                    foreach (var run in LineChart.Runs(categories.Count, i => double.IsFinite(edge[i])))
                    {
                        svg.Polyline(run.Select(i => (X(i), y.MapClamped(edge[i]))).ToList(), color, 1.2, ChartStyle.Dash);
                    }
                }
            }

            if (reference is not null)
            {
                foreach (var run in LineChart.Runs(categories.Count, i => double.IsFinite(reference.Values[i])))
                {
                    svg.Polyline(run.Select(i => (X(i), y.MapClamped(reference.Values[i]))).ToList(), ReferenceColor, 1.5);
                }
            }

            foreach (var run in LineChart.Runs(categories.Count, i => double.IsFinite(series.Values[i])))
            {
                svg.Polyline(run.Select(i => (X(i), y.MapClamped(series.Values[i]))).ToList(), color, 2);
                foreach (int i in run)
                {
                    svg.Circle(X(i), y.MapClamped(series.Values[i]), 2.5, color,
                        string.Create(CultureInfo.InvariantCulture, $"{series.Name} {categories[i]}: {series.Values[i]:0.##}"));
                }
            }

            // Period labels under the last panel of each column (every k-th when they would collide).
            bool lastInColumn = p + columns >= panels.Count;
            if (lastInColumn)
            {
                int longest = categories.Count == 0 ? 1 : categories.Max(c => c.Length);
                int every = Math.Max(1, (int)Math.Ceiling(longest * 6.0 / slot));
                for (int i = 0; i < categories.Count; i++)
                {
                    if (i % every == 0)
                    {
                        svg.Text(X(i), bottom + 14, categories[i], "middle", 10, "fill=\"" + ChartStyle.Ink + "\"");
                    }
                }
            }
        }

        svg.Text(12, TitleHeight + rows * (PanelHeight + RowGap) / 2, yLabel, "middle", 11,
            $"fill=\"{ChartStyle.Muted}\" transform=\"rotate(-90 12 {SvgWriter.Number(TitleHeight + rows * (PanelHeight + RowGap) / 2)})\"");
        return svg.ToString();
    }

    private const string ReferenceColor = "#9a9a9a";
}
