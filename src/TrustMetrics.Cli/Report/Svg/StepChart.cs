namespace TrustMetrics.Cli.Report.Svg;

/// <summary>
/// One right-continuous step function (a survival curve): value at each jump time, with optional pointwise bounds; Start is
/// the value before the first time (1 for a survival curve).
/// </summary>
internal sealed record StepSeries(string Name, IReadOnlyList<double> Times, IReadOnlyList<double> Values, IReadOnlyList<double>? Lower = null,
    IReadOnlyList<double>? Upper = null, double Start = 1.0);

/// <summary>
/// Step curves from time 0 (Kaplan–Meier style) with shaded step bands. A bound that is not finite (no interval at that
/// step, e.g. after the curve reaches 0) falls back to the curve's value, so the band narrows instead of breaking.
/// </summary>
internal static class StepChart
{
    public static string Render(string title, IReadOnlyList<StepSeries> series, string xLabel, string yLabel, double yMin = 0, double yMax = 1, double? xMax = null,
        int firstColor = 0)
    {
        // firstColor lets a small-multiple panel keep the colour its series has in the combined chart.
        var frame = ChartFrame.Begin(title, yLabel, xLabel, yMin, yMax, series.Select((s, i) => (s.Name, ChartStyle.Color(firstColor + i))).ToList(), exact: true);
        double maxTime = xMax ?? series.SelectMany(s => s.Times).Where(double.IsFinite).DefaultIfEmpty(1).Max();
        var x = frame.NumericX(0, maxTime);
        for (int s = 0; s < series.Count; s++)
        {
            var curve = series[s];
            string color = ChartStyle.Color(firstColor + s);
            if (curve.Lower is { } lower && curve.Upper is { } upper)
            {
                var top = Steps(curve.Times, i => Bound(upper[i], curve.Values[i]), curve.Start, x, frame.Y, x.DomainMax);
                var bottom = Steps(curve.Times, i => Bound(lower[i], curve.Values[i]), curve.Start, x, frame.Y, x.DomainMax);
                bottom.Reverse();
                frame.Svg.Polygon([.. top, .. bottom], color, 0.15);
            }
        }

        for (int s = 0; s < series.Count; s++)
        {
            var curve = series[s];
            frame.Svg.Polyline(Steps(curve.Times, i => curve.Values[i], curve.Start, x, frame.Y, x.DomainMax), ChartStyle.Color(firstColor + s), 2);
        }

        return frame.ToString();
    }

    /// <summary>The step path: flat at the previous value up to each time, then a vertical drop, continued to <paramref name="end"/>.</summary>
    public static List<(double X, double Y)> Steps(IReadOnlyList<double> times, Func<int, double> value, double start, LinearScale x, LinearScale y, double end)
    {
        var points = new List<(double X, double Y)> { (x.Map(0), y.MapClamped(start)) };
        double previous = start;
        for (int i = 0; i < times.Count && times[i] <= end; i++)
        {
            double px = x.Map(times[i]);
            points.Add((px, y.MapClamped(previous)));
            previous = value(i);
            points.Add((px, y.MapClamped(previous)));
        }

        points.Add((x.Map(end), y.MapClamped(previous)));
        return points;
    }

    private static double Bound(double bound, double value) => double.IsFinite(bound) ? bound : value;
}
