using System.Globalization;

namespace TrustMetrics.Cli.Input;

/// <summary>
/// The one date rule of every command: ISO 8601 (<c>yyyy-MM-dd</c>, <c>yyyyMMdd</c>, date-times with <c>T</c> or a space, seconds
/// and fractions optional, with or without an offset such as <c>Z</c> or <c>+09:00</c>); another layout only when the user
/// gives it with <c>--date-format</c>. Anything else, and above all day/month text such as <c>03/02/2026</c>, is refused naming
/// file, line, column and value.
/// </summary>
internal static class Dates
{
    private static readonly string[] IsoFormats =
    [
        "yyyy-MM-dd", "yyyyMMdd",
        "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFF",
        "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF",
        "yyyy-MM-ddTHH:mmK", "yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-ddTHH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd HH:mmK", "yyyy-MM-dd HH:mm:ssK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
    ];

    /// <summary>What the rule accepts, for messages.</summary>
    public const string Rule = "an ISO 8601 date (yyyy-MM-dd or yyyyMMdd, or a date-time such as 2026-03-02T09:30:00+09:00); for another layout give --date-format";

    /// <summary>
    /// Parses <paramref name="text"/>: the clock time as written and its offset (zero when none is written). Fast paths for the
    /// two plain date layouts; then the ISO date-times; then <paramref name="format"/> when given.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, string? format, out DateTimeOffset value)
    {
        text = text.Trim();
        if (text.Length == 10 && text[4] == '-' && text[7] == '-' && Digits(text[..4], out int y) && Digits(text.Slice(5, 2), out int m) && Digits(text.Slice(8, 2), out int d))
        {
            return Make(y, m, d, out value);
        }

        if (text.Length == 8 && Digits(text[..4], out y) && Digits(text.Slice(4, 2), out m) && Digits(text.Slice(6, 2), out d))
        {
            return Make(y, m, d, out value);
        }

        const DateTimeStyles styles = DateTimeStyles.AssumeUniversal;
        if (text.Length > 10 && DateTimeOffset.TryParseExact(text, IsoFormats, CultureInfo.InvariantCulture, styles, out value))
        {
            return true;
        }

        if (format is not null && DateTimeOffset.TryParseExact(text, format, CultureInfo.InvariantCulture, styles, out value))
        {
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>Why <paramref name="text"/> is refused: ambiguous day/month text gets its own explanation.</summary>
    public static string Problem(ReadOnlySpan<char> text, string? format)
    {
        string given = format is null ? string.Empty : $" (nor the --date-format '{format}')";
        if (LooksDayMonth(text))
        {
            return $"is not an ISO 8601 date{given}: day/month order cannot be told from such text (03/02/2026 is 3 February or 2 March); write yyyy-MM-dd or give --date-format dd/MM/yyyy or MM/dd/yyyy.";
        }

        return $"is not {Rule}{given}.";
    }

    /// <summary>The date-time of a cell as written (calendar semantics: the offset, if any, is dropped); errors name the cell.</summary>
    public static DateTime Calendar(CsvTable table, int column, string columnName)
    {
        var text = table.FieldSpan(column);
        if (TryParse(text, table.Source.Settings.DateFormat, out var value))
        {
            return value.DateTime;
        }

        throw InputException.AtCell(table.Source.DisplayName, table.Line, columnName, text.ToString(),
            text.IsEmpty ? "is blank; a date is required here." : Problem(text, table.Source.Settings.DateFormat));
    }

    /// <summary>The instant of a cell in UTC (a time without offset is taken as UTC); null for a blank cell when <paramref name="allowBlank"/>.</summary>
    public static DateTime? Moment(CsvTable table, int column, string columnName, bool allowBlank)
    {
        var text = table.FieldSpan(column);
        if (text.IsEmpty)
        {
            return allowBlank ? null
                : throw InputException.AtCell(table.Source.DisplayName, table.Line, columnName, string.Empty, "is blank; a timestamp is required here.");
        }

        return TryParse(text, table.Source.Settings.DateFormat, out var value) ? value.UtcDateTime
            : throw InputException.AtCell(table.Source.DisplayName, table.Line, columnName, text.ToString(), Problem(text, table.Source.Settings.DateFormat));
    }

    /// <summary>A calendar date of a cell (a time of day after it is dropped); null for a blank cell when <paramref name="allowBlank"/>.</summary>
    public static DateOnly? Date(CsvTable table, int column, string columnName, bool allowBlank)
    {
        if (table.FieldSpan(column).IsEmpty && allowBlank)
        {
            return null;
        }

        return DateOnly.FromDateTime(Calendar(table, column, columnName));
    }

    /// <summary>A date given on the command line (<c>--end</c>, <c>--as-of</c>): the same rule, errors name the option.</summary>
    public static DateTimeOffset Option(string option, string text)
    {
        string? format = InputSettings.Current.DateFormat;
        return TryParse(text, format, out var value) ? value
            : throw new InputException($"{option}: '{text}' {Problem(text, format)}");
    }

    private static bool LooksDayMonth(ReadOnlySpan<char> text)
    {
        int separators = 0;
        foreach (char c in text)
        {
            if (c is '/' or '.' or '-')
            {
                separators++;
            }
            else if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        // Two separators and not year-first (yyyy/MM/dd is not ISO either, but its order is clear).
        bool yearFirst = text.Length > 4 && char.IsAsciiDigit(text[3]) && !char.IsAsciiDigit(text[4]) && text[..4].IndexOfAny('/', '.', '-') < 0;
        return separators == 2 && !yearFirst;
    }

    private static bool Digits(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        foreach (char c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = value * 10 + (c - '0');
        }

        return true;
    }

    private static bool Make(int year, int month, int day, out DateTimeOffset value)
    {
        if (year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month))
        {
            value = new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero);
            return true;
        }

        value = default;
        return false;
    }
}
