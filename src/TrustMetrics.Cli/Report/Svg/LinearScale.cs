namespace TrustMetrics.Cli.Report.Svg;

/// <summary>
/// Maps a data interval [DomainMin, DomainMax] linearly onto a pixel interval [RangeStart, RangeEnd] (the range may run
/// backwards, as a y axis does). A zero-width domain is widened by one unit each side so a constant series still draws.
/// </summary>
internal sealed class LinearScale
{
    public LinearScale(double domainMin, double domainMax, double rangeStart, double rangeEnd)
    {
        if (!double.IsFinite(domainMin) || !double.IsFinite(domainMax) || domainMin > domainMax)
        {
            throw new ArgumentOutOfRangeException(nameof(domainMin), $"The domain [{domainMin}, {domainMax}] must be finite and ordered.");
        }

        if (domainMin == domainMax)
        {
            domainMin -= 1;
            domainMax += 1;
        }

        DomainMin = domainMin;
        DomainMax = domainMax;
        RangeStart = rangeStart;
        RangeEnd = rangeEnd;
    }

    public double DomainMin { get; }

    public double DomainMax { get; }

    public double RangeStart { get; }

    public double RangeEnd { get; }

    /// <summary>The pixel position of <paramref name="value"/> (values outside the domain map outside the range).</summary>
    public double Map(double value) => RangeStart + (value - DomainMin) / (DomainMax - DomainMin) * (RangeEnd - RangeStart);

    /// <summary>Like <see cref="Map"/> but clamped to the range: for bands whose bounds may run past a fixed axis.</summary>
    public double MapClamped(double value) => Map(Math.Clamp(value, DomainMin, DomainMax));

    /// <summary>
    /// A scale whose domain covers [min, max] rounded out to "nice" tick steps (1, 2 or 5 × 10^k), with the ticks.
    /// </summary>
    public static (LinearScale Scale, IReadOnlyList<double> Ticks) Nice(double min, double max, double rangeStart, double rangeEnd, int targetTicks = 5)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max))
        {
            throw new ArgumentOutOfRangeException(nameof(min), $"The data range [{min}, {max}] must be finite.");
        }

        if (min > max)
        {
            (min, max) = (max, min);
        }

        if (min == max)
        {
            double pad = min == 0 ? 1 : Math.Abs(min) * 0.1;
            min -= pad;
            max += pad;
        }

        double step = NiceStep((max - min) / Math.Max(1, targetTicks));
        double low = Math.Floor(min / step) * step;
        double high = Math.Ceiling(max / step) * step;
        var ticks = new List<double>();
        for (int i = 0; low + i * step <= high + step * 1e-9; i++)
        {
            // Rounding to the step's decimals keeps tick labels free of 0.30000000000000004.
            ticks.Add(Math.Round(low + i * step, Math.Max(0, -(int)Math.Floor(Math.Log10(step))) + 1));
        }

        return (new LinearScale(low, high, rangeStart, rangeEnd), ticks);
    }

    /// <summary>The smallest of 1, 2, 5 × 10^k that is ≥ <paramref name="rough"/>.</summary>
    public static double NiceStep(double rough)
    {
        if (!(rough > 0) || !double.IsFinite(rough))
        {
            return 1;
        }

        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        double fraction = rough / magnitude;
        double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return nice * magnitude;
    }
}
