using System.Globalization;
using TrustMetrics.Estimation;

namespace TrustMetrics.Presentation;

/// <summary>
/// Culture-invariant renderings shared by every <c>ToString()</c>, <c>ToHtml()</c> and <c>ToMarkdown()</c>, so "0.5" never
/// prints as "0,5", counts group digits with commas ("1,204") and infinities print as "∞" whatever the current culture.
/// </summary>
internal static class InvariantText
{
    /// <summary><paramref name="value"/> with a .NET numeric <paramref name="format"/> ("0.0", "G6" …); NaN and ±∞ spelled out.</summary>
    public static string Number(double value, string format) => value switch
    {
        double.PositiveInfinity => "∞",
        double.NegativeInfinity => "-∞",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString(format, CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// Four significant digits without an exponent between 10⁻⁴ and 10⁶ (23.4, 0.7341, 12345), "G4" outside; for numbers whose
    /// unit the caller does not know (a bare <see cref="Estimate"/>).
    /// </summary>
    public static string Significant(double value)
    {
        if (!double.IsFinite(value) || value == 0)
        {
            return Number(value, "0");
        }

        int magnitude = (int)Math.Floor(Math.Log10(Math.Abs(value)));
        if (magnitude >= 6 || magnitude < -4)
        {
            return Number(value, "G4");
        }

        int decimals = Math.Max(0, 3 - magnitude);
        return Number(value, decimals == 0 ? "0" : "0." + new string('#', decimals));
    }

    /// <summary>A count with digit grouping: 1,204.</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A share 0–1 as a percentage with one decimal: 0.734 → "73.4%".</summary>
    public static string Percent(double share) => Number(share * 100, "0.0") + "%";

    /// <summary>A confidence level as "95%" (0.95), "99.5%" (0.995).</summary>
    public static string Level(double level) => Number(level * 100, "0.##") + "%";

    /// <summary>"95% CI" for the interval's level.</summary>
    public static string IntervalHeader(ConfidenceInterval interval) => Level(interval.Level) + " CI";

    /// <summary>"18.1 to 28.6", each bound with <paramref name="format"/> (null: <see cref="Significant"/>).</summary>
    public static string Bounds(ConfidenceInterval interval, string? format = null) =>
        $"{Show(interval.Lower, format)} to {Show(interval.Upper, format)}";

    /// <summary>"95% CI 18.1 to 28.6, wilson".</summary>
    public static string Interval(ConfidenceInterval interval, string? format = null) =>
        $"{IntervalHeader(interval)} {Bounds(interval, format)}, {interval.Method}";

    /// <summary>A p-value with three significant digits (2.04E-28, 0.0135).</summary>
    public static string PValue(double p) => Number(p, "G3");

    /// <summary>An optional number: the value with <paramref name="format"/>, or "–" when absent.</summary>
    public static string Optional(double? value, string format) => value is { } v ? Number(v, format) : "–";

    /// <summary>A share interval as percentages, "38.2% to 42.2%"; "–" when the bounds are not numbers (no interval computed).</summary>
    public static string PercentBounds(ConfidenceInterval interval) =>
        double.IsNaN(interval.Lower) || double.IsNaN(interval.Upper) ? "–" : $"{Percent(interval.Lower)} to {Percent(interval.Upper)}";

    /// <summary>
    /// Bounds with <paramref name="format"/> as <see cref="Bounds"/>, but "–" when they are not numbers (an index computed without
    /// bootstrap replicates has NaN bounds and method "none").
    /// </summary>
    public static string OptionalBounds(ConfidenceInterval interval, string format) =>
        double.IsInfinity(interval.Lower) && double.IsInfinity(interval.Upper) ? "–" : Bounds(interval, format);

    /// <summary>
    /// A duration in the unit a person would say it in: seconds under a minute, minutes under an hour, hours under two days,
    /// days beyond ("45 s", "3.5 min", "14 h", "91 d"); one decimal below 10 of the unit, none above.
    /// </summary>
    public static string Duration(TimeSpan duration)
    {
        double seconds = duration.TotalSeconds;
        var (value, unit) = Math.Abs(seconds) switch
        {
            < 60 => (seconds, "s"),
            < 3600 => (duration.TotalMinutes, "min"),
            < 48 * 3600 => (duration.TotalHours, "h"),
            _ => (duration.TotalDays, "d"),
        };
        return Number(value, Math.Abs(value) < 10 ? "0.0" : "0") + " " + unit;
    }

    /// <summary>A percentile's label: 0.5 → "P50", 0.995 → "P99.5".</summary>
    public static string PercentileLabel(double probability) => "P" + Number(probability * 100, "0.##");

    /// <summary>A date as yyyy-MM-dd.</summary>
    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A group key: invariant for numbers and dates (IFormattable), ToString() otherwise, "" for null.</summary>
    public static string Key<TKey>(TKey key) => key switch
    {
        null => "",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => key.ToString() ?? "",
    };

    private static string Show(double value, string? format) => format is null ? Significant(value) : Number(value, format);
}
