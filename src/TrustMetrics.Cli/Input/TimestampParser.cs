using System.Globalization;

namespace TrustMetrics.Cli.Input;

/// <summary>ISO 8601 timestamps (a date, or a date-time with optional offset) with file/line/column errors.</summary>
internal static class TimestampParser
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss",
        "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-ddTHH:mmK", "yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-ddTHH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mm:ssK",
    ];

    /// <summary>
    /// A timestamp in UTC: times with an offset (Z, +09:00) are converted, times without one are taken as UTC, a bare date is midnight.
    /// Null for a blank cell when <paramref name="allowBlank"/>.
    /// </summary>
    public static DateTime? Parse(CsvTable table, int column, string columnName, bool allowBlank)
    {
        var text = table.FieldSpan(column);
        if (text.IsEmpty)
        {
            return allowBlank ? null
                : throw InputException.AtCell(table.Source.DisplayName, table.Line, columnName, string.Empty, "is blank; a timestamp is required here.");
        }

        return TryParse(text, out var value) ? value
            : throw InputException.AtCell(table.Source.DisplayName, table.Line, columnName, text.ToString(), "is not an ISO 8601 date or date-time (e.g. 2024-03-01 or 2024-03-01T09:30:00Z).");
    }

    public static bool TryParse(ReadOnlySpan<char> text, out DateTime value) =>
        DateTime.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
}
