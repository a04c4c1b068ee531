using System.Globalization;

namespace TrustMetrics.Cli.Report.Svg;

/// <summary>
/// A grid of cells coloured from white (the smallest value shown, rounded down to a tenth) to deep blue (1) — a cohort
/// retention table: rows = cohorts, columns = age. Null cells (not yet observed) stay blank. Values are shares in [0, 1];
/// cells print the percentage when they are wide enough.
/// </summary>
internal static class Heatmap
{
    public static string Render(string title, IReadOnlyList<string> rowLabels, IReadOnlyList<string> columnLabels, IReadOnlyList<IReadOnlyList<double?>> values,
        string xLabel, string yLabel)
    {
        const double left = 80, top = 44, right = 12, bottom = 40;
        double cell = Math.Clamp(Math.Min((ChartStyle.Width - left - right) / Math.Max(1, columnLabels.Count), 420.0 / Math.Max(1, rowLabels.Count)), 8, 40);
        double height = top + cell * rowLabels.Count + bottom;
        double floor = Math.Floor(10 * values.SelectMany(r => r).OfType<double>().Where(double.IsFinite).DefaultIfEmpty(0).Min()) / 10;
        floor = Math.Min(floor, 0.9);
        var svg = new SvgWriter(ChartStyle.Width, height, title);
        svg.Rect(0, 0, ChartStyle.Width, height, "#ffffff");
        svg.Text(8, 18, title, size: 14, extra: "font-weight=\"600\" fill=\"" + ChartStyle.Ink + "\"");
        svg.Text(left, 34, yLabel + " ↓ · " + xLabel + " →", size: 11, extra: "fill=\"" + ChartStyle.Muted + "\"");
        // The colour key: the lightest and the darkest shade with their values.
        svg.Rect(ChartStyle.Width - 120, 26, 12, 10, Color(0)).Text(ChartStyle.Width - 104, 35, Percent(floor), size: 10, extra: "fill=\"" + ChartStyle.Muted + "\"");
        svg.Rect(ChartStyle.Width - 64, 26, 12, 10, Color(1)).Text(ChartStyle.Width - 48, 35, "100%", size: 10, extra: "fill=\"" + ChartStyle.Muted + "\"");
        bool printValues = cell >= 20;
        int labelEvery = Math.Max(1, (int)Math.Ceiling(11 / cell));
        for (int r = 0; r < rowLabels.Count; r++)
        {
            double y = top + r * cell;
            if (r % labelEvery == 0)
            {
                svg.Text(left - 4, y + cell / 2 + 4, rowLabels[r], "end", Math.Min(11, cell), "fill=\"" + ChartStyle.Ink + "\"");
            }

            for (int c = 0; c < columnLabels.Count; c++)
            {
                if (c >= values[r].Count || values[r][c] is not double value || !double.IsFinite(value))
                {
                    continue;
                }

                double x = left + c * cell;
                double shade = (value - floor) / (1 - floor);
                svg.Rect(x, y, cell - 1, cell - 1, Color(shade), tooltip: $"{rowLabels[r]} · {columnLabels[c]}: {Percent(value)}");
                if (printValues)
                {
                    svg.Text(x + cell / 2, y + cell / 2 + 3, Percent(value).TrimEnd('%'), "middle", cell >= 26 ? 9 : 8, "fill=\"" + (shade > 0.55 ? "#ffffff" : ChartStyle.Ink) + "\"");
                }
            }
        }

        int columnEvery = Math.Max(1, (int)Math.Ceiling(18 / cell));
        for (int c = 0; c < columnLabels.Count; c += columnEvery)
        {
            svg.Text(left + c * cell + cell / 2, top + rowLabels.Count * cell + 14, columnLabels[c], "middle", 10, "fill=\"" + ChartStyle.Ink + "\"");
        }

        return svg.ToString();
    }

    /// <summary>Linear blend from #f7fbff (0) to #08306b (1), clamped.</summary>
    public static string Color(double share)
    {
        double t = Math.Clamp(share, 0, 1);
        int r = (int)Math.Round(0xf7 + (0x08 - 0xf7) * t);
        int g = (int)Math.Round(0xfb + (0x30 - 0xfb) * t);
        int b = (int)Math.Round(0xff + (0x6b - 0xff) * t);
        return string.Create(CultureInfo.InvariantCulture, $"#{r:x2}{g:x2}{b:x2}");
    }

    private static string Percent(double value) => (100 * value).ToString("0", CultureInfo.InvariantCulture) + "%";
}
