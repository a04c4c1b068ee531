using System.Globalization;
using TrustMetrics.Estimation;

namespace TrustMetrics.Cli.Output;

/// <summary>Invariant-culture number formatting for the human-readable renderers (JSON keeps full precision).</summary>
internal static class Formatting
{
    public static string Number(double value, int decimals) =>
        double.IsFinite(value) ? value.ToString("F" + decimals, CultureInfo.InvariantCulture) : "–";

    /// <summary>A number for CSV files: shortest round-trip text in invariant culture, never "-0" (negative zero is written 0).</summary>
    public static string CsvNumber(double value) => value == 0 ? "0" : value.ToString("R", CultureInfo.InvariantCulture);

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Interval(ConfidenceInterval interval, int decimals) =>
        double.IsFinite(interval.Lower) && double.IsFinite(interval.Upper)
            ? $"[{Number(interval.Lower, decimals)}, {Number(interval.Upper, decimals)}]"
            : "–";

    public static string Level(double level) => (level * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    public static string PValue(double p) => p < 0.0001 ? "< 0.0001" : p.ToString("0.0000", CultureInfo.InvariantCulture);

    /// <summary>"p = 0.0123", or "p &lt; 0.0001" for tiny ones (never "p = &lt; 0.0001").</summary>
    public static string PClause(double p) => p < 0.0001 ? "p < 0.0001" : "p = " + PValue(p);

    public static string Signed(double value, int decimals) =>
        (value > 0 ? "+" : string.Empty) + Number(value, decimals);
}
