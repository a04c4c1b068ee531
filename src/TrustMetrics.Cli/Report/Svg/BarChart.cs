namespace TrustMetrics.Cli.Report.Svg;

/// <summary>One series of a bar chart: a value per category, optionally with interval bounds drawn as whiskers.</summary>
internal sealed record BarSeries(string Name, IReadOnlyList<double> Values, IReadOnlyList<double>? Lower = null, IReadOnlyList<double>? Upper = null);

/// <summary>
/// Grouped vertical bars over categories (one bar per series in each category), with interval whiskers where given.
/// Bars start at zero (or at the axis minimum when every value lies above it); non-finite values are left out.
/// </summary>
internal static class BarChart
{
    public static string Render(string title, IReadOnlyList<string> categories, IReadOnlyList<BarSeries> series, string yLabel, string? xLabel = null,
        double? yMin = null, double? yMax = null, IReadOnlyList<string>? categoryColors = null)
    {
        var finite = series.SelectMany(s => s.Values.Concat(s.Lower ?? []).Concat(s.Upper ?? [])).Where(double.IsFinite).ToList();
        double low = yMin ?? Math.Min(0, finite.DefaultIfEmpty(0).Min());
        double high = yMax ?? Math.Max(0, finite.DefaultIfEmpty(1).Max());
        var legend = categoryColors is null ? series.Select((s, i) => (s.Name, ChartStyle.Color(i))).ToList() : [];
        var frame = ChartFrame.Begin(title, yLabel, xLabel, low, high, legend, exact: yMin is not null && yMax is not null);
        var y = frame.Y;
        double slot = (ChartFrame.Right - ChartFrame.Left) / Math.Max(1, categories.Count);
        double groupWidth = slot * 0.8;
        double barWidth = groupWidth / Math.Max(1, series.Count);
        double baseline = y.MapClamped(0);
        for (int c = 0; c < categories.Count; c++)
        {
            for (int s = 0; s < series.Count; s++)
            {
                double value = series[s].Values[c];
                if (!double.IsFinite(value))
                {
                    continue;
                }

                double x = ChartFrame.Left + slot * c + (slot - groupWidth) / 2 + barWidth * s;
                double top = y.MapClamped(value);
                string color = categoryColors?[c] ?? ChartStyle.Color(s);
                frame.Svg.Rect(x + 1, Math.Min(top, baseline), barWidth - 2, Math.Abs(baseline - top), color, tooltip: $"{categories[c]} · {series[s].Name}: {Label(value)}");
                if (series[s].Lower is { } lower && series[s].Upper is { } upper && double.IsFinite(lower[c]) && double.IsFinite(upper[c]))
                {
                    double centre = x + barWidth / 2;
                    double yl = y.MapClamped(lower[c]), yu = y.MapClamped(upper[c]);
                    frame.Svg.Line(centre, yl, centre, yu, ChartStyle.Ink, 1.2);
                    frame.Svg.Line(centre - 4, yl, centre + 4, yl, ChartStyle.Ink, 1.2);
                    frame.Svg.Line(centre - 4, yu, centre + 4, yu, ChartStyle.Ink, 1.2);
                }
            }
        }

        frame.CategoryLabels(categories);
        return frame.ToString();
    }

    private static string Label(double value) => value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
}
