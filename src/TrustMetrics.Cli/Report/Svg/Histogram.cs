namespace TrustMetrics.Cli.Report.Svg;

/// <summary>One histogram bin: [Lower, Upper) (the last bin also holds its upper edge) and how many values fell in it.</summary>
internal readonly record struct HistogramBin(double Lower, double Upper, long Count);

/// <summary>Equal-width histograms: binning (shared with the report's data tables) and the chart.</summary>
internal static class Histogram
{
    /// <summary>
    /// <paramref name="count"/> equal bins over [min, max]; values above max go to the last bin (so a clipped long tail is
    /// still counted), values below min to the first; non-finite values are skipped.
    /// </summary>
    public static IReadOnlyList<HistogramBin> Bins(IEnumerable<double> values, int count, double min, double max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (!(max > min))
        {
            max = min + 1;
        }

        var counts = new long[count];
        double width = (max - min) / count;
        foreach (double value in values)
        {
            if (!double.IsFinite(value))
            {
                continue;
            }

            int bin = (int)Math.Floor((value - min) / width);
            counts[Math.Clamp(bin, 0, count - 1)]++;
        }

        return counts.Select((n, i) => new HistogramBin(min + i * width, i == count - 1 ? max : min + (i + 1) * width, n)).ToList();
    }

    public static string Render(string title, IReadOnlyList<HistogramBin> bins, string xLabel, string yLabel, string color = "#0072B2")
    {
        double maxCount = bins.Count == 0 ? 1 : Math.Max(1, bins.Max(b => b.Count));
        var frame = ChartFrame.Begin(title, yLabel, xLabel, 0, maxCount, []);
        if (bins.Count == 0)
        {
            return frame.ToString();
        }

        var x = frame.NumericX(bins[0].Lower, bins[^1].Upper);
        foreach (var bin in bins)
        {
            double left = x.Map(bin.Lower), right = x.Map(bin.Upper), top = frame.Y.Map(bin.Count);
            frame.Svg.Rect(left + 0.5, top, right - left - 1, frame.Y.Map(0) - top, color,
                tooltip: FormattableString.Invariant($"[{bin.Lower:0.##}, {bin.Upper:0.##}): {bin.Count}"));
        }

        return frame.ToString();
    }
}
