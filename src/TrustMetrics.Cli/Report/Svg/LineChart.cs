namespace TrustMetrics.Cli.Report.Svg;

/// <summary>
/// One line over categories, optionally with an interval band and an anytime-valid band (a confidence sequence, drawn as dashed
/// edges around it); NaN marks a missing point (the line breaks there).
/// </summary>
internal sealed record LineSeries(string Name, IReadOnlyList<double> Values, IReadOnlyList<double>? Lower = null, IReadOnlyList<double>? Upper = null)
{
    /// <summary>Lower edge of the anytime-valid band per category (NaN = none), or null.</summary>
    public IReadOnlyList<double>? AnytimeLower { get; init; }

    /// <summary>Upper edge of the anytime-valid band per category, or null.</summary>
    public IReadOnlyList<double>? AnytimeUpper { get; init; }

    /// <summary>Every finite number the series draws (the y range includes the bands).</summary>
    public IEnumerable<double> Drawn() => Values.Concat(Lower ?? []).Concat(Upper ?? []).Concat(AnytimeLower ?? []).Concat(AnytimeUpper ?? []).Where(double.IsFinite);
}

/// <summary>Lines over ordered categories (periods) with shaded interval bands and a dot per point.</summary>
internal static class LineChart
{
    /// <summary>The chart; <paramref name="anytimeLegend"/> is the legend entry of the dashed anytime-valid band (shown when a series has one).</summary>
    public static string Render(string title, IReadOnlyList<string> categories, IReadOnlyList<LineSeries> series, string yLabel, string? xLabel = null,
        double? yMin = null, double? yMax = null, double bandOpacity = 0.18, string? anytimeLegend = null)
    {
        var finite = series.SelectMany(s => s.Drawn()).ToList();
        double low = yMin ?? finite.DefaultIfEmpty(0).Min();
        double high = yMax ?? finite.DefaultIfEmpty(1).Max();
        var legend = series.Select((s, i) => (s.Name, ChartStyle.Color(i))).ToList();
        if (anytimeLegend is not null && series.Any(s => s.AnytimeLower is not null))
        {
            legend.Add((anytimeLegend, ChartStyle.DashedLegend + (series.Count == 1 ? ChartStyle.Color(0) : ChartStyle.Muted)));
        }

        var frame = ChartFrame.Begin(title, yLabel, xLabel, low, high, legend, exact: yMin is not null && yMax is not null);
        double slot = (ChartFrame.Right - ChartFrame.Left) / Math.Max(1, categories.Count);
        double X(int i) => ChartFrame.Left + slot * (i + 0.5);
        for (int s = 0; s < series.Count; s++)
        {
            string color = ChartStyle.Color(s);
            if (series[s].Lower is { } lower && series[s].Upper is { } upper)
            {
                foreach (var run in Runs(categories.Count, i => double.IsFinite(lower[i]) && double.IsFinite(upper[i])))
                {
                    var band = run.Select(i => (X(i), frame.Y.MapClamped(upper[i]))).Concat(run.AsEnumerable().Reverse().Select(i => (X(i), frame.Y.MapClamped(lower[i])))).ToList();
                    frame.Svg.Polygon(band, color, bandOpacity);
                }
            }

            if (series[s].AnytimeLower is { } anyLower && series[s].AnytimeUpper is { } anyUpper)
            {
                foreach (var edge in new[] { anyLower, anyUpper })
                {
                    foreach (var run in Runs(categories.Count, i => double.IsFinite(edge[i])))
                    {
                        frame.Svg.Polyline(run.Select(i => (X(i), frame.Y.MapClamped(edge[i]))).ToList(), color, 1.2, ChartStyle.Dash);
                    }
                }
            }
        }

        for (int s = 0; s < series.Count; s++)
        {
            string color = ChartStyle.Color(s);
            var values = series[s].Values;
            foreach (var run in Runs(categories.Count, i => double.IsFinite(values[i])))
            {
                frame.Svg.Polyline(run.Select(i => (X(i), frame.Y.MapClamped(values[i]))).ToList(), color, 2);
                foreach (int i in run)
                {
                    frame.Svg.Circle(X(i), frame.Y.MapClamped(values[i]), 3, color, FormattableString.Invariant($"{series[s].Name} {categories[i]}: {values[i]:0.##}"));
                }
            }
        }

        frame.CategoryLabels(categories);
        return frame.ToString();
    }

    /// <summary>Maximal runs of consecutive indices where <paramref name="present"/> holds.</summary>
    public static List<List<int>> Runs(int count, Func<int, bool> present)
    {
        var runs = new List<List<int>>();
        List<int>? current = null;
        for (int i = 0; i < count; i++)
        {
            if (present(i))
            {
                current ??= [];
                current.Add(i);
            }
            else if (current is not null)
            {
                runs.Add(current);
                current = null;
            }
        }

        if (current is not null)
        {
            runs.Add(current);
        }

        return runs;
    }
}
